"""The pipeline's steps. Each takes the job, does one thing, and may raise ``Stop``."""
from __future__ import annotations

import io
from dataclasses import dataclass, field

import simplejpeg
from flask import current_app
from PIL import Image, ImageOps

import ocr
import products
import redaction
from ocr.read import text_layer
from ocr.read.text_layer import LayerWord
from ocr.types import KEY_FIELDS, REVIEW_THRESHOLD, OcrPage, ParsedReceipt
from panel import image_hash, metrics
from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import (
    Receipt,
    ReceiptItem,
    ReceiptRedactedLine,
    ReceiptRedaction,
    ReceiptSource,
    ReceiptStatus,
)
from panel.receipt_files import original_key, original_prefix, redacted_key, text_layer_key
from panel.services import ereceipts, receipt_checks
from panel.storage import StoredObjectMissing
from panel.tasks import claims


class LeaseLost(Exception):
    """Another worker holds the receipt now (our lease ran out), or it was withdrawn: what
    we were about to write is not ours to write."""


class OriginalNotFoundYet(Exception):
    """The storage answered that an original the row says was stored is missing: perhaps
    for a moment (a storage shutting down answers so), so the job is tried again later."""


class Stop(Exception):
    """Ends the job with a final status and a stable reason code."""

    def __init__(self, status: ReceiptStatus, reason: str | None = None):
        super().__init__(status, reason)
        self.status, self.reason = status, reason


@dataclass
class Job:
    receipt: Receipt
    owner: str | None = None  # our lease on the receipt (claims)
    step: str | None = None
    pages: list[Image.Image] = field(default_factory=list)
    image: Image.Image | None = None
    page: OcrPage | None = None
    parsed: ParsedReceipt | None = None
    layers: list[list[LayerWord]] | None = None  # an e-receipt's text layer, per page


def engine() -> ocr.OcrEngine:
    config = current_app.config
    return ocr.make_engine(config["OCR_ENGINE"], lang=config["OCR_LANGUAGES"])


def load(job: Job) -> None:
    """The pages as RGB pixels, upright, together at most WORKER_MAX_PIXELS (larger pages are
    decoded at a reduced scale, which bounds the job's memory), and each page's dHash."""
    storage = storage_for()
    try:
        blobs = [storage.get(original_key(job.receipt.id, n))
                 for n in range(1, job.receipt.page_count + 1)]
    except StoredObjectMissing:
        gone_for_good(job)
        raise OriginalNotFoundYet(job.receipt.id) from None
    if job.receipt.missing_since is not None:
        job.receipt.missing_since = None  # written with the next step's commit
    scale = working_scale(blobs, current_app.config["WORKER_MAX_PIXELS"])
    while blobs:  # each stored page is let go of once decoded
        job.pages.append(upright(blobs.pop(0), scale))
    job.receipt.page_hashes = ",".join(image_hash.dhash(page) for page in job.pages)
    if job.receipt.source != ReceiptSource.PHOTO:
        try:
            job.layers = ereceipts.read_text_layer(storage.get(text_layer_key(job.receipt.id)))
        except StoredObjectMissing:  # a PDF whose pages have no text: read by OCR
            job.layers = None


def gone_for_good(job: Job) -> None:
    """Reject the receipt ``image_missing`` if its originals have been missing for
    JOB_MISSING_SECONDS and a listing of its folder, just now, agrees; else remember since
    when they are missing (the job is then tried again later)."""
    receipt = job.receipt
    if receipt.missing_since is None:
        claims.note_missing(receipt.id, job.owner)
        return
    waited = (utcnow() - receipt.missing_since).total_seconds()
    listed = storage_for().keys(original_prefix(receipt.id))  # StorageUnavailable: later
    if waited >= current_app.config["JOB_MISSING_SECONDS"] and len(listed) < receipt.page_count:
        raise Stop(ReceiptStatus.REJECTED, "image_missing")


def working_scale(blobs: list[bytes], max_pixels: int) -> float:
    """The factor (at most 1) that brings the pages together to ``max_pixels``: OCR reads a
    line best at about 24 px high (ocr.prepare.steps), which far fewer pixels give."""
    pixels = 0
    for blob in blobs:
        with Image.open(io.BytesIO(blob)) as image:
            pixels += image.width * image.height
    return min(1.0, (max_pixels / pixels) ** 0.5) if pixels else 1.0


def upright(blob: bytes, scale: float = 1.0) -> Image.Image:
    """A stored page as RGB pixels at ``scale``, turned upright by the EXIF orientation an
    uploaded JPEG keeps (panel.services.uploads; other pages were stored upright already).
    A reduced JPEG is decoded straight at the smallest of libjpeg-turbo's scales (1/8 to 7/8)
    that comes within 10 % of ``scale``, so its full-size pixels are never held."""
    with Image.open(io.BytesIO(blob)) as image:
        if scale >= 1 or image.format != "JPEG":
            return ImageOps.exif_transpose(image).convert("RGB")
        exif, size = image.info.get("exif"), image.size
    wanted = (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
    page = Image.fromarray(simplejpeg.decode_jpeg(  # checked whole at upload: not strict here
        blob, colorspace="RGB", min_width=int(wanted[0] * 0.9), min_height=int(wanted[1] * 0.9),
        strict=False))
    if page.width * page.height > 1.1 * wanted[0] * wanted[1]:
        page = page.resize(wanted, Image.Resampling.LANCZOS, reducing_gap=3.0)
    if exif:
        page.info["exif"] = exif  # for the orientation, applied as to any page
    return ImageOps.exif_transpose(page)


def read_text(job: Job) -> None:
    """OCR of the prepared pages; an e-receipt's text layer instead where it has one (its
    words placed on the stacked pages, which are not cropped or turned: no need)."""
    if job.layers is not None:
        job.image, job.page = text_layer.reading(job.pages, job.layers)
        return
    job.image = ocr.prepare(job.pages)
    with metrics.timed(metrics.OCR_SECONDS, engine=current_app.config["OCR_ENGINE"]):
        job.page = engine().read(job.image)


def parse(job: Job) -> None:
    """Parse the page, then read again what the first reading left unconfirmed: the whole
    receipt where it was read poorly (OCR_WHOLE_LOOK), the price column (OCR_PRICE_LOOK) and
    the date's words (OCR_DATE_LOOK), see ocr.second_reading.
    ``job.page``, which redaction analyses, is the reading the items came from."""
    config = current_app.config
    read = job.layers is None  # a text layer is exact: nothing to read again
    job.page, job.parsed = ocr.understand(
        job.image, job.page, engine(), job.receipt.submitted_at.date(), config["PANEL_COUNTRY"],
        price_look=read and config["OCR_PRICE_LOOK"], date_look=read and config["OCR_DATE_LOOK"],
        whole_look=read and config["OCR_WHOLE_LOOK"])


def redact(job: Job) -> None:
    """Decide, apply and verify redaction; store only the result; then drop the original."""
    policy = redaction.Policy.from_text(current_app.config["REDACTION_POLICY"])
    # REDACTION_VERIFY: "painted" reads again the bands around the paint (the rest of the page
    # is unchanged and its first reading stands); "page" the whole page (docs/redaction.md)
    result = redaction.redact(job.image, job.page, job.parsed, engine(), policy,
                              scope=current_app.config["REDACTION_VERIFY"])
    if result.painted is not None:
        _keep_redacted(job, result)
        _record_lines(job.receipt, redaction.line_report(result.decision, job.page))
    _record_redactions(job.receipt, result.decision.counts)
    job.receipt.redacted_at = utcnow()
    if not claims.renew(job.receipt.id, job.owner):  # one short transaction, ours alone
        raise LeaseLost
    db.session.commit()
    forget_originals(job.receipt)


def _keep_redacted(job: Job, result: redaction.Redacted) -> None:
    page, parsed, painted = result.page, result.parsed, result.painted
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
    context = products.receipt_context(page.text, parsed.merchant)
    receipt.items = [item_row(n, item, products.classify(item.description, context))
                     for n, item in enumerate(parsed.items)]


def item_row(position: int, item, product: products.Product) -> ReceiptItem:
    """An item as stored: what was read (after redaction) and what it is."""
    return ReceiptItem(position=position, description=item.description[:200],
                       quantity=item.quantity, unit_price=item.unit_price, amount=item.amount,
                       category_code=product.code, category_name=product.name,
                       category_confidence=product.confidence if product.code else None,
                       brand=product.brand)


def _record_redactions(receipt: Receipt, counts) -> None:
    totals: dict[tuple[str, str], int] = {}
    for category, action, count in counts:
        totals[(category, action)] = totals.get((category, action), 0) + count
    receipt.redactions = [ReceiptRedaction(category=c, action=a, count=n)
                          for (c, a), n in sorted(totals.items())]
    for (category, action), count in totals.items():
        metrics.REDACTIONS.labels(category=category, action=action).inc(count)


def _record_lines(receipt: Receipt, marks: list[redaction.LineMark]) -> None:
    """The per-line report: line numbers, actions, categories and places, no text."""
    receipt.redacted_lines = [
        ReceiptRedactedLine(line=mark.line, action=mark.action, reasons=",".join(mark.reasons),
                            top=mark.top, height=mark.height) for mark in marks]


def forget_originals(receipt: Receipt) -> None:
    storage_for().delete_prefix(original_prefix(receipt.id))


def check(job: Job) -> None:
    """Decide the outcome from what was stored after redaction."""
    receipt = job.receipt
    removed = [r for r in receipt.redactions if r.action == "receipt_removed"]
    if removed:  # nothing of it was kept: no image, no items, no fields
        raise Stop(ReceiptStatus.REMOVED, removed[0].category)
    if receipt.total is None and not receipt.items and receipt.merchant_name is None:
        raise Stop(ReceiptStatus.REJECTED, "unreadable")
    if refusal := receipt_checks.refusal(receipt):
        raise Stop(ReceiptStatus.REJECTED, refusal)
    if receipt_checks.pages_mismatch(receipt):
        raise Stop(ReceiptStatus.NEEDS_REVIEW, "pages_mismatch")
    if receipt.total is None:
        raise Stop(ReceiptStatus.NEEDS_REVIEW, "total_not_found")
    if (receipt.parse_confidence or 0.0) < REVIEW_THRESHOLD:
        raise Stop(ReceiptStatus.NEEDS_REVIEW, "low_confidence")
