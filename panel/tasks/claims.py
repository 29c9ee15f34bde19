"""The receipt row is the job: claiming it takes a lease, so any number of workers (embedded
or Celery, on any machine) process each receipt once at a time, and a dead worker's receipt
is picked up again when its lease runs out."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from panel.db import db, new_id, utcnow
from panel.models import UNFINISHED_STATUSES, Receipt, ReceiptStatus


def _waiting():
    now = utcnow()
    return or_(Receipt.status == ReceiptStatus.QUEUED,
               and_(Receipt.status == ReceiptStatus.PROCESSING, Receipt.lease_expires_at < now))


def _lease_end():
    return utcnow() + timedelta(seconds=current_app.config["JOB_LEASE_SECONDS"])


def claim(receipt_id: str) -> Receipt | None:
    """Take the receipt's lease if it is waiting; None if it is final or held elsewhere."""
    owner = new_id()
    taken = db.session.execute(
        update(Receipt).where(Receipt.id == receipt_id, _waiting()).values(
            status=ReceiptStatus.PROCESSING, attempts=Receipt.attempts + 1,
            lease_owner=owner, lease_expires_at=_lease_end()))
    db.session.commit()
    if taken.rowcount != 1:
        return None
    return db.session.get(Receipt, receipt_id)


def renew(receipt: Receipt) -> bool:
    """Extend our lease before a step; False if another worker has taken the receipt."""
    renewed = db.session.execute(
        update(Receipt).where(Receipt.id == receipt.id, Receipt.lease_owner == receipt.lease_owner,
                              Receipt.status == ReceiptStatus.PROCESSING)
        .values(lease_expires_at=_lease_end()).execution_options(synchronize_session=False))
    return renewed.rowcount == 1


def release(receipt: Receipt, retry_after: float) -> None:
    """Give the lease back after a failure, to be claimed again after ``retry_after`` s."""
    db.session.execute(update(Receipt).where(
        Receipt.id == receipt.id, Receipt.lease_owner == receipt.lease_owner).values(
        lease_owner=None, lease_expires_at=utcnow() + timedelta(seconds=retry_after)))
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
