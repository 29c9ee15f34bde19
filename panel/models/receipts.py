"""Receipts and what the pipeline learned of them (only ever the redacted result)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panel.db import Base, UtcDateTime, id_column, utcnow

Money = Numeric(12, 2)


class ReceiptStatus(StrEnum):
    """Where a receipt stands. The values are stored and are the API's words: never renamed."""

    QUEUED = "queued"  # waiting for a worker
    PROCESSING = "processing"  # a worker holds its lease
    ACCEPTED = "accepted"
    NEEDS_REVIEW = "needs_review"  # waiting for a person (see services.review)
    REJECTED = "rejected"
    REMOVED = "removed"  # deleted whole by redaction (e.g. a prescription)
    WITHDRAWN = "withdrawn"  # by the panelist


class ReceiptSource(StrEnum):
    """How a receipt came: the values are stored and shown by the API."""

    PHOTO = "photo"  # photos of a paper receipt
    PDF = "pdf"  # a PDF e-receipt, uploaded
    EMAIL = "email"  # a mail forwarded to the panelist's forwarding address


UNFINISHED_STATUSES = (ReceiptStatus.QUEUED, ReceiptStatus.PROCESSING)
FINAL_STATUSES = tuple(status for status in ReceiptStatus if status not in UNFINISHED_STATUSES)


class Receipt(Base):
    __tablename__ = "receipts"
    __table_args__ = (
        # A panelist's list, newest first with the id as tie-break; a month's qualification.
        Index("ix_receipts_panelist_submitted_id", "panelist_id", "submitted_at", "id"),
        Index("ix_receipts_panelist_week", "panelist_id", "week"),
        Index("ix_receipts_status_lease", "status", "lease_expires_at"),
        Index("ix_receipts_period_status", "period", "status"),
        Index("ix_receipts_merchant_date_total", "merchant_name", "purchase_date", "total"),
    )

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(ForeignKey("panelists.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default=ReceiptStatus.QUEUED)
    status_reason: Mapped[str | None] = mapped_column(String(40))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    period: Mapped[str] = mapped_column(String(7))
    week: Mapped[str | None] = mapped_column(String(8))  # ISO week in the panel's zone
    page_count: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(8), default=ReceiptSource.PHOTO,
                                        server_default=ReceiptSource.PHOTO.value)
    # Bytes of the pages as stored at upload: what the panelist's storage quota counts.
    uploaded_bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Job bookkeeping: the row is the job.
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # claims, for any reason
    # Failures the receipt itself caused (a step that raised, a worker lost mid-job); failures
    # of storage, database or broker never count. JOB_MAX_ATTEMPTS of them: needs_review.
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When the worker first found an original missing that the row says was stored; the
    # receipt is rejected image_missing only when it stays missing (JOB_MISSING_SECONDS).
    missing_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(36))
    redacted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    redacted_image_key: Mapped[str | None] = mapped_column(String(200))
    # What parsing found, after redaction.
    merchant_name: Mapped[str | None] = mapped_column(String(200))
    purchase_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str | None] = mapped_column(String(3))
    subtotal: Mapped[Decimal | None] = mapped_column(Money)
    tax: Mapped[Decimal | None] = mapped_column(Money)
    total: Mapped[Decimal | None] = mapped_column(Money)
    parse_confidence: Mapped[float | None] = mapped_column(Float)
    image_hash: Mapped[str | None] = mapped_column(String(16))  # of the redacted image
    # the dHash of each page as uploaded (upright, before any crop), comma-separated
    page_hashes: Mapped[str | None] = mapped_column(String(120))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The web request that uploaded it (panel.logs): the worker's log lines carry it too.
    request_id: Mapped[str | None] = mapped_column(String(64))
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    items: Mapped[list["ReceiptItem"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ReceiptItem.position")
    redactions: Mapped[list["ReceiptRedaction"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True,
        order_by="[ReceiptRedaction.category, ReceiptRedaction.action]")
    # which lines were removed or masked and why (redaction.line_report), no text
    redacted_lines: Mapped[list["ReceiptRedactedLine"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True,
        order_by="ReceiptRedactedLine.line")
    timeline: Mapped[list["ReceiptEvent"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True,
        order_by="ReceiptEvent.sequence")

    def add_event(self, status: str, step: str | None = None, reason: str | None = None) -> None:
        """A row on the receipt's timeline (a status change or a pipeline step), which the
        panelist sees; written with the caller's commit."""
        self.timeline.append(ReceiptEvent(sequence=len(self.timeline), status=status,
                                           step=step, reason=reason))


class ReceiptItem(Base):
    __tablename__ = "receipt_items"

    id: Mapped[str] = id_column()
    receipt_id: Mapped[str] = mapped_column(
        ForeignKey("receipts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    unit_price: Mapped[Decimal | None] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    # What the item is (products.classify): a COICOP 2018 class, or its division where the
    # text allows no more; null when not understood. Brand as the brand list prints it.
    category_code: Mapped[str | None] = mapped_column(String(10))
    category_name: Mapped[str | None] = mapped_column(String(200))
    category_confidence: Mapped[float | None] = mapped_column(Float)
    brand: Mapped[str | None] = mapped_column(String(80))


class ReceiptRedaction(Base):
    """What redaction took out: category, action and count, never the text itself."""

    __tablename__ = "receipt_redactions"

    id: Mapped[str] = id_column()
    receipt_id: Mapped[str] = mapped_column(
        ForeignKey("receipts.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)


class ReceiptRedactedLine(Base):
    """One line of a receipt that redaction removed or masked: its number from the top, the
    action, the categories that caused it (comma-separated) and where it lies on the redacted
    image (shares of its height), for the panelist's per-line report. Never the text."""

    __tablename__ = "receipt_redacted_lines"

    id: Mapped[str] = id_column()
    receipt_id: Mapped[str] = mapped_column(
        ForeignKey("receipts.id", ondelete="CASCADE"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[str] = mapped_column(String(200))
    top: Mapped[float] = mapped_column(Float)
    height: Mapped[float] = mapped_column(Float)


class ReceiptEvent(Base):
    """One row of a receipt's timeline: a status change or a pipeline step."""

    __tablename__ = "receipt_events"

    id: Mapped[str] = id_column()
    receipt_id: Mapped[str] = mapped_column(
        ForeignKey("receipts.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16))
    step: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(40))


class ForwardingAddress(Base):
    """A panelist's private address for forwarding e-receipts: a random token, not derived
    from the account. Renewing retires the live one; mail to a retired token is refused."""

    __tablename__ = "forwarding_addresses"

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(
        ForeignKey("panelists.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class IdempotencyKey(Base):
    """A mutating request a phone may retry: the same key returns the first result."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("panelist_id", "scope", "key"),)

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(ForeignKey("panelists.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(200))
    resource_id: Mapped[str] = mapped_column(String(36))
    # SHA-256 of the request's payload: the same key with another payload is refused
    payload_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
