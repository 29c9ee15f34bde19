"""Invitations, registration and bearer tokens.

Tokens are 256-bit random strings; only their SHA-256 hashes are stored. Invite codes are
80-bit random codes, also stored only as hashes, bound to the invited email.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from panel.db import db, new_id, utcnow
from panel.models import AuthToken, Invite, Panelist
from panel.services import consents, personal, throttle
from panel.services.errors import N_, Conflict, Invalid, Unauthorized
from panel.services.passwords import hash_password, password_matches

log = logging.getLogger(__name__)


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


def invite_language(invite_code: str) -> str | None:
    """The language of an open invite with this code (its join page speaks it), or None."""
    if not invite_code.strip():
        return None
    return db.session.scalar(select(Invite.language).where(
        Invite.code_hash == digest(_normalise_code(invite_code)), Invite.used_at.is_(None),
        Invite.expires_at > utcnow()))


def register(invite_code: str, email: str, password: str, display_name: str | None,
             choices: dict[str, bool]) -> TokenPair:
    hashed_email = personal.email_hash(email)
    invite = db.session.scalar(select(Invite).where(
        Invite.code_hash == digest(_normalise_code(invite_code))))
    if invite is None or invite.email_hash != hashed_email or invite.used_at \
            or invite.expires_at < utcnow():
        raise Invalid(N_("This invite code is not valid for this email address, has expired or "
                         "was already used."), {"invite_code": ["Invalid invite code."]})
    if not choices.get("receipts"):
        raise Invalid(N_("Joining the panel needs your consent to share receipts."),
                      {"consents": {"receipts": ["Consent to 'receipts' is required."]}})
    if db.session.scalar(select(Panelist.id).where(Panelist.email_hash == hashed_email)):
        raise Conflict(N_("An account with this email address already exists."))
    claimed = db.session.execute(update(Invite).where(
        Invite.id == invite.id, Invite.used_at.is_(None)).values(used_at=utcnow()))
    if claimed.rowcount != 1:
        raise Invalid(N_("This invite code was already used."), {"invite_code": ["Already used."]})
    panelist = personal.new_panelist(email, hash_password(password), display_name)
    db.session.add(panelist)
    consents.record_choices(panelist, choices)
    pair = issue(panelist)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(N_("An account with this email address already exists.")) from None
    return with_profile(pair)


def login(email: str, password: str, address: str | None = None) -> TokenPair:
    """A new token pair for the right password. With the client's ``address``, attempts are
    counted before the password is checked (failures only: a success is taken back), so as
    to slow an attacker without locking the owner out of their account:

    - per account and address together, ``LOGIN_MAX_FAILURES`` within the window: an
      attacker elsewhere never refuses the owner;
    - per address, whatever the account, ``LOGIN_MAX_FAILURES_PER_ADDRESS`` (much higher:
      people share addresses);
    - per account, from every address it did not log in from within 30 days,
      ``LOGIN_MAX_FAILURES_PER_ACCOUNT``: many addresses guessing one password are slowed,
      while the owner at their usual address is not.

    Past a limit the answer is 429 until the window has passed; then the right password
    works again."""
    config = current_app.config
    account = personal.normalise_email(email)
    usual, counted = None, []
    if address:
        pair = throttle.bucket("login-pair", f"{account} {address}")
        usual = throttle.bucket("login-known", f"{account} {address}")
        counted = [pair, throttle.bucket("login-address", address),
                   throttle.bucket("login-account", account)]
        counts = throttle.count_attempt(counted, config["LOGIN_WINDOW_SECONDS"])
        if (counts[counted[0]] > config["LOGIN_MAX_FAILURES"]
                or counts[counted[1]] > config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
                or (counts[counted[2]] > config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
                    and not throttle.remembered(usual))):
            throttle.forgive(*counted)
            db.session.commit()
            raise throttle.TooManyRequests(
                "Too many failed attempts. Please wait a while before trying again.")
    panelist = db.session.scalar(select(Panelist).where(
        Panelist.email_hash == personal.email_hash(email)))
    if not password_matches(panelist.password_hash if panelist else None, password):
        raise Unauthorized(N_("The email address or password is not right."))
    if counted:
        throttle.forgive(*counted)
        throttle.remember(usual)
    pair = issue(panelist)
    db.session.commit()
    return with_profile(pair)


def refresh(refresh_token: str) -> TokenPair:
    """Swap a refresh token for a new pair, exactly once: the token is claimed by one
    conditional UPDATE (the first statement, so racing refreshes queue on the row), and the
    access token issued with it stops working. A refresh token used a second time means a
    copy is in someone else's hands: that whole login (every token of its session) ends."""
    now = utcnow()
    claimed = db.session.execute(update(AuthToken).where(*_live(refresh_token, "refresh"))
                                 .values(revoked_at=now)
                                 .returning(AuthToken.session_id, AuthToken.panelist_id)).first()
    if claimed is None:
        spent = db.session.scalar(select(AuthToken.session_id).where(
            AuthToken.token_hash == digest(refresh_token), AuthToken.kind == "refresh",
            AuthToken.revoked_at.is_not(None)))
        if spent is not None:
            end_logins(AuthToken.session_id == spent)
            log.warning("a spent refresh token was used again: login %s ended", spent)
            db.session.commit()
        raise Unauthorized(N_("This refresh token is not valid. Please log in again."))
    session_id, panelist_id = claimed
    end_logins(AuthToken.session_id == session_id, AuthToken.kind == "access")
    pair = issue(db.session.get(Panelist, panelist_id), session_id)
    db.session.commit()
    return with_profile(pair)


def logout(access_token: str) -> None:
    """Revoke every token of the session the access token belongs to."""
    token = _live_token(access_token, "access")
    if token is not None:
        end_logins(AuthToken.session_id == token.session_id)
        db.session.commit()


def end_logins(*conditions) -> None:
    """Revoke the live tokens that meet ``conditions`` (the caller commits): e.g. one
    login's (``AuthToken.session_id == ...``) or a panelist's."""
    db.session.execute(update(AuthToken).where(*conditions, AuthToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()).execution_options(synchronize_session=False))


def authenticate(access_token: str) -> Panelist | None:
    """The panelist of a live access token: token and panelist in one query."""
    found = login_of(access_token)
    return found[0] if found else None


def login_of(access_token: str) -> tuple[Panelist, str] | None:
    """The panelist of a live access token and the id of the login (session) it belongs to."""
    found = db.session.execute(select(Panelist, AuthToken.session_id).join(
        AuthToken, AuthToken.panelist_id == Panelist.id).where(
        *_live(access_token, "access"))).first()
    return tuple(found) if found else None


def _live_token(secret: str, kind: str) -> AuthToken | None:
    return db.session.scalar(select(AuthToken).where(*_live(secret, kind)))


def _live(secret: str, kind: str) -> tuple:
    """Where a token of ``kind`` with this secret is neither revoked nor expired."""
    return (AuthToken.token_hash == digest(secret), AuthToken.kind == kind,
            AuthToken.revoked_at.is_(None), AuthToken.expires_at > utcnow())


def issue(panelist: Panelist, session_id: str | None = None) -> TokenPair:
    """A new token pair for a new login, or for ``session_id``'s (the caller commits)."""
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


def with_profile(pair: TokenPair) -> TokenPair:
    pair.panelist = personal.profile(pair.panelist)
    return pair
