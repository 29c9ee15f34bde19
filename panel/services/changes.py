"""The change feed: what changed for a panelist since a cursor (receipts whose state changed,
rewards, payouts), so an app fetches only that.

Every flush that creates or deletes a receipt, changes its status, writes a ledger entry or
creates or changes a payout records it here (``_record``, an ``after_flush`` listener, so no
writer can forget). Numbers come from ``Panelist.change_seq``, raised by an UPDATE that holds
the panelist's row lock until the commit: a change numbered N+1 is only given out after N is
committed, so a reader who has seen N+1 has seen N, and paging by number misses nothing and
repeats nothing. A thing changed again keeps only its newest row (a reader gets its latest
state once)."""
from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from flask import current_app
from sqlalchemy import delete, event, insert, inspect, select, update
from sqlalchemy.orm import Session

from panel.db import db, utcnow
from panel.models import Change, LedgerEntry, Panelist, Payout, Receipt, ReceiptEvent
from panel.services.errors import N_, Invalid

CURSOR_PREFIX = "c"
ERASED = ""  # the subject of a deleted receipt's change: its id is not kept
CURSOR_PATTERN = r"c[0-9]{1,9}"  # Change.seq is a 32-bit integer


@dataclass(frozen=True)
class Changed:
    kind: str  # receipt | reward | payout
    id: str
    changed_at: datetime
    state: str | None  # the receipt's status, the ledger entry's kind, the payout's status
    deleted: bool


def since(panelist: Panelist, cursor: str | None, limit: int) -> tuple[list[Changed], str, bool]:
    """Up to ``limit`` changes after ``cursor`` (None: from the start), oldest first, the
    cursor to ask with next, and whether more are waiting."""
    after = decode(cursor)
    rows = list(db.session.scalars(
        select(Change).where(Change.panelist_id == panelist.id, Change.seq > after)
        .order_by(Change.seq).limit(limit + 1)))
    more, rows = len(rows) > limit, rows[:limit]
    shown = [_shown(row) for row in rows]
    return shown, encode(rows[-1].seq if rows else after), more


def latest(panelist_id: str) -> int:
    """The panelist's last change number (the event stream compares it)."""
    return db.session.scalar(select(Panelist.change_seq).where(Panelist.id == panelist_id)) or 0


def cursor_now(panelist_id: str) -> str:
    """The cursor a page or an answer is drawn at: read it before what it shows (a change
    committed in between is then shown and announced once more, never missed), and give
    it to ``stream`` as ``since``."""
    return encode(latest(panelist_id))


def encode(seq: int) -> str:
    """The cursor: opaque to apps (they only send it back), ``CURSOR_PATTERN`` to the API."""
    return f"{CURSOR_PREFIX}{seq}"


def decode(cursor: str | None) -> int:
    if not cursor:
        return 0
    if re.fullmatch(CURSOR_PATTERN, cursor):
        return int(cursor[len(CURSOR_PREFIX):])
    raise Invalid(N_("This cursor is not one the change feed gave out; start again without "
                     "'since'."), {"since": ["Not a cursor of this feed."]})


def _shown(row: Change) -> Changed:
    state = None
    if row.kind == "receipt":
        state = db.session.scalar(select(Receipt.status).where(Receipt.id == row.subject_id))
    elif row.kind == "reward":
        state = db.session.scalar(select(LedgerEntry.kind).where(
            LedgerEntry.id == row.subject_id))
    elif row.kind == "payout":
        state = db.session.scalar(select(Payout.status).where(
            Payout.ledger_entry_id == row.subject_id))
    return Changed(row.kind, row.subject_id or None, row.changed_at,
                   str(state) if state is not None else None, state is None)


def note(panelist_id: str, kind: str, subject_id: str) -> None:
    """Record a change written with a Core statement, which the flush listener cannot see
    (in the caller's transaction; never commits)."""
    _write(db.session.connection(), {panelist_id: [(kind, subject_id)]})


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context) -> None:
    touched: dict[str, list[tuple[str, str]]] = {}
    for thing in chain(session.new, session.dirty, session.deleted):
        found = _what_changed(session, thing)
        if found and found[0] and found[1:] not in touched.get(found[0], []):
            touched.setdefault(found[0], []).append(found[1:])
    gone = {thing.id for thing in session.deleted if isinstance(thing, Panelist)}
    for receipt in (thing for thing in session.deleted if isinstance(thing, Receipt)):
        # deleted means deleted: no row keeps its id; the feed says only that a receipt
        # went (``ERASED``), and the app reads its list again
        session.connection().execute(delete(Change).where(
            Change.panelist_id == receipt.panelist_id, Change.kind == "receipt",
            Change.subject_id == receipt.id))
    _write(session.connection(), {panelist_id: things for panelist_id, things in touched.items()
                                  if panelist_id not in gone})


def _write(connection, touched: dict[str, list[tuple[str, str]]]) -> None:
    for panelist_id, things in touched.items():
        last = connection.execute(
            update(Panelist).where(Panelist.id == panelist_id)
            .values(change_seq=Panelist.change_seq + len(things))
            .returning(Panelist.change_seq).execution_options(synchronize_session=False)
        ).scalar()
        if last is None:  # the panelist is gone
            continue
        now = utcnow()
        for number, (kind, subject_id) in enumerate(things, last - len(things) + 1):
            connection.execute(delete(Change).where(
                Change.panelist_id == panelist_id, Change.kind == kind,
                Change.subject_id == subject_id))
            connection.execute(insert(Change).values(
                panelist_id=panelist_id, seq=number, kind=kind, subject_id=subject_id,
                changed_at=now))


def _what_changed(session: Session, thing) -> tuple[str | None, str, str] | None:
    """A receipt made, deleted, or with a new status or timeline row (status changes written
    with Core UPDATEs come with a timeline row); a ledger entry; a payout made or changed."""
    if isinstance(thing, Receipt):
        if thing in session.deleted:
            return thing.panelist_id, "receipt", ERASED
        if thing in session.new or \
                inspect(thing).attrs.status.history.has_changes():
            return thing.panelist_id, "receipt", thing.id
    elif isinstance(thing, ReceiptEvent) and thing in session.new and thing.receipt_id:
        receipt = session.identity_map.get(inspect(Receipt).identity_key_from_primary_key(
            (thing.receipt_id,)))
        panelist_id = receipt.panelist_id if receipt is not None else \
            session.connection().scalar(select(Receipt.panelist_id).where(
                Receipt.id == thing.receipt_id))
        return panelist_id, "receipt", thing.receipt_id
    elif isinstance(thing, LedgerEntry) and thing in session.new:
        return thing.panelist_id, "reward", thing.id
    elif isinstance(thing, Payout) and (thing in session.new or
                                        inspect(thing).attrs.status.history.has_changes()):
        panelist_id = session.connection().scalar(
            select(LedgerEntry.panelist_id).where(LedgerEntry.id == thing.ledger_entry_id))
        return panelist_id, "payout", thing.ledger_entry_id
    return None

def stream(panelist_id: str, poll_seconds: float, lifetime_seconds: float,
           last_event_id: str | None = None, since: str | None = None) -> Iterator[str]:
    """Server-sent events: ``ready`` with the current cursor at once, or ``changes`` if it
    moved since what the listener knows: ``last_event_id`` (a reconnecting EventSource sends
    it), else ``since`` (the cursor the page or the app's last answer was drawn at). Without
    either, a stream first connected after a change (the phone was offline while the page
    loaded) would call it ``ready``, and the page would never show it. Then ``changes``
    whenever something changed, a comment line as a heartbeat while nothing does, for
    ``lifetime_seconds`` (the browser's EventSource reconnects by itself). Every event's id
    is the cursor. Each look is one short query in its own app context; no database
    connection is held while waiting."""
    app = current_app._get_current_object()
    known = _known(last_event_id)
    if known is None:
        known = _known(since)

    def look() -> int:
        with app.app_context():
            try:
                return latest(panelist_id)
            finally:
                db.session.remove()

    def events() -> Iterator[str]:
        last = look()
        name = "changes" if known is not None and known != last else "ready"
        yield f"retry: 3000\n{_event(name, last)}"
        ends = time.monotonic() + lifetime_seconds
        while time.monotonic() < ends:
            time.sleep(poll_seconds)
            now = look()
            if now != last:
                last = now
                yield _event("changes", now)
            else:
                yield ": still here\n\n"
    return events()


def _known(cursor: str | None) -> int | None:
    try:
        return decode(cursor) if cursor else None
    except Invalid:  # not ours (another server's id): as if none was sent
        return None


def _event(name: str, seq: int) -> str:
    cursor = encode(seq)
    return f"id: {cursor}\nevent: {name}\ndata: {json.dumps({'cursor': cursor})}\n\n"
