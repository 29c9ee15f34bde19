"""Payouts of redemptions: staff pay them (store credit or a charity donation) and mark them
sent. The ledger entry never changes; only the payout's state does."""
from __future__ import annotations

from sqlalchemy import func, select

from panel.db import db, utcnow
from panel.models import LedgerEntry, Payout
from panel.services import audit
from panel.services.errors import Conflict, NotFound
from panel.services.money import from_minor


def pending() -> list[tuple[Payout, LedgerEntry]]:
    return list(db.session.execute(
        select(Payout, LedgerEntry).join(LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id)
        .where(Payout.status == "pending").order_by(LedgerEntry.created_at)).all())


def mark_sent(actor: audit.Actor, entry_id: str) -> Payout:
    payout = db.session.get(Payout, entry_id)
    if payout is None:
        raise NotFound("No such payout.")
    if payout.status == "sent":
        raise Conflict("This payout was already marked sent.")
    payout.status, payout.sent_at = "sent", utcnow()
    audit.record(actor, "payout.sent", reason=f"payout={entry_id}")
    db.session.commit()
    return payout


def totals() -> dict[str, str]:
    """Owed: balances not yet redeemed plus payouts not yet sent. Paid: payouts sent."""
    balances = db.session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_minor), 0)))
    by_state = dict(db.session.execute(
        select(Payout.status, func.coalesce(func.sum(-LedgerEntry.amount_minor), 0))
        .join(LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id)
        .group_by(Payout.status)).all())
    return {"owed": f"{from_minor(balances + by_state.get('pending', 0)):.2f}",
            "paid": f"{from_minor(by_state.get('sent', 0)):.2f}"}
