"""Receipts forwarded by e-mail: each panelist's private forwarding address, and a mail to
it turned into a receipt submission (source ``email``).

An address is ``r-TOKEN@MAIL_INTAKE_DOMAIN``, the token random (80 bits, base32), not derived
from the account. Renewing retires the live token; mail to a retired or unknown token is
refused at RCPT. Optionally (MAIL_INTAKE_OWN_ADDRESS_ONLY) only mail from the panelist's own
address counts, compared by the keyed hash the account stores. The mail itself is read in
memory (``panel.forwarded_mail``) and never stored; what is kept is the pages it gives (a PDF
rendered, photos, or its body drawn as text), as for an upload.
"""
from __future__ import annotations

import base64
import hashlib
import re
import secrets

from flask import current_app
from sqlalchemy import select

from panel import forwarded_mail, ratelimit
from panel.db import db, utcnow
from panel.models import ForwardingAddress, Panelist, Receipt, ReceiptSource
from panel.services import ereceipts, idempotency, personal, receipts, uploads
from panel.services.errors import Conflict, Forbidden, Invalid, NotFound

LOCAL_PART = re.compile(r"^r-([a-z2-7]{16})$")


def enabled() -> bool:
    return bool(current_app.config["MAIL_INTAKE_DOMAIN"])


def address_of(panelist: Panelist) -> dict:
    """The panelist's live forwarding address (made on first asking). Raises Conflict (409)
    while mail intake is off."""
    live = _live(panelist) or _new(panelist)
    db.session.commit()
    return _shown(live)


def renew(panelist: Panelist) -> dict:
    """A new address; the old one is retired at once (mail to it is refused)."""
    if live := _live(panelist):
        live.retired_at = utcnow()
        db.session.flush()
    fresh = _new(panelist)
    db.session.commit()
    return _shown(fresh)


def panelist_for(address: str) -> Panelist | None:
    """The active panelist whose live address this is, or None."""
    local, _, domain = address.strip().strip("<>").rpartition("@")
    if domain.lower() != current_app.config["MAIL_INTAKE_DOMAIN"].lower() or not enabled():
        return None
    match = LOCAL_PART.match(local.lower())
    if not match:
        return None
    panelist = db.session.scalar(select(Panelist).join(
        ForwardingAddress, ForwardingAddress.panelist_id == Panelist.id).where(
        ForwardingAddress.token == match.group(1), ForwardingAddress.retired_at.is_(None)))
    return panelist if panelist is not None and panelist.status == "active" else None


def receive(address: str, raw: bytes, envelope_sender: str | None) -> Receipt:
    """A mail to ``address`` as a queued receipt; a retry of the same mail (its Message-ID
    and bytes) returns the first. Raises a PanelError (as for an upload; NotFound for an
    address that is not live, Forbidden for another sender when only the own one counts)."""
    panelist = panelist_for(address)
    if panelist is None:
        raise NotFound("No such forwarding address.")
    try:
        mail = forwarded_mail.read_mail(raw)
    except Exception:  # noqa: BLE001  (a mail that breaks the parser will not read later either)
        raise Invalid("The mail could not be read.") from None
    if current_app.config["MAIL_INTAKE_OWN_ADDRESS_ONLY"] and not _from_own_address(
            panelist, mail.sender, envelope_sender):
        raise Forbidden("Only mail from the address of the panelist's account is accepted.")
    payload = idempotency.fingerprint(raw)
    key = _message_key(raw)
    if earlier := idempotency.earlier_result(panelist, "mail", key, payload):
        return db.session.get(Receipt, earlier)
    if mail.pdf is not None:
        rendered = ereceipts.from_pdf(mail.pdf)
        pages, layer, pixels = rendered.pages, rendered.text_layer, rendered.pixels
    elif mail.images:
        sent = uploads.measure(mail.images, receipts.upload_limits())
        pages, layer, pixels = uploads.clean(sent), None, uploads.pixels(sent)
    elif mail.text.strip():
        rendered = ereceipts.from_text(mail.text)
        pages, layer, pixels = rendered.pages, rendered.text_layer, rendered.pixels
    else:
        raise Invalid("The mail holds no receipt: no PDF, no photo and no text.")
    ratelimit.spend_pixels(panelist.id, pixels)
    return receipts.queue(panelist, pages, ReceiptSource.EMAIL, layer, ("mail", key, payload))


def _from_own_address(panelist: Panelist, *senders: str | None) -> bool:
    return any(sender and personal.email_hash(sender) == panelist.email_hash
               for sender in senders)


def _message_key(raw: bytes) -> str | None:
    """A hash of the mail's Message-ID (the ID itself names the sender's host)."""
    match = re.search(rb"^message-id:[ \t]*(.+)$", raw[:65536], re.IGNORECASE | re.MULTILINE)
    return hashlib.sha256(match.group(1).strip()).hexdigest() if match else None


def _live(panelist: Panelist) -> ForwardingAddress | None:
    if not enabled():
        raise Conflict("Receipts by e-mail are not switched on for this panel.")
    return db.session.scalar(select(ForwardingAddress).where(
        ForwardingAddress.panelist_id == panelist.id, ForwardingAddress.retired_at.is_(None)))


def _new(panelist: Panelist) -> ForwardingAddress:
    token = base64.b32encode(secrets.token_bytes(10)).decode().lower()
    address = ForwardingAddress(panelist_id=panelist.id, token=token)
    db.session.add(address)
    return address


def _shown(address: ForwardingAddress) -> dict:
    return {"address": f"r-{address.token}@{current_app.config['MAIL_INTAKE_DOMAIN']}",
            "created_at": address.created_at or utcnow()}
