"""Panelists, their invitations, consents and login tokens.

Personal fields are stored sealed (see ``panel.vault``) under data keys kept apart, in the
key store (``panel.keystore``); emails are found by keyed hash.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panel.db import Base, UtcDateTime, id_column, utcnow


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[str] = id_column()
    email_hash: Mapped[str] = mapped_column(String(64), index=True)
    email_sealed: Mapped[bytes] = mapped_column(LargeBinary)  # under the master key
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # the invitee's language: the one they joined the waitlist in, else staff's choice;
    # None: English (the invitation mail and the join page of its link speak it)
    language: Mapped[str | None] = mapped_column(String(8))


class Panelist(Base):
    __tablename__ = "panelists"

    id: Mapped[str] = id_column()
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    display_name_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    password_hash: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="active")
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The last change feed number given out (services.changes); raised under the row lock.
    change_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    language: Mapped[str | None] = mapped_column(String(8))  # "en", "de"; None: the browser's

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


class PasswordReset(Base):
    """A password-reset token sent by mail, kept only as its SHA-256 hash: it works once,
    until it expires, and a new request or a changed password ends the ones before."""

    __tablename__ = "password_resets"

    id: Mapped[str] = id_column()
    panelist_id: Mapped[str] = mapped_column(
        ForeignKey("panelists.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class DeletionRecord(Base):
    """What remains of an erasure for audit: what kind, when, how much; no personal data.

    ``subject_hash`` is a keyed hash of the erased id, so an operator who is given the id
    can show that it was erased, while the record alone reveals nothing.
    """

    __tablename__ = "deletion_records"

    id: Mapped[str] = id_column()
    kind: Mapped[str] = mapped_column(String(20))  # account | receipt
    subject_hash: Mapped[str] = mapped_column(String(64), index=True)
    deleted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
