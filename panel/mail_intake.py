"""The inbound SMTP server for forwarded receipts (aiosmtpd): a face, like the API.

    flask --app app mail-intake run                    # on MAIL_INTAKE_HOST:MAIL_INTAKE_PORT
    flask --app app mail-intake send-test --to r-TOKEN@DOMAIN     # a sample forwarded mail

Off until MAIL_INTAKE_DOMAIN is set. Each mail has one recipient, a live forwarding address
(anything else is refused at RCPT with 550, so no mail is taken that cannot be kept); the size
is limited by SMTP's SIZE extension (MAIL_INTAKE_MAX_BYTES: a larger mail is refused with
552, announced or not). The mail is handed to ``services.forwarding.receive`` in a worker
thread with an app context; its refusals become SMTP replies (5xx: do not retry; 4xx: try
again later). Logs carry the receipt's id only, never an address or the mail's contents.
The mail is accepted (250) only once the receipt is committed: an accepted mail is never lost.
"""
from __future__ import annotations

import asyncio
import logging

from aiosmtpd.controller import Controller
from flask import Flask

from panel.db import db
from panel.ratelimit import RateLimited
from panel.services import forwarding
from panel.services.errors import Forbidden, NotFound, PanelError, TooLarge, Unavailable

log = logging.getLogger(__name__)
# aiosmtpd logs every command line at INFO ("MAIL FROM:<address>", "RCPT TO:<address>"): the
# panel's logs carry no addresses, so only its errors are let through.
logging.getLogger("mail.log").setLevel(logging.ERROR)

REPLIES = [  # the first matching refusal type gives the reply
    (NotFound, "550 5.1.1 No such forwarding address"),
    (Forbidden, "550 5.7.1 Not accepted from this sender"),
    (TooLarge, "552 5.3.4 The receipt is too large"),
    (Unavailable, "451 4.3.0 Please try again later"),
]


class IntakeHandler:
    def __init__(self, app: Flask):
        self.app = app

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if envelope.rcpt_tos:
            return "452 4.5.3 One forwarding address per mail"
        live = await asyncio.get_running_loop().run_in_executor(None, self._is_live, address)
        if not live:
            return "550 5.1.1 No such forwarding address"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        return await asyncio.get_running_loop().run_in_executor(
            None, self._receive, envelope.rcpt_tos[0], raw, envelope.mail_from)

    def _is_live(self, address: str) -> bool:
        with self.app.app_context():
            try:
                return forwarding.panelist_for(address) is not None
            finally:
                db.session.remove()

    def _receive(self, address: str, raw: bytes, sender: str | None) -> str:
        with self.app.app_context():
            try:
                receipt = forwarding.receive(address, raw, sender)
            except RateLimited:
                return "452 4.2.2 Too many receipts just now; please try again later"
            except PanelError as refusal:
                log.info("forwarded mail refused: %s", type(refusal).__name__)
                return next((reply for kind, reply in REPLIES if isinstance(refusal, kind)),
                            "554 5.6.0 " + _ascii(refusal.message))
            except Exception:
                log.exception("forwarded mail failed")
                return "451 4.3.0 Please try again later"
            finally:
                db.session.remove()
        log.info("forwarded mail queued as receipt %s", receipt.id)
        return f"250 2.0.0 Receipt {receipt.id} queued"


def _ascii(text: str) -> str:
    return text.encode("ascii", "replace").decode().replace("\r", " ").replace("\n", " ")[:200]


def controller(app: Flask, host: str | None = None, port: int | None = None) -> Controller:
    """The server, not yet started (``.start()`` runs it in a thread, ``.stop()`` ends it)."""
    config = app.config
    if not config["MAIL_INTAKE_DOMAIN"]:
        raise RuntimeError("Mail intake is off: set MAIL_INTAKE_DOMAIN to switch it on.")
    return Controller(IntakeHandler(app), hostname=host or config["MAIL_INTAKE_HOST"],
                      port=config["MAIL_INTAKE_PORT"] if port is None else port,
                      data_size_limit=config["MAIL_INTAKE_MAX_BYTES"],
                      ident="receipt panel mail intake", server_hostname=config[
                          "MAIL_INTAKE_DOMAIN"])


def sample_mail(sender: str, address: str) -> bytes:
    """A café's HTML receipt of today, forwarded as Gmail forwards it (for trying it out)."""
    from datetime import date
    from email.message import EmailMessage
    from email.policy import SMTP
    today = date.today().strftime("%d.%m.%Y")
    rows = "".join(f"<tr><td>{name}</td><td align='right'>{price} EUR</td></tr>"
                   for name, price in (("Cappuccino", "3,90"), ("Croissant", "2,50"),
                                       ("Total", "6,40")))
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, address, "Fwd: Your receipt"
    message.set_content("See the HTML part.")
    message.add_alternative(
        "<div>---------- Forwarded message ---------<br>From: Coffee House "
        "&lt;receipts@coffeehouse.example&gt;<br>Subject: Your receipt<br>"
        f"To: {sender}<br></div><h2>Coffee House Berlin</h2>"
        f"<p>Friedrichstr. 12, 10117 Berlin</p><p>Date: {today}</p><table>{rows}</table>",
        subtype="html")
    return message.as_bytes(policy=SMTP)
