"""Retention: the redacted image and the items of receipts older than the retention period
are purged; the record stays, so the panelist sees what happened and when. Outbox mail goes
after its own, shorter period."""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from panel.db import db, flush_deleted_pages, utcnow
from panel.extensions import storage_for
from panel.models import FINAL_STATUSES, Receipt
from panel.receipt_files import original_prefix
from panel.services import mail

log = logging.getLogger(__name__)


def purge_expired(limit: int = 500) -> int:
    """Purge up to ``limit`` receipts past retention; returns how many were purged."""
    cutoff = utcnow() - timedelta(days=current_app.config["RETENTION_DAYS"])
    due = list(db.session.scalars(select(Receipt).where(
        Receipt.submitted_at < cutoff, Receipt.purged_at.is_(None),
        Receipt.status.in_(FINAL_STATUSES)).limit(limit)))
    storage = storage_for()
    for receipt in due:
        storage.delete_prefix(original_prefix(receipt.id))
        if receipt.redacted_image_key:
            storage.delete(receipt.redacted_image_key)
        receipt.redacted_image_key = None
        receipt.items = []
        receipt.merchant_name = receipt.purchase_date = receipt.currency = None
        receipt.subtotal = receipt.tax = receipt.total = None
        receipt.purged_at = utcnow()
        receipt.add_event(receipt.status, reason="purged_after_retention")
        db.session.commit()
    if due:
        flush_deleted_pages()
        log.info("purged %d receipts past retention", len(due))
    return len(due)


def purge_old_mail() -> int:
    """Delete outbox messages past ``OUTBOX_RETENTION_DAYS``; returns how many."""
    purged = mail.purge_old()
    db.session.commit()
    if purged:
        flush_deleted_pages()
        log.info("deleted %d outbox messages past retention", purged)
    return purged
