"""The waitlist: joining (public, rate-limited, the same answer for a known email), a
person's position and the rule the panel invites by, and listing for operators.

Emails are sealed under the master key and found by keyed hash. A joiner gets a mail with a
private status code (stored hashed) that shows their position; nothing answers "is this email
listed?".
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from panel import i18n
from panel.db import db, utcnow
from panel.models import Panelist, WaitlistEntry
from panel.services import mail, personal, throttle
from panel.services.auth import digest
from panel.services.errors import N_, NotFound

EMAIL = "waitlist email"
REMAIL_AFTER = timedelta(days=1)  # a repeated join re-sends the status mail at most daily


def join(email: str, country: str | None, postal_code: str | None, address: str,
         language: str | None = None) -> None:
    """``language``: the one the person chose; else the one their request asked for is
    kept, for the status mail, the status page and the invitation."""
    config = current_app.config
    limit_bucket = throttle.bucket("waitlist-address", address)
    if throttle.exceeded([limit_bucket], config["WAITLIST_MAX_REQUESTS"],
                         config["WAITLIST_WINDOW_SECONDS"]):
        raise throttle.TooManyRequests("Too many requests. Please try again later.")
    throttle.hit(limit_bucket)
    hashed = personal.email_hash(email)
    entry = db.session.scalar(select(WaitlistEntry).where(WaitlistEntry.email_hash == hashed))
    if entry is None and not db.session.scalar(
            select(Panelist.id).where(Panelist.email_hash == hashed)):
        entry = WaitlistEntry(
            email_hash=hashed, country=(country or "").upper() or None,
            postal_code=(postal_code or "").strip().upper() or None,
            email_sealed=personal.vault().seal_with_master(personal.normalise_email(email), EMAIL),
            language=i18n.offered(language) or i18n.asked_language())
        db.session.add(entry)
    if entry is not None and entry.invited_at is None and (
            entry.status_mailed_at is None or entry.status_mailed_at < utcnow() - REMAIL_AFTER):
        _mail_status_code(entry, email)
    db.session.commit()


def _mail_status_code(entry: WaitlistEntry, email: str) -> None:
    code = secrets.token_urlsafe(18)
    entry.status_token_hash, entry.status_mailed_at = digest(code), utcnow()
    with force_locale(i18n.mail_language(known=entry.language)):  # the one joined in
        mail.send(personal.normalise_email(email), gettext(
            "You are on the receipt panel's waitlist"), gettext(
            "Thank you for your interest in the receipt panel.\n\n"
            "You are on the waitlist. To see your place in the queue, enter this status "
            "code in the app or on the waitlist page,\n"
            "  %(page)s\n"
            "(or POST it to /api/v1/waitlist/status):\n\n  %(code)s\n\n"
            "How we invite: %(rule)s\n",
            page=f"{current_app.config['PUBLIC_URL'].rstrip('/')}/waitlist/status", code=code,
            rule=current_app.config["WAITLIST_RULE"]), kind="waitlist")


def status(code: str) -> dict:
    entry = db.session.scalar(select(WaitlistEntry).where(
        WaitlistEntry.status_token_hash == digest(code.strip())))
    if entry is None:
        raise NotFound(N_("This status code is not known. Join the waitlist to get a new one."))
    waiting = db.session.scalar(select(func.count()).select_from(WaitlistEntry).where(
        WaitlistEntry.invited_at.is_(None)))
    position = None if entry.invited_at else db.session.scalar(
        select(func.count()).select_from(WaitlistEntry).where(
            WaitlistEntry.invited_at.is_(None), WaitlistEntry.created_at <= entry.created_at))
    return {"status": "invited" if entry.invited_at else "waitlisted", "position": position,
            "waiting": waiting, "joined_at": entry.created_at,
            "rule": current_app.config["WAITLIST_RULE"], "language": entry.language}


@dataclass
class Filter:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    postal_code: str | None = None  # a prefix
    state: str = "waiting"  # waiting | invited | all

    def conditions(self) -> list:
        where = []
        if self.since:
            where.append(WaitlistEntry.created_at >= _start(self.since))
        if self.until:
            where.append(WaitlistEntry.created_at < _start(self.until + timedelta(days=1)))
        if self.country:
            where.append(WaitlistEntry.country == self.country.upper())
        if self.postal_code:
            where.append(WaitlistEntry.postal_code.startswith(self.postal_code.upper(),
                                                              autoescape=True))
        if self.state == "waiting":
            where.append(WaitlistEntry.invited_at.is_(None))
        elif self.state == "invited":
            where.append(WaitlistEntry.invited_at.is_not(None))
        return where


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)


@dataclass
class Row:
    entry: WaitlistEntry
    email: str


def entries(where: Filter, limit: int | None = 100, offset: int = 0) -> tuple[list[Row], int]:
    """Matching entries, first joined first, with their emails opened; and how many match."""
    conditions = where.conditions()
    total = db.session.scalar(select(func.count()).select_from(WaitlistEntry).where(*conditions))
    query = select(WaitlistEntry).where(*conditions).order_by(
        WaitlistEntry.created_at, WaitlistEntry.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [Row(e, email_of(e)) for e in db.session.scalars(query)], total


def email_of(entry: WaitlistEntry) -> str:
    """The email, while waiting; once invited it lives only in the invite."""
    if not entry.email_sealed:
        return "(see invites)"
    return personal.vault().open_with_master(entry.email_sealed, EMAIL)
