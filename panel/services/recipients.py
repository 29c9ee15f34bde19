"""The register of recipients (the panel's clients and processors), their API keys, and
each panelist's consent to a recipient abroad.

A recipient abroad (another country than ``PANEL_COUNTRY``) receives nothing about a
panelist without that panelist's own consent to it: a separate act (PIPL Art. 39), kept in
the same consent ledger as every other purpose, as ``recipient:<code>`` with the
recipient's version (a change to its country, purposes or data categories asks again).
"""
from __future__ import annotations

import hashlib
import re
import secrets
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from panel.db import db, utcnow
from panel.models import Consent, Panelist, Recipient, RecipientKey
from panel.services import audit
from panel.services.errors import N_, Conflict, Invalid, NotFound, Unauthorized

ROLES = {"client": N_("receives figures from the panel for its own purposes (a controller)"),
         "processor": N_("works on the panel's behalf and under its instructions")}
FIELDS = ("name", "contact", "country", "role", "purposes", "data_categories", "legal_basis",
          "transfer_mechanism", "retention", "security_measures")
# A change to these asks panelists abroad for their consent again.
CONSENTED_FIELDS = ("name", "country", "purposes", "data_categories")
LIMITS = {"name": 200, "contact": 300, "legal_basis": 200, "transfer_mechanism": 200,
          "retention": 200, "purposes": 2000, "data_categories": 2000,
          "security_measures": 2000}
CODE = re.compile(r"[a-z0-9][a-z0-9-]{1,23}")
PREFIX = "recipient:"
KEY_PREFIX = "rk_"


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 codes and names from the system's time zone data (tzdata)."""
    for folder in zoneinfo.TZPATH:
        table = Path(folder) / "iso3166.tab"
        if table.is_file():
            return {code: name for code, _, name in (
                row.partition("\t") for row in table.read_text().splitlines()
                if row and not row.startswith("#"))}
    return {}


def country_name(code: str) -> str:
    return country_names().get(code, code)


def abroad(recipient: Recipient) -> bool:
    """Whether the recipient is in another country than the panel (unknown: abroad)."""
    return recipient.country != (current_app.config.get("PANEL_COUNTRY") or "")


def purpose_of(recipient: Recipient) -> str:
    return f"{PREFIX}{recipient.code}"


def _clean(values: dict, partial: bool) -> dict:
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise Invalid(f"Unknown recipient fields: {', '.join(unknown)}.")
    clean, errors = {}, {}
    for name in FIELDS:
        if name not in values:
            if not partial and name not in ("transfer_mechanism", "security_measures"):
                errors[name] = ["Required."]
            continue
        value = (values[name] or "").strip()
        if name == "country":
            value = value.upper()
            if value not in country_names():
                errors[name] = ["Use a two-letter country code (ISO 3166), e.g. DE or CN."]
        elif name == "role" and value not in ROLES:
            errors[name] = [f"One of: {', '.join(ROLES)}."]
        elif name not in ("transfer_mechanism", "security_measures") and not value:
            errors[name] = ["Required."]
        elif len(value) > LIMITS.get(name, 200):
            errors[name] = [f"At most {LIMITS[name]} characters."]
        clean[name] = value or None if name == "transfer_mechanism" else value
    if errors:
        raise Invalid("Some recipient fields are missing or wrong.", errors)
    return clean


def _check_transfer(recipient: Recipient) -> None:
    if abroad(recipient) and not recipient.transfer_mechanism:
        raise Invalid("A recipient in another country needs its transfer mechanism (an "
                      "adequacy decision, standard contract, certification or assessment).",
                      {"transfer_mechanism": ["Required for a recipient abroad."]})


def create(actor: audit.Actor, code: str, values: dict) -> Recipient:
    """Add a recipient to the register (audited)."""
    code = (code or "").strip().lower()
    if not CODE.fullmatch(code):
        raise Invalid("The code is 2 to 24 lower-case letters, digits or dashes, e.g. acme-cn.",
                      {"code": ["2 to 24 of a-z, 0-9 and -."]})
    if db.session.scalar(select(Recipient.id).where(Recipient.code == code)):
        raise Conflict("A recipient with this code is already on the register.")
    recipient = Recipient(code=code, **{"security_measures": "", **_clean(values, partial=False)})
    _check_transfer(recipient)
    db.session.add(recipient)
    db.session.flush()
    audit.record(actor, "recipient.created", reason=f"recipient={recipient.code}")
    db.session.commit()
    return recipient


def change(actor: audit.Actor, recipient: Recipient, values: dict) -> Recipient:
    """Change a recipient's entry (audited); a change to what panelists consented to
    raises its version, so their earlier consent no longer counts."""
    clean = _clean(values, partial=True)
    changed = sorted(name for name, value in clean.items()
                     if getattr(recipient, name) != value)
    for name in changed:
        setattr(recipient, name, clean[name])
    _check_transfer(recipient)
    if not changed:
        return recipient
    if set(changed) & set(CONSENTED_FIELDS):
        recipient.version += 1
    recipient.updated_at = utcnow()
    audit.record(actor, "recipient.changed",
                 reason=f"recipient={recipient.code}; fields={','.join(changed)}; "
                        f"version={recipient.version}")
    db.session.commit()
    return recipient


def retire(actor: audit.Actor, recipient: Recipient) -> Recipient:
    """No more releases to this recipient and its keys stop; it stays on the register."""
    if recipient.retired_at is None:
        recipient.retired_at = utcnow()
        _revoke_keys(recipient)
        audit.record(actor, "recipient.retired", reason=f"recipient={recipient.code}")
        db.session.commit()
    return recipient


def listing(include_retired: bool = True) -> list[Recipient]:
    query = select(Recipient).order_by(Recipient.name, Recipient.code)
    if not include_retired:
        query = query.where(Recipient.retired_at.is_(None))
    return list(db.session.scalars(query))


def find(recipient_id: str) -> Recipient:
    recipient = db.session.get(Recipient, recipient_id)
    if recipient is None:
        raise NotFound(N_("There is no such recipient."))
    return recipient


def find_code(code: str) -> Recipient:
    recipient = db.session.scalar(select(Recipient).where(Recipient.code == code))
    if recipient is None:
        raise NotFound(N_("There is no such recipient."))
    return recipient


# --- keys -------------------------------------------------------------------------------

def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_key(actor: audit.Actor, recipient: Recipient) -> str:
    """A new API key for the recipient, shown once; earlier keys keep working until revoked."""
    if recipient.retired_at:
        raise Conflict("This recipient is retired.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    record = RecipientKey(recipient_id=recipient.id, key_hash=_digest(key))
    db.session.add(record)
    db.session.flush()
    audit.record(actor, "recipient.key_issued", reason=f"recipient={recipient.code}; "
                                                      f"key={record.id}")
    db.session.commit()
    return key


def _revoke_keys(recipient: Recipient) -> int:
    return db.session.execute(update(RecipientKey).where(
        RecipientKey.recipient_id == recipient.id, RecipientKey.revoked_at.is_(None))
        .values(revoked_at=utcnow())).rowcount


def revoke_keys(actor: audit.Actor, recipient: Recipient) -> int:
    """Every key of the recipient stops working at once."""
    count = _revoke_keys(recipient)
    audit.record(actor, "recipient.keys_revoked", reason=f"recipient={recipient.code}; "
                                                        f"keys={count}")
    db.session.commit()
    return count


def key_count(recipient: Recipient) -> int:
    return len(db.session.scalars(select(RecipientKey.id).where(
        RecipientKey.recipient_id == recipient.id, RecipientKey.revoked_at.is_(None))).all())


def by_key(key: str | None) -> tuple[Recipient, RecipientKey]:
    """The recipient a live key belongs to, or 401."""
    found = None
    if key and key.startswith(KEY_PREFIX):
        found = db.session.scalar(select(RecipientKey).where(
            RecipientKey.key_hash == _digest(key), RecipientKey.revoked_at.is_(None)))
    recipient = db.session.get(Recipient, found.recipient_id) if found else None
    if recipient is None or recipient.retired_at is not None:
        raise Unauthorized("Send a valid recipient key as 'Authorization: Bearer'.")
    return recipient, found


# --- the panelist's view and consent ----------------------------------------------------

@dataclass(frozen=True)
class ForPanelist:
    """A recipient as a panelist reads it, with the panelist's consent where one is asked."""

    code: str
    name: str
    country: str
    country_name: str
    role: str
    role_words: str
    purposes: str
    data_categories: str
    transfer_mechanism: str | None
    retention: str
    version: str
    needs_consent: bool
    granted: bool | None
    consent_version: str | None


def latest_consent(panelist: Panelist, recipient: Recipient) -> Consent | None:
    purpose = purpose_of(recipient)
    return next((c for c in reversed(panelist.consents) if c.purpose == purpose), None)


def consented(panelist: Panelist, recipient: Recipient) -> bool:
    choice = latest_consent(panelist, recipient)
    return bool(choice and choice.granted and choice.version == str(recipient.version))


def for_panelist(panelist: Panelist) -> list[ForPanelist]:
    """Every recipient on the register that is not retired, in plain words."""
    shown = []
    for r in listing(include_retired=False):
        choice = latest_consent(panelist, r)
        shown.append(ForPanelist(
            r.code, r.name, r.country, country_name(r.country), r.role, ROLES[r.role],
            r.purposes, r.data_categories, r.transfer_mechanism, r.retention, str(r.version),
            abroad(r), consented(panelist, r) if abroad(r) else None,
            choice.version if choice else None))
    return shown


def set_consent(panelist: Panelist, code: str, granted: bool) -> ForPanelist:
    """Grant or withdraw consent to one recipient abroad: a row in the consent ledger."""
    recipient = find_code(code)
    if recipient.retired_at is not None:
        raise NotFound(N_("There is no such recipient."))
    if not abroad(recipient):
        raise Invalid(N_("This recipient is in the panel's own country: your consent to "
                         "research partners covers it."))
    db.session.add(Consent(panelist=panelist, purpose=purpose_of(recipient),
                           granted=bool(granted), version=str(recipient.version)))
    db.session.commit()
    return next(r for r in for_panelist(panelist) if r.code == code)
