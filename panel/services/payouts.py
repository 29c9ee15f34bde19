"""Payouts: where each one stands (``PayoutState``), its history, what the panelist and
staff see of it, and what staff do with it.

    requested ──▶ reserved ──▶ delivered ──▶ reversed
        │            │
        └──▶ failed ◀┘           (failed and reversed give the amount back)

A payout's id is its ledger entry's id; the entry never changes. A failed or reversed
payout returns the amount with a ``payout_returned`` entry, written at most once (its dedupe
key is the payout's id). Staff see the amount, method, state and a keyed reference of the
panelist, never who it is; every staff action is in the audit log.
"""
from __future__ import annotations

from sqlalchemy import func, select, update

from panel.db import db, utcnow
from panel.models import (
    OPEN_STATES,
    LedgerEntry,
    Panelist,
    Payout,
    PayoutEvent,
    PayoutState,
)
from panel.services import audit, credentials, gift_cards, ledger, personal
from panel.services.errors import N_, Conflict, Invalid, NotFound
from panel.services.money import from_minor

NEXT = {PayoutState.REQUESTED: {PayoutState.RESERVED, PayoutState.DELIVERED,
                                PayoutState.FAILED, PayoutState.REVERSED},
        PayoutState.RESERVED: {PayoutState.DELIVERED, PayoutState.FAILED,
                               PayoutState.REVERSED},
        PayoutState.DELIVERED: {PayoutState.REVERSED}}
MANUAL_METHODS = ("store_credit", "charity")  # staff pay these and mark them sent


def may_move(payout: Payout, state: PayoutState) -> bool:
    return state in NEXT.get(PayoutState(payout.status), set())


def record(payout: Payout, state: PayoutState, reason: str | None = None) -> None:
    db.session.add(PayoutEvent(payout_id=payout.ledger_entry_id, state=state, reason=reason))


def move(payout: Payout, state: PayoutState, reason: str | None = None) -> None:
    """Move the payout on, in the caller's transaction; Conflict if it cannot go there."""
    if not may_move(payout, state):
        raise Conflict(f"A payout that is {payout.status} cannot become {state}.")
    payout.status, payout.reason = state, reason
    if state == PayoutState.DELIVERED:
        payout.sent_at = utcnow()
    record(payout, state, reason)
    if state in (PayoutState.FAILED, PayoutState.REVERSED):
        _give_back(payout, reason)


def _give_back(payout: Payout, reason: str | None) -> None:
    entry = db.session.get(LedgerEntry, payout.ledger_entry_id)
    code = gift_cards.code_of(payout.ledger_entry_id)
    if code is not None and payout.code_shown_at is None and code.source == "inventory":
        gift_cards.release(code)  # never seen: back into the inventory
    if entry.panelist_id is None:  # erased: the amount stays with the anonymous entries
        return
    ledger.credit(entry.panelist_id, "payout_returned", -entry.amount_minor, entry.currency,
                  f"payout_returned:{payout.ledger_entry_id}",
                  f"Payout returned: {reason or payout.status}"[:200])


def locked(payout_id: str) -> Payout | None:
    """The payout, read fresh after taking its row for this transaction (PostgreSQL: a row
    lock; SQLite: the database's write lock), so two writers never move it at once."""
    db.session.execute(update(Payout).where(Payout.ledger_entry_id == payout_id)
                       .values(attempts=Payout.attempts)
                       .execution_options(synchronize_session=False))
    return db.session.get(Payout, payout_id, populate_existing=True)


# The panelist's view -------------------------------------------------------------------

def _owned(panelist_id: str, payout_id: str) -> tuple[Payout, LedgerEntry]:
    row = db.session.execute(select(Payout, LedgerEntry).join(
        LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id).where(
        Payout.ledger_entry_id == payout_id, LedgerEntry.panelist_id == panelist_id)).first()
    if row is None:
        raise NotFound(N_("There is no such payout."))
    return row[0], row[1]


def _view(payout: Payout, entry: LedgerEntry, code: dict | None = None) -> dict:
    stored = gift_cards.code_of(payout.ledger_entry_id)
    history = db.session.scalars(select(PayoutEvent).where(
        PayoutEvent.payout_id == payout.ledger_entry_id).order_by(PayoutEvent.at))
    return {"id": payout.ledger_entry_id, "state": payout.status, "reason": payout.reason,
            "method": payout.method, "amount": from_minor(-entry.amount_minor),
            "currency": entry.currency, "brand": stored.brand if stored else payout.brand,
            "requested_at": entry.created_at, "delivered_at": payout.sent_at,
            "code": code, "code_available": stored is not None and payout.status in (
                PayoutState.RESERVED, PayoutState.DELIVERED),
            "code_shown": payout.code_shown_at is not None,
            "history": [{"at": e.at, "state": e.state, "reason": e.reason} for e in history]}


def summary(panelist_id: str, payout_id: str) -> dict:
    """One payout without its code (read only)."""
    return _view(*_owned(panelist_id, payout_id))


def of_panelist(panelist_id: str, number: int = 1, size: int = 100) -> tuple[list[dict], int]:
    """The panelist's payouts, newest first, without codes."""
    where = LedgerEntry.panelist_id == panelist_id
    total = db.session.scalar(select(func.count()).select_from(Payout).join(
        LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id).where(where))
    if (number - 1) * size >= total:
        return [], total
    rows = db.session.execute(select(Payout, LedgerEntry).join(
        LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id).where(where).order_by(
        LedgerEntry.created_at.desc(), LedgerEntry.id.desc()).limit(size)
        .offset((number - 1) * size)).all()
    return [_view(payout, entry) for payout, entry in rows], total


def show(panelist: Panelist, payout_id: str) -> dict:
    """The payout, with its code the first time it is shown (the payout is then delivered);
    afterwards the code needs the password (``show_again``)."""
    payout, entry = _owned(panelist.id, payout_id)
    if payout.status != PayoutState.RESERVED or payout.code_shown_at is not None:
        return _view(payout, entry)
    payout = locked(payout_id)
    code = gift_cards.code_of(payout_id)
    if payout.status != PayoutState.RESERVED or payout.code_shown_at or code is None:
        db.session.rollback()  # shown by a racing request meanwhile
        return summary(panelist.id, payout_id)
    payout.code_shown_at = utcnow()
    move(payout, PayoutState.DELIVERED, None)
    opened = gift_cards.opened(code)
    db.session.commit()
    return _view(payout, db.session.get(LedgerEntry, payout_id), opened)


def show_again(panelist: Panelist, payout_id: str, password: str) -> dict:
    """The code once more, after the panelist's password (403 otherwise)."""
    payout, entry = _owned(panelist.id, payout_id)
    credentials.confirm(panelist, password)
    code = gift_cards.code_of(payout_id)
    if code is None or payout.status not in (PayoutState.RESERVED, PayoutState.DELIVERED):
        raise NotFound(N_("This payout has no gift-card code to show."))
    if payout.code_shown_at is None:
        return show(panelist, payout_id)
    return _view(payout, entry, gift_cards.opened(code))


def export_of(panelist_id: str) -> list[dict]:
    """Every payout with its history, for the data export (codes are not in it)."""
    views, _ = of_panelist(panelist_id, 1, 10_000)
    return [{key: value for key, value in view.items() if key != "code"} for view in views]


# Erasure and leaving ---------------------------------------------------------------------

def standing(panelist_id: str) -> tuple[int, list[Payout]]:
    """The balance (minor units) and the payouts still on their way."""
    open_payouts = list(db.session.scalars(select(Payout).join(
        LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id).where(
        LedgerEntry.panelist_id == panelist_id, Payout.status.in_(OPEN_STATES))))
    return int(ledger.balance(panelist_id)), open_payouts


def forfeit(panelist: Panelist, currency: str) -> int:
    """Before an erasure the panelist agreed to: payouts not yet handed to anyone are
    cancelled (their codes go back into the inventory), then the whole balance is written
    off with a ``forfeited`` entry, which stays (anonymous) in the ledger. Payouts a
    provider is already working on carry on. Returns the amount forfeited; caller commits."""
    for payout in standing(panelist.id)[1]:
        if payout.provider_reference is None and payout.attempts == 0:
            move(payout, PayoutState.REVERSED, "cancelled_on_erasure")
    db.session.flush()
    balance = int(ledger.balance(panelist.id))
    if balance > 0:
        ledger.debit(panelist, "forfeited", balance, currency,
                     "Forfeited when the account was erased")
    return balance


# Staff -----------------------------------------------------------------------------------

def panelist_ref(panelist_id: str | None) -> str:
    """A keyed reference staff can quote (and a panelist's own id can be matched with),
    from which nobody can read the panelist back."""
    return (personal.subject_ref("panelist", panelist_id) or "")[:16] or "erased"


def for_staff(actor: audit.Actor, state: str | None = None, limit: int = 200) -> list[dict]:
    """Payouts waiting to be paid (``state`` None), in one state, or ``"all"``, oldest
    first: amount, method, state, reason and the panelist's keyed reference. Looking is
    audited; commits."""
    if state and state != "all" and state not in set(PayoutState):
        raise Invalid("Unknown payout state.")
    query = select(Payout, LedgerEntry).join(LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id)
    if state != "all":
        query = query.where(Payout.status == state if state else Payout.status.in_(OPEN_STATES))
    rows = db.session.execute(query.order_by(
        Payout.status.not_in(OPEN_STATES), LedgerEntry.created_at).limit(limit)).all()
    audit.record(actor, "payouts.viewed", reason=f"state={state or 'open'}")
    db.session.commit()
    return [{"id": p.ledger_entry_id, "requested_at": e.created_at,
             "amount": f"{from_minor(-e.amount_minor)}", "currency": e.currency,
             "method": p.method, "state": p.status, "reason": p.reason,
             "manual": p.method in MANUAL_METHODS, "panelist": panelist_ref(e.panelist_id)}
            for p, e in rows]


def _staff_payout(payout_id: str) -> Payout:
    payout = locked(payout_id)
    if payout is None:
        raise NotFound("No such payout.")
    return payout


def mark_sent(actor: audit.Actor, entry_id: str) -> Payout:
    """Staff paid a store-credit or charity payout by hand."""
    payout = _staff_payout(entry_id)
    if payout.status == PayoutState.DELIVERED:
        raise Conflict("This payout was already marked sent.")
    if payout.method not in MANUAL_METHODS:
        raise Conflict("Gift cards are delivered by the panel, not marked sent by hand.")
    move(payout, PayoutState.DELIVERED)
    _audit(actor, "payout.sent", payout)
    db.session.commit()
    return payout


def mark_failed(actor: audit.Actor, entry_id: str, reason: str) -> Payout:
    """Staff could not pay it: the amount goes back to the balance."""
    return _end_by_staff(actor, entry_id, reason, PayoutState.FAILED,
                         "Say why the payout failed.")


def reverse(actor: audit.Actor, entry_id: str, reason: str) -> Payout:
    """Undo a payout (e.g. a code the brand refused): the amount goes back."""
    return _end_by_staff(actor, entry_id, reason, PayoutState.REVERSED,
                         "Say why the payout is reversed.")


def _end_by_staff(actor: audit.Actor, entry_id: str, reason: str, state: PayoutState,
                  ask: str) -> Payout:
    """A payout staff end, with a reason (``ask``: the refusal without one); the amount
    goes back to the balance."""
    reason = (reason or "").strip()[:200]
    if not reason:
        raise Invalid(ask)
    payout = _staff_payout(entry_id)
    move(payout, state, reason)
    _audit(actor, f"payout.{state.value}", payout, reason)
    db.session.commit()
    return payout


def _audit(actor: audit.Actor, action: str, payout: Payout, reason: str | None = None):
    entry = db.session.get(LedgerEntry, payout.ledger_entry_id)
    audit.record(actor, action, panelist_id=entry.panelist_id,
                 reason=f"payout={payout.ledger_entry_id}" + (f"; {reason}" if reason else ""))


def totals() -> dict[str, str]:
    """Owed: balances plus payouts on their way. Paid: payouts delivered."""
    balances = db.session.scalar(select(func.coalesce(func.sum(LedgerEntry.amount_minor), 0)))
    by_state = dict(db.session.execute(
        select(Payout.status, func.coalesce(func.sum(-LedgerEntry.amount_minor), 0))
        .join(LedgerEntry, LedgerEntry.id == Payout.ledger_entry_id)
        .group_by(Payout.status)).all())
    on_the_way = sum(by_state.get(state, 0) for state in OPEN_STATES)
    return {"owed": f"{from_minor(balances + on_the_way):.2f}",
            "paid": f"{from_minor(by_state.get(PayoutState.DELIVERED, 0)):.2f}"}
