"""The reward ledger: append-only entries in integer minor units. The balance is their sum."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from panel.db import Base, UtcDateTime, id_column, utcnow

KINDS = ("period_reward", "receipt_reward", "survey_reward", "redemption", "reversal",
         "payout_returned", "forfeited")


class LedgerEntry(Base):
    """Never updated or deleted (PostgreSQL refuses it); corrections are new entries. When
    the account is erased its entries stay, anonymous (``panelist_id`` set to NULL, the one
    change PostgreSQL allows). ``dedupe_key`` makes a reward impossible to pay twice."""

    __tablename__ = "ledger_entries"
    # The unique key also serves a panelist's ledger page (found by panelist_id, its prefix).
    __table_args__ = (UniqueConstraint("panelist_id", "dedupe_key"),)

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str | None] = mapped_column(
        ForeignKey("panelists.id", ondelete="SET NULL"))
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
    """How a redemption is paid out, and where it stands (``PayoutState``). The ledger entry
    itself never changes; a payout that fails or is reversed gives the amount back with a
    new entry. The payout's id is its ledger entry's id."""

    __tablename__ = "payouts"

    ledger_entry_id: Mapped[str] = mapped_column(
        ForeignKey("ledger_entries.id", ondelete="CASCADE"), primary_key=True)
    method: Mapped[str] = mapped_column(String(20))  # store_credit | charity | gift_card
    status: Mapped[str] = mapped_column(String(10), default="requested", index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # when delivered
    reason: Mapped[str | None] = mapped_column(String(200))  # why it failed or was reversed
    brand: Mapped[str | None] = mapped_column(String(40))  # a gift card's brand, if chosen
    # Gift cards by a provider: its id for the payout, and how often it was asked.
    provider_reference: Mapped[str | None] = mapped_column(String(80))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    code_shown_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PayoutEvent(Base):
    """A payout's history: each state it reached, when, and why."""

    __tablename__ = "payout_events"

    id: Mapped[str] = id_column()
    payout_id: Mapped[str] = mapped_column(
        ForeignKey("payouts.ledger_entry_id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(String(200))
