"""Retention of everything stored, each purged by the periodic job:

- receipts past ``RETENTION_DAYS``: the redacted image and the items go; the record stays, so
  the panelist sees what happened and when;
- receipts still queued or processing after ``RECEIPT_STUCK_HOURS``: failed
  (``processing_timeout``) and their originals deleted;
- outbox mail after ``OUTBOX_RETENTION_DAYS``;
- invites expired or used, password resets and login tokens expired or revoked, staff
  sessions ended or idle, idempotency keys and waitlist entries, each after its own period
  (``purge_records``). Throttle counts clean themselves (services.throttle); the audit log and
  deletion records hold no personal data and are kept.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, or_, select, update

from panel.db import db, flush_deleted_pages, utcnow
from panel.extensions import storage_for
from panel.models import (
    FINAL_STATUSES,
    UNFINISHED_STATUSES,
    AuthToken,
    IdempotencyKey,
    Invite,
    PasswordReset,
    Receipt,
    ReceiptStatus,
    StaffSession,
    WaitlistEntry,
)
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


def fail_stuck_receipts(limit: int = 500) -> int:
    """Fail receipts queued or processing for longer than ``RECEIPT_STUCK_HOURS`` (a job no
    worker could finish) and delete their originals; returns how many. A worker that still
    holds one finds it final and leaves it."""
    cutoff = utcnow() - timedelta(hours=current_app.config["RECEIPT_STUCK_HOURS"])
    stuck = list(db.session.scalars(select(Receipt.id).where(
        Receipt.status.in_(UNFINISHED_STATUSES), Receipt.submitted_at < cutoff).limit(limit)))
    failed = 0
    for receipt_id in stuck:
        done = db.session.execute(update(Receipt).where(
            Receipt.id == receipt_id, Receipt.status.in_(UNFINISHED_STATUSES)).values(
            status=ReceiptStatus.REJECTED, status_reason="processing_timeout",
            processed_at=utcnow(), lease_owner=None, lease_expires_at=None))
        if done.rowcount == 1:
            receipt = db.session.get(Receipt, receipt_id)
            receipt.add_event(ReceiptStatus.REJECTED, reason="processing_timeout")
            failed += 1
        db.session.commit()
        storage_for().delete_prefix(original_prefix(receipt_id))
    if failed:
        log.warning("failed %d receipts stuck unfinished past the limit", failed)
    return failed


def purge_records() -> dict[str, int]:
    """Delete what has outlived its period; returns how many of each, in one commit."""
    config, now = current_app.config, utcnow()

    def days(setting: str):
        return now - timedelta(days=config[setting])

    invites, tokens = days("INVITE_RETENTION_DAYS"), days("TOKEN_RETENTION_DAYS")
    sessions = days("SESSION_RETENTION_DAYS")
    deletions = {
        "invites": delete(Invite).where(or_(Invite.expires_at < invites,
                                            Invite.used_at < invites)),
        "password_resets": delete(PasswordReset).where(or_(
            PasswordReset.expires_at < tokens, PasswordReset.used_at < tokens)),
        "auth_tokens": delete(AuthToken).where(or_(AuthToken.expires_at < tokens,
                                                   AuthToken.revoked_at < tokens)),
        "staff_sessions": delete(StaffSession).where(or_(
            StaffSession.ended_at < sessions, StaffSession.last_seen_at < sessions)),
        "idempotency_keys": delete(IdempotencyKey).where(
            IdempotencyKey.created_at < days("IDEMPOTENCY_RETENTION_DAYS")),
        "waitlist_entries": delete(WaitlistEntry).where(
            WaitlistEntry.created_at < days("WAITLIST_RETENTION_DAYS")),
    }
    purged = {name: db.session.execute(statement).rowcount
              for name, statement in deletions.items()}
    db.session.commit()
    if any(purged.values()):
        flush_deleted_pages()
        log.info("purged past retention: %s",
                 ", ".join(f"{count} {name}" for name, count in purged.items() if count))
    return purged
