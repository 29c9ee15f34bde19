"""The append-only audit log of staff actions and looks at panelists' data.

Each entry stores the previous entry's hash and a SHA-256 over its own canonical fields,
so a changed, inserted or deleted entry breaks the chain; ``verify`` finds the first break.
On both databases a trigger (migration 0002) refuses UPDATE and DELETE on the table.
"""
from __future__ import annotations

import getpass
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import select, text

from panel.db import db, new_id, utcnow
from panel.models import AuditEntry, Receipt
from panel.services import personal

GENESIS = "0" * 64
FIELDS = ("id", "sequence", "at", "staff_id", "staff_role", "action", "panelist_ref",
          "receipt_ref", "address", "reason", "previous_hash")


@dataclass(frozen=True)
class Actor:
    """Who acts: a staff account (id and role) from an address, or the command line."""

    staff_id: str | None
    role: str
    address: str | None


def _operating_system_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (e.g. in a container)
        return f"uid {os.getuid()}"


# The operator at the command line, named by the operating system's user (in the address
# column, which holds 45 characters).
COMMAND_LINE = Actor(None, "operator", f"command line: {_operating_system_user()}"[:45])


def entry_hash(entry: AuditEntry) -> str:
    values = {name: getattr(entry, name) for name in FIELDS}
    values["at"] = entry.at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")
    canonical = json.dumps(values, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(actor: Actor, action: str, panelist_id: str | None = None,
           receipt_id: str | None = None, reason: str | None = None) -> AuditEntry:
    """Append an entry in the caller's transaction (the caller commits)."""
    _lock_chain()
    last = db.session.scalar(select(AuditEntry).order_by(AuditEntry.sequence.desc()).limit(1))
    entry = AuditEntry(
        id=new_id(), sequence=(last.sequence + 1) if last else 1, at=utcnow(),
        staff_id=actor.staff_id, staff_role=actor.role, action=action,
        panelist_ref=personal.subject_ref("panelist", panelist_id),
        receipt_ref=personal.subject_ref("receipt", receipt_id), address=actor.address,
        reason=reason, previous_hash=last.entry_hash if last else GENESIS)
    entry.entry_hash = entry_hash(entry)
    db.session.add(entry)
    db.session.flush()
    return entry


def note(actor: Actor, action: str, panelist_id: str | None = None,
         receipt_id: str | None = None, reason: str | None = None) -> None:
    """Append an entry and commit it (for looks that change nothing else)."""
    record(actor, action, panelist_id, receipt_id, reason)
    db.session.commit()


def _lock_chain() -> None:
    """One writer at a time appends, and reads the chain's head only once it is the writer,
    so two appends never take the same sequence. PostgreSQL: a transaction-scoped advisory
    lock. SQLite: the database's write lock, taken by a write that changes nothing (the
    driver begins the transaction at the first write; a head read before it could be stale,
    and the second of two appends failed on the unique sequence)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(7007)"))
    else:
        db.session.execute(text("UPDATE audit_entries SET sequence = sequence WHERE 0 = 1"))


@dataclass
class Verification:
    ok: bool
    count: int
    head: str
    problem: str | None = None


def verify() -> Verification:
    """Walk the chain in order; report the first entry that does not fit."""
    previous, expected_sequence, count = GENESIS, 1, 0
    entries = select(AuditEntry).order_by(AuditEntry.sequence).execution_options(yield_per=500)
    for entry in db.session.scalars(entries):
        count += 1
        problem = None
        if entry.sequence != expected_sequence:
            problem = f"entry #{entry.sequence} ({entry.id}): entry #{expected_sequence} is missing"
        elif entry.previous_hash != previous:
            problem = f"entry #{entry.sequence} ({entry.id}): previous hash does not match"
        elif entry.entry_hash != entry_hash(entry):
            problem = f"entry #{entry.sequence} ({entry.id}): contents were changed"
        if problem:
            return Verification(False, count, previous, problem)
        previous, expected_sequence = entry.entry_hash, entry.sequence + 1
    return Verification(True, count, previous)


def recent(limit: int = 200, offset: int = 0) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.sequence.desc())
                                   .limit(limit).offset(offset)))


def access_log_for(panelist_id: str, receipt_ids: list[str]) -> list[dict]:
    """What a panelist is shown: when, which staff role (never who), what, and why; the
    receipt named by its id when it is one of ``receipt_ids`` (it may since be deleted)."""
    receipts = {personal.subject_ref("receipt", r): r for r in receipt_ids}
    entries = db.session.scalars(select(AuditEntry).where(
        AuditEntry.panelist_ref == personal.subject_ref("panelist", panelist_id))
        .order_by(AuditEntry.sequence))
    return [{"at": e.at.isoformat(), "staff_role": e.staff_role, "action": e.action,
             "receipt_id": receipts.get(e.receipt_ref), "reason": e.reason} for e in entries]


def access_log_of(panelist_id: str) -> list[dict]:
    """``access_log_for`` with every receipt the panelist still has (for their pages)."""
    receipt_ids = list(db.session.scalars(select(Receipt.id).where(
        Receipt.panelist_id == panelist_id)))
    return access_log_for(panelist_id, receipt_ids)
