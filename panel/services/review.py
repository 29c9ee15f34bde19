"""The review queue: receipts in ``needs_review`` (low OCR confidence, totals not found,
pages that may not belong together), decided by a person who sees only the redacted image and
the extracted fields. Accepting runs the pipeline's checks on the reviewer's fields: a
duplicate or a receipt bought too long ago cannot be accepted, only rejected.

Every look and every decision is written to the audit log; the decision also appears on the
receipt's timeline, where the panelist sees it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import Receipt, ReceiptItem, ReceiptStatus
from panel.services import audit, receipt_checks
from panel.services.errors import Conflict, Invalid, NotFound

ACCEPT_REASONS = {"fields_confirmed": "The fields were read correctly",
                  "fields_corrected": "Fields were corrected by a reviewer"}
REJECT_REASONS = {"unreadable": "Too blurred, dark or cut off to read",
                  "not_a_receipt": "Not a shopping receipt",
                  "duplicate": "Already shared before",
                  "too_old": "Bought too long ago",
                  "incomplete": "Key parts (shop, date or total) are missing"}
CANNOT_ACCEPT = {
    "duplicate": "With these fields the receipt is one already shared (the same shop, date and "
                 "total, and a near-identical photo or page): reject it as a duplicate.",
    "too_old": "With this purchase date the receipt was bought longer ago than the panel "
               "accepts: correct the date, or reject it as too old."}


def queue(limit: int = 50, offset: int = 0) -> tuple[list[Receipt], int]:
    """Receipts waiting for a person, oldest first."""
    where = Receipt.status == ReceiptStatus.NEEDS_REVIEW
    total = db.session.scalar(select(func.count()).select_from(Receipt).where(where))
    rows = db.session.scalars(select(Receipt).where(where).order_by(
        Receipt.submitted_at, Receipt.id).limit(limit).offset(offset))
    return list(rows), total


def _waiting(receipt_id: str) -> Receipt:
    receipt = db.session.get(Receipt, receipt_id)
    if receipt is None:
        raise NotFound("No such receipt.")
    if receipt.status != ReceiptStatus.NEEDS_REVIEW:
        raise Conflict(f"This receipt is no longer waiting for review (it is {receipt.status}).")
    return receipt


def open_for_review(receipt_id: str, actor: audit.Actor) -> Receipt:
    receipt = _waiting(receipt_id)
    audit.record(actor, "receipt.viewed", receipt.panelist_id, receipt.id, "review")
    db.session.commit()
    return receipt


def redacted_image(receipt_id: str, actor: audit.Actor) -> bytes:
    """The redacted image only (the original is deleted once redaction has run)."""
    receipt = _waiting(receipt_id)
    if not receipt.redacted_image_key:
        raise NotFound("This receipt has no redacted image.")
    data = storage_for().get(receipt.redacted_image_key)
    audit.record(actor, "receipt.image_viewed", receipt.panelist_id, receipt.id, "review")
    db.session.commit()
    return data


@dataclass
class Item:
    description: str
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal


@dataclass
class Fields:
    merchant_name: str | None = None
    purchase_date: date | None = None
    currency: str | None = None
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    items: list[Item] = field(default_factory=list)


def decide(receipt_id: str, accept: bool, reason: str, fields: Fields | None,
           actor: audit.Actor) -> Receipt:
    """Accept (with the corrected fields) or reject, with a reason code."""
    receipt = _waiting(receipt_id)
    codes = ACCEPT_REASONS if accept else REJECT_REASONS
    if reason not in codes:
        raise Invalid(f"Choose a reason: {', '.join(codes)}.", {"reason": ["Unknown reason."]})
    if accept:
        if fields is None or fields.total is None:
            raise Invalid("An accepted receipt needs its total.", {"total": ["Required."]})
        _apply(receipt, fields)
        if refusal := receipt_checks.refusal(receipt):
            db.session.rollback()
            raise Invalid(CANNOT_ACCEPT[refusal], {"reason": [f"Not acceptable: {refusal}."]})
    receipt.status = ReceiptStatus.ACCEPTED if accept else ReceiptStatus.REJECTED
    receipt.status_reason = None if accept else reason
    receipt.processed_at = utcnow()
    receipt.add_event(receipt.status, step="review", reason=reason)
    audit.record(actor, "receipt.reviewed", receipt.panelist_id, receipt.id,
                 f"{receipt.status}: {reason}")
    db.session.commit()
    return receipt


def _apply(receipt: Receipt, fields: Fields) -> None:
    receipt.merchant_name = fields.merchant_name
    receipt.purchase_date = fields.purchase_date
    receipt.currency = fields.currency
    receipt.subtotal, receipt.tax, receipt.total = fields.subtotal, fields.tax, fields.total
    receipt.items = [ReceiptItem(position=n, description=i.description[:200],
                                 quantity=i.quantity, unit_price=i.unit_price, amount=i.amount)
                     for n, i in enumerate(fields.items)]
