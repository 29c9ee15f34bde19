"""Sending mail: by SMTP when ``SMTP_HOST`` is set, otherwise into the outbox table that the
admin tool shows (the embedded default). Recipients and bodies are stored sealed under the
master key, since bodies carry invite codes. The log names message ids only. A message is
kept ``OUTBOX_RETENTION_DAYS`` (time enough to deliver it by hand), and an erasure deletes
every message to the erased address at once."""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import delete, func, select

from panel.db import db, utcnow
from panel.models import OutboxMessage
from panel.services import personal

log = logging.getLogger(__name__)
RECIPIENT, BODY = "outbox recipient", "outbox body"


def send(recipient: str, subject: str, body: str, kind: str) -> str:
    """Send now by SMTP, or keep in the outbox; returns "smtp" or "outbox" (caller commits)."""
    config = current_app.config
    if config.get("SMTP_HOST"):
        try:
            _smtp(config, recipient, subject, body)
            log.info("mail sent by SMTP (kind=%s)", kind)
            return "smtp"
        except (OSError, smtplib.SMTPException) as error:
            log.warning("SMTP failed (kind=%s): %s; kept in the outbox", kind,
                        type(error).__name__)
            _keep(recipient, subject, body, kind, error=f"SMTP failed: {type(error).__name__}")
            return "outbox"
    message = _keep(recipient, subject, body, kind)
    log.info("mail written to the outbox (kind=%s, id=%s)", kind, message.id)
    return "outbox"


def _smtp(config, recipient: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = config["SMTP_SENDER"], recipient, subject
    message.set_content(body)
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=20) as server:
        if config["SMTP_STARTTLS"]:
            server.starttls()
        if config["SMTP_USERNAME"]:
            server.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"] or "")
        server.send_message(message)


def _keep(recipient: str, subject: str, body: str, kind: str,
          error: str | None = None) -> OutboxMessage:
    vault = personal.vault()
    message = OutboxMessage(recipient_sealed=vault.seal_with_master(recipient, RECIPIENT),
                            subject=subject[:200], body_sealed=vault.seal_with_master(body, BODY),
                            kind=kind, error=error)
    db.session.add(message)
    db.session.flush()
    return message


@dataclass
class OpenedMessage:
    id: str
    created_at: datetime
    kind: str
    recipient: str
    subject: str
    body: str
    error: str | None


def outbox(limit: int = 100, offset: int = 0) -> tuple[list[OpenedMessage], int]:
    """The newest outbox messages, opened for an admin to read and deliver by hand."""
    vault = personal.vault()
    total = db.session.scalar(select(func.count()).select_from(OutboxMessage))
    rows = db.session.scalars(select(OutboxMessage).order_by(
        OutboxMessage.created_at.desc()).limit(limit).offset(offset))
    return [OpenedMessage(m.id, m.created_at, m.kind,
                          vault.open_with_master(m.recipient_sealed, RECIPIENT), m.subject,
                          vault.open_with_master(m.body_sealed, BODY), m.error)
            for m in rows], total


def forget_recipient(email: str) -> int:
    """Delete every outbox message to ``email`` (an erasure; caller commits). Recipients are
    sealed, so each is opened to compare: the outbox holds only the last few weeks."""
    vault, address = personal.vault(), personal.normalise_email(email)
    ids = [message_id for message_id, sealed in db.session.execute(
        select(OutboxMessage.id, OutboxMessage.recipient_sealed))
        if personal.normalise_email(vault.open_with_master(sealed, RECIPIENT)) == address]
    if ids:
        db.session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
    return len(ids)


def purge_old() -> int:
    """Delete outbox messages older than ``OUTBOX_RETENTION_DAYS`` (caller commits)."""
    cutoff = utcnow() - timedelta(days=current_app.config["OUTBOX_RETENTION_DAYS"])
    return db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.created_at < cutoff)).rowcount
