"""Erasures replayed from the key store's log (``panel.keystore``): after a data backup is
restored, the panelists and receipts erased since it was taken are erased again, files and
rows, so nothing of them comes back. (Their sealed fields were unreadable already: their data
keys are not in the key store.) Also run by the periodic job, which finishes an erasure whose
data commit failed after its key was destroyed."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import delete, select

from panel import keystore, receipt_files
from panel.db import db, flush_deleted_pages
from panel.extensions import storage_for
from panel.models import (
    DeletionRecord,
    IdempotencyKey,
    Invite,
    Panelist,
    Receipt,
    WaitlistEntry,
)
from panel.services import personal

log = logging.getLogger(__name__)


@dataclass
class Replayed:
    panelists: int = 0
    receipts: int = 0


def replay(receipts: bool = True) -> Replayed:
    """Erase again whatever the erasure log names and the data still holds; one commit.
    ``receipts=False`` looks at panelists only (cheaper: what the periodic job needs)."""
    logged = keystore.for_app().erasures()
    panelists = {e.subject_hash for e in logged if e.kind == "panelist"}
    emails = {e.email_hash for e in logged if e.kind == "panelist" and e.email_hash}
    receipt_refs = {e.subject_hash for e in logged if e.kind == "receipt"}
    done, storage = Replayed(), storage_for()
    for panelist_id in _named(select(Panelist.id), "panelist", panelists):
        for receipt_id in db.session.scalars(select(Receipt.id).where(
                Receipt.panelist_id == panelist_id)):
            receipt_files.erase(storage, receipt_id)
        db.session.delete(db.session.get(Panelist, panelist_id))
        _record("account", personal.subject_ref("panelist", panelist_id))
        done.panelists += 1
    if emails:
        db.session.execute(delete(Invite).where(Invite.email_hash.in_(emails)))
        db.session.execute(delete(WaitlistEntry).where(WaitlistEntry.email_hash.in_(emails)))
    if receipts and receipt_refs:
        for receipt_id in _named(select(Receipt.id), "receipt", receipt_refs):
            receipt_files.erase(storage, receipt_id)
            db.session.delete(db.session.get(Receipt, receipt_id))
            db.session.execute(delete(IdempotencyKey).where(
                IdempotencyKey.resource_id == receipt_id))
            _record("receipt", personal.subject_ref("receipt", receipt_id))
            done.receipts += 1
    db.session.commit()
    if done.panelists or done.receipts:
        flush_deleted_pages()
        log.info("erasures replayed: %d panelists, %d receipts", done.panelists, done.receipts)
    return done


def _named(ids_query, kind: str, refs: set[str]) -> list[str]:
    """The ids whose keyed hash (``personal.subject_ref``) is among ``refs``."""
    if not refs:
        return []
    return [subject_id for subject_id in db.session.scalars(ids_query)
            if personal.subject_ref(kind, subject_id) in refs]


def _record(kind: str, subject_hash: str) -> None:
    """The deletion record the restored data lacks (it was written after the backup)."""
    known = db.session.scalar(select(DeletionRecord.id).where(
        DeletionRecord.subject_hash == subject_hash))
    if known is None:
        db.session.add(DeletionRecord(kind=kind, subject_hash=subject_hash,
                                      details={"replayed": True}))
