"""The pipeline's steps. Each takes the job, does one thing, and may raise ``Stop``."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from PIL import Image, ImageOps
from sqlalchemy import select

import ocr
import redaction
from ocr.second_reading import look_again
from ocr.types import KEY_FIELDS, REVIEW_THRESHOLD, OcrPage, ParsedReceipt
from panel import image_hash
from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import Receipt, ReceiptItem, ReceiptRedaction
from panel.receipt_files import original_key, original_prefix, redacted_key
from panel.storage import StoredObjectMissing

COUNTED_STATUSES = ("accepted", "needs_review")


class Stop(Exception):
    """Ends the job with a final status and a stable reason code."""

    def __init__(self, status: str, reason: str | None = None):
        super().__init__(status, reason)
        self.status, self.reason = status, reason


@dataclass
class Job:
    receipt: Receipt
    pages: list[Image.Image] = field(default_factory=list)
    image: Image.Image | None = None
    page: OcrPage | None = None
    parsed: ParsedReceipt | None = None


def engine() -> ocr.OcrEngine:
    config = current_app.config
    return ocr.make_engine(config["OCR_ENGINE"], lang=config["OCR_LANGUAGES"])


def load(job: Job) -> None:
    storage = storage_for()
    try:
        blobs = [storage.get(original_key(job.receipt.id, n))
                 for n in range(1, job.receipt.page_count + 1)]
    except StoredObjectMissing:
        raise Stop("rejected", "image_missing") from None
    job.pages = [upright(blob) for blob in blobs]


def upright(blob: bytes) -> Image.Image:
    """A stored page as RGB pixels, turned upright by the EXIF orientation an uploaded JPEG
    keeps (panel.services.uploads); other pages were stored upright already."""
    with Image.open(io.BytesIO(blob)) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def read_text(job: Job) -> None:
    job.image = ocr.prepare(job.pages)
    job.page = engine().read(job.image)


def parse(job: Job) -> None:
    """Parse the page, then read again what the first reading left unconfirmed: the whole
    receipt where it was read poorly (OCR_WHOLE_LOOK), the price column (OCR_PRICE_LOOK) and
    the date's words (OCR_DATE_LOOK), see ocr.second_reading.
    ``job.page``, which redaction analyses, is the reading the items came from."""
    today = job.receipt.submitted_at.date()
    config = current_app.config
    job.parsed = ocr.parse(job.page, today=today, country=config["PANEL_COUNTRY"])
    job.page, job.parsed = look_again(job.image, engine(), job.page, job.parsed, today,
                                      prices=config["OCR_PRICE_LOOK"],
                                      dates=config["OCR_DATE_LOOK"],
                                      whole=config["OCR_WHOLE_LOOK"])


def redact(job: Job) -> None:
    """Decide, apply and verify redaction; store only the result; then drop the original."""
    policy = redaction.Policy.from_text(current_app.config["REDACTION_POLICY"])
    decision = policy.decide(redaction.analyze(job.page, job.parsed), job.page)
    # REDACTION_VERIFY: "painted" reads again the bands around the paint (the rest of the page
    # is unchanged and its first reading stands); "page" the whole page (docs/redaction.md)
    scope = current_app.config["REDACTION_VERIFY"]
    decision, painted = redaction.paint_verified(job.image, job.page, decision, engine(), policy,
                                                 scope=scope)
    if painted is not None:
        _keep_redacted(job, decision, painted)
    _record_redactions(job.receipt, decision.counts)
    job.receipt.redacted_at = utcnow()
    db.session.commit()
    forget_originals(job.receipt)


def _keep_redacted(job: Job, decision, painted: Image.Image) -> None:
    page, parsed = redaction.redact_receipt(job.page, job.parsed, decision)
    receipt = job.receipt
    out = io.BytesIO()
    painted.save(out, format="JPEG", quality=85)
    receipt.image_hash = image_hash.dhash(painted)
    receipt.redacted_image_key = redacted_key(receipt.id)
    storage_for().put(receipt.redacted_image_key, out.getvalue())
    receipt.merchant_name = parsed.merchant
    receipt.purchase_date = parsed.purchase_date
    receipt.currency = parsed.currency
    receipt.subtotal, receipt.tax, receipt.total = parsed.subtotal, parsed.tax, parsed.total
    receipt.parse_confidence = min(parsed.confidence.get(name, 0.0) for name in KEY_FIELDS)
    receipt.items = [
        ReceiptItem(position=n, description=item.description[:200], quantity=item.quantity,
                    unit_price=item.unit_price, amount=item.amount)
        for n, item in enumerate(parsed.items)]


def _record_redactions(receipt: Receipt, counts) -> None:
    totals: dict[tuple[str, str], int] = {}
    for category, action, count in counts:
        totals[(category, action)] = totals.get((category, action), 0) + count
    receipt.redactions = [ReceiptRedaction(category=c, action=a, count=n)
                          for (c, a), n in sorted(totals.items())]


def forget_originals(receipt: Receipt) -> None:
    storage_for().delete_prefix(original_prefix(receipt.id))



def check(job: Job) -> None:
    """Decide the outcome from what was stored after redaction."""
    receipt = job.receipt
    removed = [r for r in receipt.redactions if r.action == "receipt_removed"]
    if removed:  # nothing of it was kept: no image, no items, no fields
        raise Stop("removed", removed[0].category)
    if receipt.total is None and not receipt.items and receipt.merchant_name is None:
        raise Stop("rejected", "unreadable")
    if _is_duplicate(receipt):
        raise Stop("rejected", "duplicate")
    max_age = timedelta(days=current_app.config["RECEIPT_MAX_AGE_DAYS"])
    if receipt.purchase_date and receipt.purchase_date < (receipt.submitted_at - max_age).date():
        raise Stop("rejected", "too_old")
    if receipt.total is None:
        raise Stop("needs_review", "total_not_found")
    if (receipt.parse_confidence or 0.0) < REVIEW_THRESHOLD:
        raise Stop("needs_review", "low_confidence")


def _is_duplicate(receipt: Receipt) -> bool:
    """Shared before, by anyone: same merchant, date and total, and a near-identical image."""
    if None in (receipt.merchant_name, receipt.purchase_date, receipt.total):
        return False
    hashes = db.session.scalars(select(Receipt.image_hash).where(
        Receipt.id != receipt.id, Receipt.status.in_(COUNTED_STATUSES),
        Receipt.merchant_name == receipt.merchant_name,
        Receipt.purchase_date == receipt.purchase_date, Receipt.total == receipt.total))
    return any(image_hash.same_image(receipt.image_hash, other) for other in hashes)
