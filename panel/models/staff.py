"""The admin tool's tables: staff accounts and sessions, the waitlist, the mail outbox,
login/rate throttling and the append-only, hash-chained audit log.

Emails are sealed under the master key and found by keyed hash, like invites.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from panel.db import Base, UtcDateTime, id_column, utcnow


class StaffAccount(Base):
    __tablename__ = "staff_accounts"

    id: Mapped[str] = id_column()
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    role: Mapped[str] = mapped_column(String(16))  # admin | reviewer | analyst | payouts
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    last_totp_step: Mapped[int | None] = mapped_column(Integer)  # a code works once
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class StaffSession(Base):
    """A server-side login: the cookie holds a random token, the row only its hash."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = id_column()
    staff_id: Mapped[str] = mapped_column(
        ForeignKey("staff_accounts.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ThrottleHit(Base):
    """One counted event (a failed login, a waitlist request) for a hashed key."""

    __tablename__ = "throttle_hits"

    id: Mapped[str] = id_column()
    bucket: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)


class ThrottleCount(Base):
    """Attempts (logins) counted for a hashed key within a window that starts with the first
    attempt; counted by one atomic upsert, so racing requests cannot all pass. A key of kind
    ``known`` marks an address an account logged in from (``window_start`` is the last time)."""

    __tablename__ = "throttle_counts"

    bucket: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    count: Mapped[int] = mapped_column(Integer)


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"

    id: Mapped[str] = id_column()
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    postal_code: Mapped[str | None] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    status_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    status_mailed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    invited_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    invite_id: Mapped[str | None] = mapped_column(
        ForeignKey("invites.id", ondelete="SET NULL"))
    # the language the person joined in (their choice, else their browser's); None: unknown
    language: Mapped[str | None] = mapped_column(String(8))


class OutboxMessage(Base):
    """Mail written here when no SMTP server is configured (or sending failed)."""

    __tablename__ = "outbox_messages"

    id: Mapped[str] = id_column()
    recipient_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    subject: Mapped[str] = mapped_column(String(200))
    body_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    kind: Mapped[str] = mapped_column(String(20))  # invite | waitlist
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    error: Mapped[str | None] = mapped_column(String(200))


class AuditEntry(Base):
    """One staff action or look at a panelist's data. Never updated or deleted: each entry
    stores the previous entry's hash and its own SHA-256 over its canonical fields."""

    __tablename__ = "audit_entries"

    id: Mapped[str] = id_column()
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    staff_id: Mapped[str | None] = mapped_column(String(36), index=True)
    staff_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(40))
    # Keyed hashes of the panelist's and receipt's ids (``personal.subject_ref``), so the
    # log keeps no id that outlives an erasure, yet a panelist's own entries can be found.
    panelist_ref: Mapped[str | None] = mapped_column(String(64), index=True)
    receipt_ref: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(45))
    reason: Mapped[str | None] = mapped_column(Text)
    previous_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
