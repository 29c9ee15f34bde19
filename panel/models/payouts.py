"""Payout states, and the gift-card codes bought in bulk and handed out one per payout.

A code is sealed under the master key (``vault.seal_with_master``) from the moment it is
imported; only its keyed hash is readable, so the same code cannot be imported twice.
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from panel.db import Base, UtcDateTime, id_column, utcnow


class PayoutState(StrEnum):
    REQUESTED = "requested"  # taken off the balance, waiting to be paid
    RESERVED = "reserved"    # a gift-card code is held for it, not yet shown
    DELIVERED = "delivered"  # the panelist has it (code shown, or sent by staff/provider)
    FAILED = "failed"        # could not be paid; the amount went back to the balance
    REVERSED = "reversed"    # undone after the fact; the amount went back to the balance


OPEN_STATES = (PayoutState.REQUESTED, PayoutState.RESERVED)
FINAL_STATES = (PayoutState.DELIVERED, PayoutState.FAILED, PayoutState.REVERSED)


class GiftCardCode(Base):
    __tablename__ = "gift_card_codes"
    # Finding a free code of a value: the free ones first in this index.
    __table_args__ = (Index("ix_gift_card_codes_stock", "currency", "value_minor", "payout_id"),)

    id: Mapped[str] = id_column()
    brand: Mapped[str] = mapped_column(String(40))
    value_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    code_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    pin_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    expires_on: Mapped[date | None] = mapped_column(Date)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(String(10), default="inventory")  # or provider
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    payout_id: Mapped[str | None] = mapped_column(
        ForeignKey("payouts.ledger_entry_id", ondelete="RESTRICT"), unique=True)
    reserved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class InventoryAlert(Base):
    """When staff were last mailed that a stock (currency, value, brand) ran low."""

    __tablename__ = "inventory_alerts"

    stock: Mapped[str] = mapped_column(String(80), primary_key=True)
    mailed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
