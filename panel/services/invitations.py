"""Inviting people from the waitlist (one, the first N, or a filtered batch), and managing
invites: list, set expiry, revoke, resend. Codes are made by ``auth.add_invite`` (single
use, random, bound to the email, stored hashed) and go out by mail (SMTP or the outbox).
Each public function commits once (a batch: once per person invited).

An invitation speaks the invitee's language: the one they joined the waitlist in, else the
one staff chose when inviting (``language``), else English. The invite keeps it, so a resend
and the join page of its link speak it too.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from panel import i18n
from panel.db import db, utcnow
from panel.models import Invite, Panelist, WaitlistEntry
from panel.services import audit, auth, mail, personal, waitlist
from panel.services.errors import Conflict, Invalid, NotFound

INVITE_EMAIL = "invite email"  # the context auth.add_invite seals the email with


def invite_email(email: str, actor: audit.Actor, days: int | None = None,
                 reason: str = "manual", language: str | None = None) -> Invite:
    """Issue an invite to ``email`` and mail its code; returns the invite row."""
    invite = _invite(email, actor, days, reason, _joined_in(email) or spoken(language))
    db.session.commit()
    return invite


def hand_over(email: str, actor: audit.Actor, language: str | None = None) -> str:
    """Issue an invite whose code the operator hands over (not mailed); returns the code.
    Refused for an address that already belongs to a panelist."""
    if db.session.scalar(select(Panelist.id).where(
            Panelist.email_hash == personal.email_hash(email))):
        raise Conflict(f"{personal.normalise_email(email)} is already registered.")
    _invite, code = _issue(email, actor, None, "handed over",
                           _joined_in(email) or spoken(language))
    db.session.commit()
    return code


def register_link(code: str) -> str:
    """The dashboard's join page with ``code`` filled in, at ``PUBLIC_URL``."""
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/register?{urlencode({'code': code})}"


def _invite(email: str, actor: audit.Actor, days: int | None, reason: str,
            language: str | None) -> Invite:
    invite, code = _issue(email, actor, days, reason, language)
    _mail_code(email, code, invite.expires_at, invite.language)
    return invite


def _issue(email: str, actor: audit.Actor, days: int | None, reason: str,
           language: str | None) -> tuple[Invite, str]:
    code = auth.add_invite(email)
    invite = db.session.scalar(select(Invite).where(
        Invite.email_hash == personal.email_hash(email)).order_by(Invite.created_at.desc()))
    days = days or current_app.config["INVITE_DAYS"]
    invite.expires_at = invite.created_at + timedelta(days=days)
    invite.language = language
    audit.record(actor, "invite.created", reason=f"invite={invite.id}; {reason}")
    return invite, code


def _joined_in(email: str) -> str | None:
    """The language ``email`` joined the waitlist in, if they did."""
    return i18n.offered(db.session.scalar(select(WaitlistEntry.language).where(
        WaitlistEntry.email_hash == personal.email_hash(email))))


def spoken(language: str | None) -> str | None:
    """Staff's choice of language, checked: None (the person's own, else English) or one
    the panel speaks."""
    if language and not i18n.offered(language):
        raise Invalid(f"The panel does not speak {language!r}: choose one of "
                      f"{', '.join(i18n.languages())}.")
    return language or None


def _mail_code(email: str, code: str, expires_at: datetime, language: str | None) -> None:
    # Staff send invitations: their own browser's language says nothing of the invitee's.
    with force_locale(i18n.mail_language(from_request=False, known=language)):
        mail.send(personal.normalise_email(email), gettext(
            "Your invitation to the receipt panel"), gettext(
            "You are invited to join the receipt panel.\n\n"
            "Your invite code: %(code)s\n"
            "It works once, only with this email address, until %(until)s UTC.\n\n"
            "Join in your browser, with the code filled in:\n\n"
            "  %(link)s\n\n"
            "(on a phone, the page then offers to install the panel: \"Add to Home screen\"), "
            "or register in an app with this code. You choose what "
            "you share, and you can leave and erase your data at any time.\n",
            code=code, until=f"{expires_at:%Y-%m-%d %H:%M}", link=register_link(code)),
            kind="invite")


def invite_entries(entries: Iterable[WaitlistEntry], actor: audit.Actor,
                   days: int | None = None,
                   progress: Callable[[int], None] | None = None,
                   language: str | None = None) -> int:
    """Invite every given waitlist entry not yet invited, each in the language they joined
    in, else ``language``; returns how many were invited."""
    invited, language = 0, spoken(language)
    for entry in entries:
        if entry.invited_at is None:
            invite = _invite(waitlist.email_of(entry), actor, days, "waitlist",
                             i18n.offered(entry.language) or language)
            entry.invited_at, entry.invite_id = utcnow(), invite.id
            entry.email_sealed = b""  # the invite holds it now, and erasure deletes that
            db.session.commit()
            invited += 1
        if progress:
            progress(1)
    return invited


def waiting(where: waitlist.Filter, count: int | None = None,
            ids: list[str] | None = None) -> list[WaitlistEntry]:
    """Waitlist entries still waiting, first joined first: matching the filter, at most
    ``count``, or exactly the given ids."""
    where.state = "waiting"
    query = select(WaitlistEntry).where(*where.conditions()).order_by(
        WaitlistEntry.created_at, WaitlistEntry.id)
    if ids is not None:
        query = query.where(WaitlistEntry.id.in_(ids))
    if count is not None:
        if count < 1:
            raise Invalid("Invite at least one person.")
        query = query.limit(count)
    return list(db.session.scalars(query))


@dataclass
class InviteRow:
    invite: Invite
    email: str
    state: str  # open | used | expired


def listing(limit: int = 100, offset: int = 0) -> tuple[list[InviteRow], int]:
    total = db.session.scalar(select(func.count()).select_from(Invite))
    rows = db.session.scalars(select(Invite).order_by(Invite.created_at.desc())
                              .limit(limit).offset(offset))
    return [InviteRow(i, _email(i), state_of(i)) for i in rows], total


def state_of(invite: Invite) -> str:
    if invite.used_at:
        return "used"
    return "expired" if invite.expires_at <= utcnow() else "open"


def _email(invite: Invite) -> str:
    return personal.vault().open_with_master(invite.email_sealed, INVITE_EMAIL)


def find(invite_id: str | None = None, email: str | None = None) -> Invite:
    """By id, or the newest invite of an email address."""
    invite = db.session.get(Invite, invite_id) if invite_id else db.session.scalar(
        select(Invite).where(Invite.email_hash == personal.email_hash(email or ""))
        .order_by(Invite.created_at.desc()))
    if invite is None:
        raise NotFound("No such invite.")
    return invite


def _open(invite: Invite) -> Invite:
    if invite.used_at:
        raise Invalid("This invite was already used.")
    return invite


def set_expiry(invite: Invite, days: int, actor: audit.Actor) -> None:
    if not 1 <= days <= 365:
        raise Invalid("An invite lasts between 1 and 365 days.")
    _open(invite).expires_at = utcnow() + timedelta(days=days)
    audit.record(actor, "invite.expiry_set", reason=f"invite={invite.id}; days={days}")
    db.session.commit()


def revoke(invite: Invite, actor: audit.Actor) -> None:
    """The code stops working at once (the invite expires now)."""
    _revoke(invite, actor)
    db.session.commit()


def _revoke(invite: Invite, actor: audit.Actor) -> None:
    _open(invite).expires_at = utcnow()
    audit.record(actor, "invite.revoked", reason=f"invite={invite.id}")


def resend(invite: Invite, actor: audit.Actor) -> Invite:
    """Codes are stored hashed, so a resend revokes the old code and mails a new one."""
    email = _email(_open(invite))
    _revoke(invite, actor)
    fresh = _invite(email, actor, None, f"resend of {invite.id}", invite.language)
    entry = db.session.scalar(select(WaitlistEntry).where(WaitlistEntry.invite_id == invite.id))
    if entry is not None:
        entry.invite_id = fresh.id
    db.session.commit()
    return fresh
