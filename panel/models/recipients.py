"""Who receives the panel's figures (the register of recipients, their keys) and what they
received (releases, who contributed to each, each delivery) and the privacy budget spent."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panel.db import Base, UtcDateTime, id_column, utcnow


class Recipient(Base):
    """A client or processor of the panel, as the records of processing (Art. 30) name it.

    ``code`` is short and stable: the consent ledger names a recipient as
    ``recipient:<code>``. ``version`` grows when what a panelist consented to changes
    (country, purposes, data categories), so an older consent no longer counts."""

    __tablename__ = "recipients"

    id: Mapped[str] = id_column()
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))
    role: Mapped[str] = mapped_column(String(16))  # client | processor
    purposes: Mapped[str] = mapped_column(Text)
    data_categories: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(String(200))
    transfer_mechanism: Mapped[str | None] = mapped_column(String(200))
    retention: Mapped[str] = mapped_column(String(200))
    security_measures: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RecipientKey(Base):
    """A recipient's API key, kept only as its SHA-256 hash; revoked, it stops at once."""

    __tablename__ = "recipient_keys"

    id: Mapped[str] = id_column()
    recipient_id: Mapped[str] = mapped_column(
        ForeignKey("recipients.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Release(Base):
    """Figures defined by an analyst, approved by an admin for one recipient, computed once
    with differential-privacy noise and kept as delivered (``figures``)."""

    __tablename__ = "releases"

    id: Mapped[str] = id_column()
    period: Mapped[str] = mapped_column(String(7), index=True)
    group_by: Mapped[str] = mapped_column(String(16))  # merchant | category
    measures: Mapped[list] = mapped_column(JSON)  # of receipts, panelists, spend
    epsilon: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    defined_by: Mapped[str | None] = mapped_column(String(36))  # staff id
    defined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    recipient_id: Mapped[str | None] = mapped_column(
        ForeignKey("recipients.id", ondelete="RESTRICT"), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # What protected the figures: minimum panelists, contribution bounds, noise scales,
    # accuracy, library and version; and the figures themselves.
    parameters: Mapped[dict | None] = mapped_column(JSON)
    figures: Mapped[list | None] = mapped_column(JSON)

    recipient: Mapped[Recipient | None] = relationship()


class ReleaseContribution(Base):
    """A panelist whose receipts went into a release: what the panelist is shown. Erased
    with the panelist."""

    __tablename__ = "release_contributions"

    release_id: Mapped[str] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    panelist_id: Mapped[str] = mapped_column(
        ForeignKey("panelists.id", ondelete="CASCADE"), primary_key=True, index=True)
    receipts: Mapped[int] = mapped_column(Integer)


class ReleaseDelivery(Base):
    """One handing-over of a release: from the admin tool (a staff member) or to the
    recipient's key through the API."""

    __tablename__ = "release_deliveries"

    id: Mapped[str] = id_column()
    release_id: Mapped[str] = mapped_column(
        ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    channel: Mapped[str] = mapped_column(String(16))  # admin_download | api | command_line
    staff_id: Mapped[str | None] = mapped_column(String(36))
    key_id: Mapped[str | None] = mapped_column(String(36))


class PrivacyBudget(Base):
    """Epsilon spent on one month's receipts over every release; refused past the limit."""

    __tablename__ = "privacy_budgets"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    spent: Mapped[float] = mapped_column(Float, default=0.0)
