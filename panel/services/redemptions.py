"""Redemptions: a panelist pays out part of the balance, never more than it."""
from __future__ import annotations

from decimal import Decimal

from flask import current_app
from sqlalchemy.exc import IntegrityError

from panel.db import db
from panel.models import LedgerEntry, Panelist, Payout
from panel.services import idempotency, ledger
from panel.services.errors import Conflict, Invalid
from panel.services.money import to_minor


def methods() -> list[str]:
    return [m.strip() for m in current_app.config["PAYOUT_METHODS"].split(",") if m.strip()]


def redeem(panelist: Panelist, amount: Decimal, method: str, key: str | None) -> LedgerEntry:
    if key is not None and not 1 <= len(key) <= 200:
        raise Invalid("The Idempotency-Key header must be 1 to 200 characters.")
    if method not in methods():
        raise Invalid(f"Payouts are made as: {', '.join(methods())}.")
    minor = to_minor(amount)
    payload = idempotency.fingerprint(str(minor), method)
    if earlier := idempotency.earlier_result(panelist, "redemptions", key, payload):
        return db.session.get(LedgerEntry, earlier)
    try:
        entry_id = ledger.debit(panelist, "redemption", minor,
                                current_app.config["REWARD_CURRENCY"], f"Payout: {method}")
    except Conflict:
        db.session.rollback()  # lets go of the panelist's row at once
        raise
    db.session.add(Payout(ledger_entry_id=entry_id, method=method))
    idempotency.remember(panelist, "redemptions", key, entry_id, payload)
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent retry with the same key won
        db.session.rollback()
        return db.session.get(LedgerEntry, idempotency.earlier_result(
            panelist, "redemptions", key, payload))
    return db.session.get(LedgerEntry, entry_id)
