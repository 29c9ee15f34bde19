"""A panelist's password after joining: reset by mail, change, logging out everywhere, and
the password asked again before what cannot be undone (erasure).

Reset tokens are 256-bit random strings sent by mail (SMTP or the outbox) and stored only as
SHA-256 hashes; one works once (a conditional UPDATE claims it), until
``PASSWORD_RESET_MINUTES`` have passed, and a newer request or a new password ends the ones
before. Asking for a reset answers the same whether or not the email has an account.
"""
from __future__ import annotations

import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import select, update

from panel import i18n
from panel.db import db, utcnow
from panel.models import AuthToken, Panelist, PasswordReset
from panel.services import auth, mail, personal
from panel.services.errors import N_, Forbidden, Invalid
from panel.services.passwords import hash_password, password_matches

NOT_RIGHT = N_("The password is not right.")


def request_reset(email: str) -> None:
    """Mail a reset link to ``email`` if it has an account; nothing otherwise (the caller
    answers the same either way, and the log says nothing about which)."""
    panelist = db.session.scalar(select(Panelist).where(
        Panelist.email_hash == personal.email_hash(email)))
    if panelist is None:
        return
    minutes = current_app.config["PASSWORD_RESET_MINUTES"]
    token = secrets.token_urlsafe(32)
    _end_resets(panelist.id)
    db.session.add(PasswordReset(panelist_id=panelist.id, token_hash=auth.digest(token),
                                 expires_at=utcnow() + timedelta(minutes=minutes)))
    link = f"{current_app.config['PUBLIC_URL'].rstrip('/')}/password-reset/{token}"
    with force_locale(i18n.mail_language(panelist)):  # the panelist's own language first
        mail.send(personal.open_field(panelist, "email"), gettext(
            "Choose a new password for the receipt panel"), gettext(
            "Someone (we hope you) asked to choose a new password for your receipt panel "
            "account.\n\n"
            "Open this link within %(minutes)s minutes to choose one:\n%(link)s\n\n"
            "In the app, enter this reset code instead: %(token)s\n\n"
            "The link works once. If you did not ask for it, ignore this mail: your password "
            "stays as it is.\n", minutes=minutes, link=link, token=token),
            kind="password_reset")
    db.session.commit()


def reset(token: str, new_password: str) -> auth.TokenPair:
    """Set a new password with a mailed token, which works once; every login of the panelist
    ends, and a new one starts (the mail proved who is asking)."""
    claimed = db.session.execute(update(PasswordReset).where(
        PasswordReset.token_hash == auth.digest(token), PasswordReset.used_at.is_(None),
        PasswordReset.expires_at > utcnow()).values(used_at=utcnow())
        .returning(PasswordReset.panelist_id)).first()
    if claimed is None:
        raise Invalid(N_("This reset link is not valid: it has expired or was already used. "
                         "Please ask for a new one."), {"token": ["Invalid or expired."]})
    panelist = db.session.get(Panelist, claimed[0])
    _set_password(panelist, new_password)
    auth.end_logins(AuthToken.panelist_id == panelist.id)
    pair = auth.issue(panelist)
    db.session.commit()
    return auth.with_profile(pair)


def change(panelist: Panelist, current_password: str, new_password: str,
           this_login: str | None) -> None:
    """A new password, with the current one; every other login of the panelist ends."""
    confirm(panelist, current_password)
    _set_password(panelist, new_password)
    auth.end_logins(AuthToken.panelist_id == panelist.id, AuthToken.session_id != this_login)
    db.session.commit()


def log_out_everywhere(panelist: Panelist) -> None:
    """End every login of the panelist: each app's and each browser's."""
    auth.end_logins(AuthToken.panelist_id == panelist.id)
    db.session.commit()


def confirm(panelist: Panelist, password: str) -> None:
    """The panelist's own password again, or a 403."""
    if not password_matches(panelist.password_hash, password or ""):
        raise Forbidden(NOT_RIGHT, {"password": [NOT_RIGHT]})


def _set_password(panelist: Panelist, password: str) -> None:
    panelist.password_hash = hash_password(password)
    _end_resets(panelist.id)


def _end_resets(panelist_id: str) -> None:
    db.session.execute(update(PasswordReset).where(
        PasswordReset.panelist_id == panelist_id, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow()).execution_options(synchronize_session=False))
