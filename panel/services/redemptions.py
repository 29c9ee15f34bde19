"""Redemptions: a panelist pays out part of the balance, never more than it, within the
payout rules (``payout_rules``), by one of the payout methods (``payout_methods``)."""
from __future__ import annotations

from decimal import Decimal
from functools import partial

from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from panel.db import db
from panel.models import LedgerEntry, Panelist, Payout, PayoutState
from panel.services import idempotency, ledger, payout_methods, payout_rules, payouts
from panel.services.errors import Conflict, Invalid
from panel.services.money import to_minor


def methods() -> list[str]:
    return [m.strip() for m in current_app.config["PAYOUT_METHODS"].split(",") if m.strip()]


def redeem(panelist: Panelist, amount: Decimal, method: str, key: str | None,
           brand: str | None = None) -> LedgerEntry:
    """Take the amount off the balance and start its payout, in one transaction; the entry
    carries ``payout`` (``payouts.summary``). A refusal changes nothing."""
    if key is not None and not 1 <= len(key) <= 200:
        raise Invalid("The Idempotency-Key header must be 1 to 200 characters.")
    if method not in methods():
        raise Invalid(f"Payouts are made as: {', '.join(methods())}.")
    brand = (brand or "").strip()[:40] or None
    minor = to_minor(amount)
    payload = idempotency.fingerprint(str(minor), method, *([brand] if brand else []))
    if earlier := idempotency.earlier_result(panelist, "redemptions", key, payload):
        return _with_payout(panelist, earlier)
    payout_rules.check(panelist, method, minor)
    currency = current_app.config["REWARD_CURRENCY"]
    try:
        if payout_rules.total_limit_applies() and db.engine.dialect.name == "postgresql":
            db.session.execute(text("SELECT pg_advisory_xact_lock(7010)"))  # one at a time
        entry_id = ledger.debit(panelist, "redemption", minor, currency, f"Payout: {method}",
                                limits=payout_rules.daily_limits(panelist.id, minor),
                                refusal=partial(payout_rules.refusal, panelist.id, minor))
        payout = Payout(ledger_entry_id=entry_id, method=method, brand=brand,
                        status=PayoutState.REQUESTED, attempts=0)
        db.session.add(payout)
        db.session.flush()
        payouts.record(payout, PayoutState.REQUESTED)
        payout_methods.method_for(method).start(payout, minor, currency)
    except Conflict:
        db.session.rollback()  # lets go of the panelist's row (and any code) at once
        raise
    idempotency.remember(panelist, "redemptions", key, entry_id, payload)
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent retry with the same key won
        db.session.rollback()
        return _with_payout(panelist, idempotency.earlier_result(
            panelist, "redemptions", key, payload))
    return _with_payout(panelist, entry_id)


def _with_payout(panelist: Panelist, entry_id: str) -> LedgerEntry:
    entry = db.session.get(LedgerEntry, entry_id)
    entry.payout = payouts.summary(panelist.id, entry_id)
    return entry
