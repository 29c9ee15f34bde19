"""How a payout is made, behind one small interface chosen by configuration (like storage):
``PAYOUT_METHOD=inventory`` (the embedded default: gift-card codes bought in bulk) or
``provider`` (a payout provider over HTTPS, docs/payouts.md). Store credit and charity
donations stay manual: staff pay them and mark them sent.

A method's ``start`` runs inside the redemption's transaction, after the amount is taken
off the balance; raising a ``PanelError`` there undoes the whole redemption.
"""
from __future__ import annotations

from typing import Protocol

from flask import current_app

from panel.models import Payout, PayoutState
from panel.services import gift_cards, payouts
from panel.services.errors import Conflict
from panel.services.money import from_minor

GIFT_CARD = "gift_card"


class PayoutMethod(Protocol):
    def start(self, payout: Payout, amount_minor: int, currency: str) -> None:
        """Begin paying (in the caller's transaction); raise to refuse the redemption."""


class ManualPayout:
    """Store credit or a donation: stays requested until staff mark it sent."""

    def start(self, payout: Payout, amount_minor: int, currency: str) -> None:
        return None


class InventoryGiftCard:
    """A code from the inventory, reserved now; the panelist sees it next."""

    def start(self, payout: Payout, amount_minor: int, currency: str) -> None:
        code = gift_cards.reserve(payout.ledger_entry_id, amount_minor, currency, payout.brand)
        if code is None:
            raise Conflict(f"No gift card of {from_minor(amount_minor)} {currency} is left "
                           "just now, so nothing was taken off your balance. Please choose "
                           "another amount or try again later.")
        payouts.move(payout, PayoutState.RESERVED)


class ProviderGiftCard:
    """Stays requested; ``payout_delivery.send_due`` (the worker) asks the provider."""

    def start(self, payout: Payout, amount_minor: int, currency: str) -> None:
        return None


GIFT_CARD_METHODS: dict[str, type] = {"inventory": InventoryGiftCard,
                                      "provider": ProviderGiftCard}


def method_for(name: str) -> PayoutMethod:
    if name == GIFT_CARD:
        return GIFT_CARD_METHODS[current_app.config["PAYOUT_METHOD"]]()
    return ManualPayout()
