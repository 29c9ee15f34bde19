"""The reward ledger: append-only entries in integer minor units. The balance is their sum."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from panel.db import Base, UtcDateTime, id_column, utcnow

KINDS = ("period_reward", "receipt_reward", "survey_reward", "redemption", "reversal")


class LedgerEntry(Base):
    """Never updated or deleted (PostgreSQL refuses it, except when the account is erased);
    corrections are new entries. ``dedupe_key`` makes a reward impossible to pay twice."""

    __tablename__ = "ledger_entries"
    # The unique key also serves a panelist's ledger page (found by panelist_id, its prefix).
    __table_args__ = (UniqueConstraint("panelist_id", "dedupe_key"),)

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(ForeignKey("panelists.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    period: Mapped[str | None] = mapped_column(String(7))
    dedupe_key: Mapped[str | None] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RewardPeriod(Base):
    """A month that has been closed (its rewards written)."""

    __tablename__ = "reward_periods"

    period: Mapped[str] = mapped_column(String(7), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    rewarded: Mapped[int] = mapped_column(BigInteger, default=0)


class Payout(Base):
    """How a redemption is paid out; staff mark it sent. The ledger entry itself never
    changes."""

    __tablename__ = "payouts"

    ledger_entry_id: Mapped[str] = mapped_column(
        ForeignKey("ledger_entries.id", ondelete="CASCADE"), primary_key=True)
    method: Mapped[str] = mapped_column(String(20))  # store_credit | charity
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending | sent
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
