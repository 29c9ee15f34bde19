"""Invitations, registration and bearer tokens.

Tokens are 256-bit random strings; only their SHA-256 hashes are stored. Invite codes are
80-bit random codes, also stored only as hashes, bound to the invited email.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from panel.db import db, new_id, utcnow
from panel.models import AuthToken, Invite, Panelist
from panel.services import consents, personal, throttle
from panel.services.errors import Conflict, Invalid, Unauthorized
from panel.services.passwords import hash_password, password_matches

@dataclass
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    panelist: dict  # the profile (personal.profile)
    token_type: str = "Bearer"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _normalise_code(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


def create_invite(email: str) -> str:
    """Issue an invite for ``email`` and return its code (shown once, stored hashed)."""
    code = add_invite(email)
    db.session.commit()
    return code


def add_invite(email: str) -> str:
    """``create_invite`` in the caller's transaction (the caller commits)."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
    days = current_app.config["INVITE_DAYS"]
    db.session.add(Invite(
        email_hash=personal.email_hash(email), code_hash=digest(_normalise_code(code)),
        email_sealed=personal.vault().seal_with_master(personal.normalise_email(email),
                                                       "invite email"),
        expires_at=utcnow() + timedelta(days=days)))
    return code


def register(invite_code: str, email: str, password: str, display_name: str | None,
             choices: dict[str, bool]) -> TokenPair:
    hashed_email = personal.email_hash(email)
    invite = db.session.scalar(select(Invite).where(
        Invite.code_hash == digest(_normalise_code(invite_code))))
    if invite is None or invite.email_hash != hashed_email or invite.used_at \
            or invite.expires_at < utcnow():
        raise Invalid("This invite code is not valid for this email address, has expired or "
                      "was already used.", {"invite_code": ["Invalid invite code."]})
    if not choices.get("receipts"):
        raise Invalid("Joining the panel needs your consent to share receipts.",
                      {"consents": {"receipts": ["Consent to 'receipts' is required."]}})
    if db.session.scalar(select(Panelist.id).where(Panelist.email_hash == hashed_email)):
        raise Conflict("An account with this email address already exists.")
    claimed = db.session.execute(update(Invite).where(
        Invite.id == invite.id, Invite.used_at.is_(None)).values(used_at=utcnow()))
    if claimed.rowcount != 1:
        raise Invalid("This invite code was already used.", {"invite_code": ["Already used."]})
    panelist = personal.new_panelist(email, hash_password(password), display_name)
    db.session.add(panelist)
    consents.record_choices(panelist, choices)
    pair = _issue(panelist)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("An account with this email address already exists.") from None
    return _with_profile(pair)


def login(email: str, password: str, address: str | None = None) -> TokenPair:
    """A new token pair for the right password. With the client's ``address``, failures are
    counted per email and per address, and too many within the window are refused (429)."""
    config = current_app.config
    buckets = [throttle.bucket("login-account", personal.normalise_email(email)),
               throttle.bucket("login-address", address)] if address else []
    if buckets and throttle.exceeded(buckets, config["LOGIN_MAX_FAILURES"],
                                     config["LOGIN_WINDOW_SECONDS"]):
        raise throttle.TooManyRequests(
            "Too many failed attempts. Please wait a while before trying again.")
    panelist = db.session.scalar(select(Panelist).where(
        Panelist.email_hash == personal.email_hash(email)))
    if not password_matches(panelist.password_hash if panelist else None, password):
        if buckets:
            throttle.hit(*buckets)
            db.session.commit()
        raise Unauthorized("The email address or password is not right.")
    pair = _issue(panelist)
    db.session.commit()
    return _with_profile(pair)


def refresh(refresh_token: str) -> TokenPair:
    """Swap a refresh token for a new pair; the old refresh token stops working."""
    token = _live_token(refresh_token, "refresh")
    if token is None:
        raise Unauthorized("This refresh token is not valid. Please log in again.")
    token.revoked_at = utcnow()
    pair = _issue(db.session.get(Panelist, token.panelist_id), token.session_id)
    db.session.commit()
    return _with_profile(pair)


def logout(access_token: str) -> None:
    """Revoke every token of the session the access token belongs to."""
    token = _live_token(access_token, "access")
    if token is not None:
        db.session.execute(update(AuthToken).where(
            AuthToken.session_id == token.session_id, AuthToken.revoked_at.is_(None)
        ).values(revoked_at=utcnow()))
        db.session.commit()


def authenticate(access_token: str) -> Panelist | None:
    """The panelist of a live access token: token and panelist in one query."""
    return db.session.scalar(select(Panelist).join(
        AuthToken, AuthToken.panelist_id == Panelist.id).where(*_live(access_token, "access")))


def _live_token(secret: str, kind: str) -> AuthToken | None:
    return db.session.scalar(select(AuthToken).where(*_live(secret, kind)))


def _live(secret: str, kind: str) -> tuple:
    """Where a token of ``kind`` with this secret is neither revoked nor expired."""
    return (AuthToken.token_hash == digest(secret), AuthToken.kind == kind,
            AuthToken.revoked_at.is_(None), AuthToken.expires_at > utcnow())


def _issue(panelist: Panelist, session_id: str | None = None) -> TokenPair:
    session_id = session_id or new_id()
    config = current_app.config
    access, refresh_secret = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    for kind, secret, seconds in (("access", access, config["ACCESS_TOKEN_SECONDS"]),
                                  ("refresh", refresh_secret, config["REFRESH_TOKEN_SECONDS"])):
        db.session.add(AuthToken(panelist=panelist, session_id=session_id, kind=kind,
                                 token_hash=digest(secret),
                                 expires_at=now + timedelta(seconds=seconds)))
    return TokenPair(access, refresh_secret, config["ACCESS_TOKEN_SECONDS"], panelist)


def _with_profile(pair: TokenPair) -> TokenPair:
    pair.panelist = personal.profile(pair.panelist)
    return pair
