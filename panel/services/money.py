"""Money in integer minor units (cents): exact, never floats."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from panel.services.errors import Invalid

CENT = Decimal("0.01")


def to_minor(amount: Decimal | str) -> int:
    """``"12.34"`` -> 1234. More than two decimal places is refused, never rounded."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise Invalid("Amounts are decimal numbers such as 12.34.") from None
    if not value.is_finite() or value != value.quantize(CENT):
        raise Invalid("Amounts have at most two decimal places, such as 12.34.")
    return int(value * 100)


def from_minor(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(CENT)
