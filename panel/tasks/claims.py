"""The receipt row is the job: claiming it takes a lease, so any number of workers (embedded
or Celery, on any machine) process each receipt once at a time, and a dead worker's receipt
is picked up again when its lease runs out."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, or_, select, update

from panel.db import db, new_id, utcnow
from panel.models import UNFINISHED_STATUSES, Receipt, ReceiptStatus


def _waiting():
    now = utcnow()
    return or_(Receipt.status == ReceiptStatus.QUEUED,
               and_(Receipt.status == ReceiptStatus.PROCESSING, Receipt.lease_expires_at < now))


def _lease_end():
    return utcnow() + timedelta(seconds=current_app.config["JOB_LEASE_SECONDS"])


def claim(receipt_id: str) -> Receipt | None:
    """Take the receipt's lease if it is waiting; None if it is final or held elsewhere.
    A lease that ran out in a worker's hands (the worker died mid-job, perhaps because of
    this very photo) counts as one of the receipt's failures; a lease given back does not."""
    owner = new_id()
    lost_mid_job = and_(Receipt.status == ReceiptStatus.PROCESSING,
                        Receipt.lease_owner.is_not(None))
    taken = db.session.execute(
        update(Receipt).where(Receipt.id == receipt_id, _waiting()).values(
            status=ReceiptStatus.PROCESSING, attempts=Receipt.attempts + 1,
            failures=Receipt.failures + case((lost_mid_job, 1), else_=0),
            lease_owner=owner, lease_expires_at=_lease_end()))
    db.session.commit()
    if taken.rowcount != 1:
        return None
    return db.session.get(Receipt, receipt_id, populate_existing=True)


def renew(receipt_id: str, owner: str) -> bool:
    """Extend our lease, in the caller's transaction; False if another worker has taken the
    receipt (or it was withdrawn meanwhile). A write guarded by it is ours alone."""
    renewed = db.session.execute(
        update(Receipt).where(Receipt.id == receipt_id, Receipt.lease_owner == owner,
                              Receipt.status == ReceiptStatus.PROCESSING)
        .values(lease_expires_at=_lease_end()).execution_options(synchronize_session=False))
    return renewed.rowcount == 1


def release(receipt_id: str, owner: str, retry_after: float, failed: bool) -> None:
    """Give the lease back, to be claimed again after ``retry_after`` s; ``failed`` when the
    receipt itself failed (it counts toward JOB_MAX_ATTEMPTS), not the infrastructure."""
    db.session.execute(update(Receipt).where(
        Receipt.id == receipt_id, Receipt.lease_owner == owner).values(
        lease_owner=None, lease_expires_at=utcnow() + timedelta(seconds=retry_after),
        failures=Receipt.failures + (1 if failed else 0))
        .execution_options(synchronize_session=False))
    db.session.commit()


def note_missing(receipt_id: str, owner: str) -> None:
    """Remember when an original was first found missing (kept while it stays missing)."""
    db.session.execute(update(Receipt).where(
        Receipt.id == receipt_id, Receipt.lease_owner == owner,
        Receipt.missing_since.is_(None)).values(missing_since=utcnow())
        .execution_options(synchronize_session=False))
    db.session.commit()


def seconds_until_free(receipt_id: str) -> float | None:
    """How long until an unfinished receipt's lease runs out; None if it is final or gone."""
    receipt = db.session.get(Receipt, receipt_id)
    if receipt is None or receipt.status not in UNFINISHED_STATUSES:
        return None
    return _seconds_left(receipt.lease_expires_at)


def waiting_ids(limit: int = 100) -> list[str]:
    """Receipts queued, or left processing by a worker whose lease ran out, oldest first."""
    return list(db.session.scalars(select(Receipt.id).where(_waiting())
                                   .order_by(Receipt.submitted_at).limit(limit)))


def unfinished(limit: int = 10_000) -> list[tuple[str, float]]:
    """Every receipt not yet final, with the seconds until it can be claimed."""
    rows = db.session.execute(select(Receipt.id, Receipt.lease_expires_at).where(
        Receipt.status.in_(UNFINISHED_STATUSES)).order_by(Receipt.submitted_at).limit(limit))
    return [(receipt_id, _seconds_left(lease)) for receipt_id, lease in rows]


def _seconds_left(lease_expires_at) -> float:
    if lease_expires_at is None:
        return 0.0
    return max(0.0, (lease_expires_at - utcnow()).total_seconds())
