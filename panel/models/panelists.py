"""Panelists, their invitations, consents and login tokens."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panel.db import Base, UtcDateTime, id_column, utcnow


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[str] = id_column()
    email: Mapped[str] = mapped_column(String(320), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Panelist(Base):
    __tablename__ = "panelists"

    id: Mapped[str] = id_column()
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="active")
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    consents: Mapped[list["Consent"]] = relationship(
        back_populates="panelist", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Consent.recorded_at")


class Consent(Base):
    """One grant or withdrawal of one purpose: a ledger row, never updated."""

    __tablename__ = "consents"

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(
        ForeignKey("panelists.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    granted: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[str] = mapped_column(String(20))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    panelist: Mapped[Panelist] = relationship(back_populates="consents")


class AuthToken(Base):
    """An access or refresh token, kept only as its SHA-256 hash.

    Tokens issued together share a ``session_id``; logging out revokes the session.
    """

    __tablename__ = "auth_tokens"

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(
        ForeignKey("panelists.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # access | refresh
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    panelist: Mapped[Panelist] = relationship()
