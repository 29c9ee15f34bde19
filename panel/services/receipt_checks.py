"""What keeps a read receipt from counting, checked by the pipeline's ``check`` step and
again when a reviewer accepts a receipt with their fields: shared before (a duplicate), bought
too long ago, or pages that do not belong together.

A duplicate is a receipt shared before, by anyone: the same merchant, date and total, and the
redacted image or any one page near-identical to one of the earlier receipt's (so the same
photo with a page added, blank or not, is still the same receipt). Each page keeps its own
dHash (``Receipt.page_hashes``, of the page as uploaded, before any crop). Across sources
(a purchase photographed and also forwarded as an e-receipt, or uploaded as its PDF) no image
compares, so there the same panelist's counted receipt with the same merchant, date and total
that came another way is the duplicate.

The age limit (RECEIPT_MAX_AGE_DAYS) counts from the purchase date read on the receipt, for
every source: a mail forwarded today of a purchase long ago is too old.

Pages that do not belong together: a receipt of several pages one of whose pages is
near-identical to a page of an earlier receipt that shares at least two of merchant, date and
total with it, or that the same panelist shared. Another receipt's page added to a new one
mixes the two receipts' fields, so it is no duplicate by the rule above, but a page already
counted once is in it. A 64-bit dHash can match between different receipts photographed alike,
so such a receipt goes to a person (``needs_review``, ``pages_mismatch``), not straight out.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select

from panel import image_hash
from panel.db import db
from panel.models import Receipt, ReceiptStatus

COUNTED_STATUSES = (ReceiptStatus.ACCEPTED, ReceiptStatus.NEEDS_REVIEW)


def refusal(receipt: Receipt) -> str | None:
    """``duplicate`` or ``too_old`` when the receipt must not count, else None."""
    if is_duplicate(receipt):
        return "duplicate"
    if too_old(receipt):
        return "too_old"
    return None


def is_duplicate(receipt: Receipt) -> bool:
    if None in (receipt.merchant_name, receipt.purchase_date, receipt.total):
        return False
    same = (Receipt.merchant_name == receipt.merchant_name,
            Receipt.purchase_date == receipt.purchase_date, Receipt.total == receipt.total)
    if _earlier(receipt, *same, Receipt.panelist_id == receipt.panelist_id,
                Receipt.source != receipt.source):
        return True
    return any(_alike(receipt, image, pages) for image, pages in _earlier(receipt, *same))


def too_old(receipt: Receipt) -> bool:
    max_age = timedelta(days=current_app.config["RECEIPT_MAX_AGE_DAYS"])
    return bool(receipt.purchase_date
                and receipt.purchase_date < (receipt.submitted_at - max_age).date())


def pages_mismatch(receipt: Receipt) -> bool:
    """A page of this receipt of several pages was counted before with another receipt."""
    if receipt.page_count < 2 or not receipt.page_hashes:
        return False
    same = [column == value for column, value in (
        (Receipt.merchant_name, receipt.merchant_name),
        (Receipt.purchase_date, receipt.purchase_date), (Receipt.total, receipt.total))
        if value is not None]
    related = or_(Receipt.panelist_id == receipt.panelist_id,
                  *(and_(one, other) for n, one in enumerate(same) for other in same[n + 1:]))
    pages = _hashes(receipt.page_hashes)
    return any(image_hash.same_image(page, other) for _, others in _earlier(receipt, related)
               for other in _hashes(others) for page in pages)


def _earlier(receipt: Receipt, *where) -> list[tuple[str | None, str | None]]:
    """Image and page hashes of the other counted receipts that match ``where``."""
    return list(db.session.execute(select(Receipt.image_hash, Receipt.page_hashes).where(
        Receipt.id != receipt.id, Receipt.status.in_(COUNTED_STATUSES), *where)))


def _alike(receipt: Receipt, image: str | None, pages: str | None) -> bool:
    if image_hash.same_image(receipt.image_hash, image):
        return True
    return any(image_hash.same_image(mine, theirs) for mine in _hashes(receipt.page_hashes)
               for theirs in _hashes(pages))


def _hashes(joined: str | None) -> list[str]:
    return joined.split(",") if joined else []
