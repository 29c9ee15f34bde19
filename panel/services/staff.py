"""Staff accounts, login (password and TOTP, both mandatory) and server-side sessions.

A TOTP code works once: the account remembers the last 30-second step it accepted. Failed
logins are counted per account and per address, atomically; past the limit, even right
answers are refused until the window has passed. Sessions are rows, so logout and disabling end them
at once; they also end when idle and after an absolute lifetime.
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

import pyotp
from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError

from panel.db import db, utcnow
from panel.models import StaffAccount, StaffSession
from panel.services import audit, personal, throttle
from panel.services.auth import digest
from panel.services.errors import Conflict, Invalid, NotFound, Unauthorized
from panel.services.passwords import hash_password, password_matches

ROLES = ("admin", "reviewer", "analyst", "payouts")
ISSUER = "Receipt panel admin"
EMAIL, TOTP = "staff email", "staff totp"


@dataclass
class NewStaff:
    account: StaffAccount
    password: str
    provisioning_uri: str


def create(actor: audit.Actor, email: str, role: str, password: str | None = None) -> NewStaff:
    if role not in ROLES:
        raise Invalid(f"The role must be one of: {', '.join(ROLES)}.")
    password = password or secrets.token_urlsafe(15)
    if len(password) < 12:
        raise Invalid("A staff password needs at least 12 characters.")
    secret, vault = pyotp.random_base32(), personal.vault()
    account = StaffAccount(
        email_hash=personal.email_hash(email), role=role, password_hash=hash_password(password),
        email_sealed=vault.seal_with_master(personal.normalise_email(email), EMAIL),
        totp_secret_sealed=vault.seal_with_master(secret, TOTP))
    db.session.add(account)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("A staff account with this email address already exists.") from None
    audit.record(actor, "staff.created", reason=f"role={role}; staff={account.id}")
    db.session.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(name=personal.normalise_email(email), issuer_name=ISSUER)
    return NewStaff(account, password, uri)


def email_of(account: StaffAccount) -> str:
    return personal.vault().open_with_master(account.email_sealed, EMAIL)


def listing() -> list[tuple[StaffAccount, str]]:
    accounts = db.session.scalars(select(StaffAccount).order_by(StaffAccount.created_at))
    return [(account, email_of(account)) for account in accounts]


def find(staff_id: str | None = None, email: str | None = None) -> StaffAccount:
    account = db.session.get(StaffAccount, staff_id) if staff_id else db.session.scalar(
        select(StaffAccount).where(StaffAccount.email_hash == personal.email_hash(email or "")))
    if account is None:
        raise NotFound("No such staff account.")
    return account


def set_disabled(actor: audit.Actor, account: StaffAccount, disabled: bool) -> None:
    """Disabling ends every session of the account at once."""
    account.disabled_at = utcnow() if disabled else None
    if disabled:
        _end_sessions(StaffSession.staff_id == account.id)
    audit.record(actor, "staff.disabled" if disabled else "staff.enabled",
                 reason=f"staff={account.id}")
    db.session.commit()


def login(email: str, password: str, code: str, address: str) -> tuple[str, StaffAccount]:
    """A new session token for right answers; Unauthorized or TooManyRequests otherwise.
    The attempt is counted (per account and per address) before anything is checked, so
    racing attempts cannot all pass the limit; a success is taken back."""
    config = current_app.config
    limit = config["STAFF_LOGIN_MAX_FAILURES"]
    buckets = [throttle.bucket("staff-login-account", personal.normalise_email(email)),
               throttle.bucket("staff-login-address", address)]
    if not throttle.attempt(dict.fromkeys(buckets, limit), config["STAFF_LOGIN_WINDOW_SECONDS"]):
        raise throttle.TooManyRequests(
            "Too many failed attempts. Please wait a while before trying again.")
    account = db.session.scalar(select(StaffAccount).where(
        StaffAccount.email_hash == personal.email_hash(email)))
    if not (_password_ok(account, password) and account.disabled_at is None
            and _claim_code(account, code)):
        audit.record(audit.Actor(account.id if account else None,
                                 account.role if account else "unknown", address),
                     "login.failed")
        db.session.commit()
        raise Unauthorized("The email address, password or code is not right.")
    throttle.forgive(*buckets)
    token = start_session(account)
    audit.record(audit.Actor(account.id, account.role, address), "login")
    db.session.commit()
    return token, account


def _password_ok(account: StaffAccount | None, password: str) -> bool:
    return password_matches(account.password_hash if account else None, password)


def _claim_code(account: StaffAccount, code: str) -> bool:
    """True if ``code`` is the account's TOTP for this step (or the one before or after) and
    no code of that step or a later one was used before."""
    code = (code or "").replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return False
    totp = pyotp.TOTP(personal.vault().open_with_master(account.totp_secret_sealed, TOTP))
    now_step = int(utcnow().timestamp()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if hmac.compare_digest(totp.at(step * totp.interval), code):
            claimed = db.session.execute(update(StaffAccount).where(
                StaffAccount.id == account.id,
                or_(StaffAccount.last_totp_step.is_(None), StaffAccount.last_totp_step < step))
                .values(last_totp_step=step).execution_options(synchronize_session=False))
            return claimed.rowcount == 1
    return False


def start_session(account: StaffAccount) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(StaffSession(staff_id=account.id, token_hash=digest(token)))
    db.session.flush()
    return token


def authenticate(token: str | None) -> StaffAccount | None:
    """The account of a live session (touching it), or None."""
    if not token:
        return None
    session = db.session.scalar(select(StaffSession).where(
        StaffSession.token_hash == digest(token), StaffSession.ended_at.is_(None)))
    if session is None:
        return None
    config, now = current_app.config, utcnow()
    account = db.session.get(StaffAccount, session.staff_id)
    if (account.disabled_at is not None
            or now - session.last_seen_at > timedelta(seconds=config["STAFF_SESSION_IDLE_SECONDS"])
            or now - session.created_at > timedelta(seconds=config["STAFF_SESSION_MAX_SECONDS"])):
        session.ended_at = now
        db.session.commit()
        return None
    session.last_seen_at = now
    db.session.commit()
    return account


def logout(actor: audit.Actor, token: str | None) -> None:
    if token:
        _end_sessions(StaffSession.token_hash == digest(token))
        audit.record(actor, "logout")
        db.session.commit()


def _end_sessions(condition) -> None:
    db.session.execute(update(StaffSession).where(condition, StaffSession.ended_at.is_(None))
                       .values(ended_at=utcnow()).execution_options(synchronize_session=False))
