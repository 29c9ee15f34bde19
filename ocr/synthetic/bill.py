"""What a synthetic receipt from another country adds up to: service charge, tax (included
in the prices or added, India's in two halves), tip or gratuity, and rounding of the total.

    total = subtotal + service + (tax unless included) + tip + rounding

In a currency paid in whole units (``Style.whole_units``, rupiah) every amount is whole.
"""
from __future__ import annotations

import random as random_module
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ocr.synthetic.styles import Style, TaxRegime, percent

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
TIP_RATES = (15, 18, 20, 22)


@dataclass(frozen=True)
class Bill:
    subtotal: Decimal  # the items' amounts added up
    service: Decimal  # service charge, 10%
    rate: str  # the tax rate in percent, as the style writes it
    taxes: tuple[Decimal, ...]  # one amount, or India's two halves
    tax_included: bool
    tip: Decimal
    tip_label: str  # "Tip", "Gratuity 18%", or "" without a tip
    rounding: Decimal  # signed: added to the total

    @property
    def tax(self) -> Decimal:
        return sum(self.taxes, ZERO)

    @property
    def before_rounding(self) -> Decimal:
        return self.subtotal + self.service + (ZERO if self.tax_included else self.tax) + self.tip

    @property
    def total(self) -> Decimal:
        return self.before_rounding + self.rounding

    @property
    def before_tax(self) -> Decimal:
        """The amount tax is charged on (without tax when it is included)."""
        base = self.subtotal + self.service
        return base - self.tax if self.tax_included else base


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def to_unit(value: Decimal, style: Style) -> Decimal:
    """To the cent, or to the whole unit in a currency without cents (rupiah)."""
    return value.quantize(Decimal(1), ROUND_HALF_UP) if style.whole_units else cents(value)


def settle(rng: random_module.Random, style: Style, regime: TaxRegime, subtotal: Decimal) -> Bill:
    rate = rng.choice(regime.rates)
    service = to_unit(subtotal / 10, style) if rng.random() < style.service_share else ZERO
    base = subtotal + service
    if regime.included:
        taxes = (to_unit(base - base / (1 + percent(rate)), style),)
    elif regime.split:
        half = to_unit(base * percent(rate) / 2, style)
        taxes = (half, half)
    else:
        taxes = (to_unit(base * percent(rate), style),)
    tip, tip_label = tip_for(rng, style, subtotal)
    bill = Bill(subtotal, service, rate, taxes, regime.included, tip, tip_label, ZERO)
    if style.rounding and rng.random() < style.rounding_share:
        step = Decimal(style.rounding)
        rounded = (bill.before_rounding / step).quantize(Decimal(1), ROUND_HALF_UP) * step
        bill = Bill(subtotal, service, rate, taxes, regime.included, tip, tip_label,
                    cents(rounded - bill.before_rounding))
    return bill


def tip_for(rng: random_module.Random, style: Style, subtotal: Decimal) -> tuple[Decimal, str]:
    """US restaurants: a tip written in (often a round figure), an automatic gratuity for
    larger parties, or none (the receipt may suggest some: ``suggested_tips``)."""
    chance = rng.random() if style.restaurant else 1.0
    if chance < 0.3:
        tip = cents(subtotal * rng.choice(TIP_RATES) / 100)
        if rng.random() < 0.5:
            tip = tip.quantize(Decimal(1), ROUND_HALF_UP) or Decimal(1)
        return cents(tip), rng.choice(("Tip", "TIP", "Tip:", "Gratuity", "Add Tip"))
    if chance < 0.4:
        rate = rng.choice((18, 20))
        label = rng.choice((f"Gratuity {rate}%", f"Auto Gratuity {rate}%",
                            f"Service Charge {rate}%"))
        return cents(subtotal * rate / 100), label
    return ZERO, ""


def suggested_tips(base: Decimal) -> list[tuple[int, Decimal]]:
    """What the receipt suggests tipping, per rate (none of them is the total)."""
    return [(rate, cents(base * rate / 100)) for rate in TIP_RATES[:3]]
