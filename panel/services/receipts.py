"""Submitting and reading receipts. The original photo is stored before the row is
committed, and the job is queued only after the commit, so a 202 is never lost.

An upload costs what its pages claim: their pixels are checked against the limits per page,
per receipt and per panelist and hour (``ratelimit.spend_pixels``) from their headers alone,
before any page is decoded."""
from __future__ import annotations

import logging
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import delete as delete_rows
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from panel import keystore, logs, ratelimit, receipt_files
from panel.db import commit_keeping_loaded, db, flush_deleted_pages, new_id, utcnow
from panel.extensions import storage_for
from panel.models import (
    UNFINISHED_STATUSES,
    DeletionRecord,
    IdempotencyKey,
    Panelist,
    Receipt,
    ReceiptEvent,
    ReceiptItem,
    ReceiptRedactedLine,
    ReceiptRedaction,
    ReceiptSource,
    ReceiptStatus,
)
from panel.receipt_files import original_prefix
from panel.services import ereceipts, idempotency, personal, quota, rewards, uploads
from panel.services.errors import DATABASE_UNREACHABLE, N_, Forbidden, Invalid, NotFound
from panel.tasks import enqueue

log = logging.getLogger(__name__)


def submit(panelist: Panelist, pages: list[bytes], idempotency_key: str | None) -> Receipt:
    """Photos of one receipt, or one PDF e-receipt (as the only part)."""
    _ensure_active(panelist)
    payload = idempotency.fingerprint(*pages)
    if earlier := idempotency.earlier_result(panelist, "receipts", idempotency_key, payload):
        return db.session.get(Receipt, earlier)
    if any(ereceipts.is_pdf(page) for page in pages):
        if len(pages) != 1:
            raise Invalid("Send a PDF receipt as the only part: one PDF is one receipt.",
                          {"image": ["A PDF must be sent alone."]})
        rendered = ereceipts.from_pdf(pages[0])
        ratelimit.spend_pixels(panelist.id, rendered.pixels)
        return queue(panelist, rendered.pages, ReceiptSource.PDF, rendered.text_layer,
                     ("receipts", idempotency_key, payload))
    sent = uploads.measure(pages, upload_limits())
    ratelimit.spend_pixels(panelist.id, uploads.pixels(sent))
    clean = uploads.clean(sent, current_app.config["PHOTO_QUALITY_CHECK"])
    return queue(panelist, clean, ReceiptSource.PHOTO, None,
                 ("receipts", idempotency_key, payload))


def _ensure_active(panelist: Panelist) -> None:
    if panelist.status != "active":
        raise Forbidden(N_("You have left the panel, so new receipts cannot be shared."))


def queue(panelist: Panelist, clean: list[bytes], source: ReceiptSource,
          text_layer: bytes | None, retry: tuple[str, str | None, str]) -> Receipt:
    """Store the clean pages (and text layer), write the queued receipt and commit, then
    wake a worker; ``retry``: the idempotency scope, key and payload. For services only."""
    _ensure_active(panelist)
    scope, idempotency_key, payload = retry
    size = sum(len(page) for page in clean)
    quota.ensure_room(panelist, size)
    receipt = Receipt(id=new_id(), panelist_id=panelist.id, page_count=len(clean),
                      uploaded_bytes=size, submitted_at=utcnow(), status=ReceiptStatus.QUEUED,
                      source=source, request_id=logs.current_request_id(),
                      items=[], redactions=[],  # known empty: the 202's
                      redacted_lines=[])  # body reads no rows
    receipt.period = rewards.period_of(receipt.submitted_at)
    receipt.week = rewards.week_of(receipt.submitted_at)
    storage = storage_for()
    receipt_files.store_originals(storage, receipt.id, clean, text_layer)  # all, or a 503
    receipt.add_event(ReceiptStatus.QUEUED)
    db.session.add(receipt)
    idempotency.remember(panelist, scope, idempotency_key, receipt.id, payload)
    try:
        commit_keeping_loaded()  # the answer is the receipt as just written
    except IntegrityError:  # a concurrent retry with the same key won
        db.session.rollback()
        storage.delete_prefix(original_prefix(receipt.id))
        return db.session.get(Receipt, idempotency.earlier_result(
            panelist, scope, idempotency_key, payload))
    except Exception:  # no row: no pages either
        db.session.rollback()
        if not _may_exist(receipt.id):
            receipt_files.forget_originals(storage, receipt.id)
        raise
    enqueue(receipt.id)
    return receipt


def _may_exist(receipt_id: str) -> bool:
    """After a failed commit: whether the row may have been written all the same (the
    connection died after the server committed). Then its pages stay: the phone's retry
    with the same Idempotency-Key finds the receipt."""
    try:
        found = db.session.get(Receipt, receipt_id) is not None
    except DATABASE_UNREACHABLE:
        db.session.rollback()
        log.warning("receipt %s: upload failed and the database cannot tell whether it was "
                    "stored; its pages are kept", receipt_id)
        return True
    return found


def upload_limits() -> uploads.UploadLimits:
    config = current_app.config
    return uploads.UploadLimits(config["UPLOAD_MAX_IMAGE_BYTES"], config["UPLOAD_MAX_PAGES"],
                                config["UPLOAD_MAX_PIXELS"], config["UPLOAD_MAX_RECEIPT_PIXELS"])


# What a listed receipt shows, loaded for the whole page at once (one query each).
LISTED = (selectinload(Receipt.items), selectinload(Receipt.redactions),
          selectinload(Receipt.redacted_lines),
          selectinload(Receipt.timeline))


def page_for(panelist: Panelist, status: str | None, page: int, page_size: int,
             period: str | None = None) -> tuple[list[Receipt], int]:
    """One page of the panelist's receipts, newest first, and how many there are in all;
    ``period`` ("YYYY-MM") keeps those submitted in that month (in the panel's zone)."""
    where = [Receipt.panelist_id == panelist.id]
    if status:
        where.append(Receipt.status == status)
    if period:
        where.append(Receipt.period == period)
    total = db.session.scalar(select(func.count()).select_from(Receipt).where(*where))
    if (page - 1) * page_size >= total:  # past the end (a huge offset overflows the database)
        return [], total
    items = db.session.scalars(
        select(Receipt).where(*where).order_by(Receipt.submitted_at.desc(), Receipt.id.desc())
        .limit(page_size).offset((page - 1) * page_size).options(*LISTED))
    return list(items), total


class Listed(SimpleNamespace):
    """A listed receipt: the row's columns, its items, redactions, timeline and redacted
    lines, read as plain rows (no ORM objects: a page of 100 has some 1,300), for the
    API's list."""


def listing_for(panelist: Panelist, status: str | None, page: int,
                page_size: int) -> tuple[list[Listed], int]:
    """``page_for`` for the API's list, read with plain statements; what it shows is the
    same (tests/panel/test_quick_dump.py)."""
    where = [Receipt.panelist_id == panelist.id]
    if status:
        where.append(Receipt.status == status)
    total = db.session.scalar(select(func.count()).select_from(Receipt).where(*where))
    if (page - 1) * page_size >= total:
        return [], total
    rows = db.session.execute(
        select(*Receipt.__table__.c).where(*where)
        .order_by(Receipt.submitted_at.desc(), Receipt.id.desc())
        .limit(page_size).offset((page - 1) * page_size)).all()
    listed = [Listed(**row._mapping, items=[], redactions=[], timeline=[], redacted_lines=[])
              for row in rows]
    by_id = {receipt.id: receipt for receipt in listed}
    for model, field, order in (
            (ReceiptItem, "items", [ReceiptItem.position]),
            (ReceiptRedaction, "redactions", [ReceiptRedaction.category, ReceiptRedaction.action]),
            (ReceiptEvent, "timeline", [ReceiptEvent.sequence]),
            (ReceiptRedactedLine, "redacted_lines", [ReceiptRedactedLine.line])):
        for child in db.session.execute(select(*model.__table__.c).where(
                model.receipt_id.in_(list(by_id))).order_by(model.receipt_id, *order)):
            getattr(by_id[child.receipt_id], field).append(child)
    return listed, total


def periods_for(panelist: Panelist) -> list[str]:
    """The months ("YYYY-MM") in which the panelist shared receipts, newest first."""
    return list(db.session.scalars(
        select(Receipt.period).where(Receipt.panelist_id == panelist.id).distinct()
        .order_by(Receipt.period.desc())))


def get_for(panelist: Panelist, receipt_id: str) -> Receipt:
    """The panelist's own receipt; anyone else's is simply not found."""
    receipt = db.session.get(Receipt, receipt_id)
    if receipt is None or receipt.panelist_id != panelist.id:
        raise NotFound(N_("No such receipt."))
    return receipt


def withdraw(panelist: Panelist, receipt_id: str) -> Receipt:
    """Take a receipt out of every use; the panelist still sees it. Twice is harmless."""
    receipt = get_for(panelist, receipt_id)
    if receipt.status == ReceiptStatus.WITHDRAWN:
        return receipt
    unfinished = receipt.status in UNFINISHED_STATUSES
    receipt.status, receipt.status_reason = ReceiptStatus.WITHDRAWN, None
    receipt.withdrawn_at = utcnow()
    receipt.lease_owner = receipt.lease_expires_at = None
    receipt.add_event(ReceiptStatus.WITHDRAWN, reason="by_panelist")
    db.session.commit()
    if unfinished:  # no worker will read it now: the original goes at once
        storage_for().delete_prefix(original_prefix(receipt.id))
    return receipt


def delete(panelist: Panelist, receipt_id: str) -> None:
    """Erase a receipt: its files in every version first, then every row about it."""
    receipt = get_for(panelist, receipt_id)
    receipt_files.erase(storage_for(), receipt.id)
    subject = personal.subject_ref("receipt", receipt.id)
    db.session.add(DeletionRecord(kind="receipt", subject_hash=subject,
                                  details={"pages": receipt.page_count}))
    db.session.delete(receipt)
    db.session.execute(delete_rows(IdempotencyKey).where(
        IdempotencyKey.resource_id == receipt.id))
    db.session.flush()
    keystore.for_app().log_erasure("receipt", subject)  # replayed on a restored backup
    db.session.commit()
    flush_deleted_pages()


def redacted_image(panelist: Panelist, receipt_id: str) -> bytes:
    receipt = get_for(panelist, receipt_id)
    if not receipt.redacted_image_key:
        raise NotFound(N_("This receipt has no redacted image (yet)."))
    return storage_for().get(receipt.redacted_image_key)
