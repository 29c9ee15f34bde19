"""The gift-card inventory: codes bought in bulk, imported from CSV by staff, sealed at rest,
and reserved one per payout, atomically.

Reserving takes the first free code of the value (the soonest to expire first) and marks it
the payout's in one transaction: on PostgreSQL with ``SELECT ... FOR UPDATE SKIP LOCKED``
(racing redemptions each take another code, none waits for the others), on SQLite with an
``UPDATE`` guarded by ``payout_id IS NULL`` inside the database's single writer. The unique
``payout_id`` column is the last guard: a code can never belong to two payouts.
"""
from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, case, func, or_, select, update

from panel.db import db, new_id, utcnow
from panel.models import GiftCardCode, InventoryAlert, StaffAccount
from panel.services import audit, mail, personal, staff
from panel.services.errors import Invalid
from panel.services.money import from_minor, to_minor

log = logging.getLogger(__name__)
COLUMNS = ("brand", "value", "currency", "code")  # then optional "pin", "expiry"
MAX_ROWS = 50_000


@dataclass
class Imported:
    imported: int
    duplicates: int


def _code_context(code_id: str, field: str) -> str:
    return f"gift card {field}:{code_id}"


def _code_hash(brand: str, code: str) -> str:
    return personal.vault().lookup_hash(f"gift card:{brand.strip().lower()}:{code.strip()}")


def import_csv(actor: audit.Actor, data: bytes | str) -> Imported:
    """Import a CSV file (header: brand, value, currency, code, and optionally pin and
    expiry as YYYY-MM-DD). Refused whole (422, naming the lines) if any line is wrong; a code
    already in the inventory is skipped and counted. Codes never appear in a message or log."""
    rows = _read(data)
    vault, imported, duplicates, seen = personal.vault(), 0, 0, set()
    known = set(db.session.scalars(select(GiftCardCode.code_hash).where(
        GiftCardCode.code_hash.in_([r["hash"] for r in rows])))) if rows else set()
    for row in rows:
        if row["hash"] in known or row["hash"] in seen:
            duplicates += 1
            continue
        seen.add(row["hash"])
        code_id = new_id()
        db.session.add(GiftCardCode(
            id=code_id, brand=row["brand"], value_minor=row["value"], currency=row["currency"],
            code_sealed=vault.seal_with_master(row["code"], _code_context(code_id, "code")),
            pin_sealed=vault.seal_with_master(row["pin"], _code_context(code_id, "pin"))
            if row["pin"] else None, expires_on=row["expiry"], code_hash=row["hash"],
            source="inventory"))
        imported += 1
    audit.record(actor, "gift_cards.imported",
                 reason=f"imported={imported}; duplicates={duplicates}")
    db.session.commit()
    log.info("gift-card codes imported: %d (%d duplicates skipped)", imported, duplicates)
    return Imported(imported, duplicates)


def _read(data: bytes | str) -> list[dict]:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise Invalid("The file must be a CSV file in UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if not set(COLUMNS) <= set(header):
        raise Invalid("The CSV file needs a header line with brand, value, currency and code "
                      "(and optionally pin and expiry).")
    reader.fieldnames = header
    rows, problems = [], []
    for line, raw in enumerate(reader, start=2):
        if len(rows) >= MAX_ROWS:
            raise Invalid(f"At most {MAX_ROWS} codes can be imported at once.")
        try:
            rows.append(_row(raw))
        except (Invalid, ValueError, AttributeError) as problem:
            message = problem.message if isinstance(problem, Invalid) else "unreadable"
            problems.append(f"line {line}: {message}")
    if problems:
        raise Invalid("Nothing was imported. " + "; ".join(problems[:10]) +
                      (f"; and {len(problems) - 10} more" if len(problems) > 10 else ""))
    if not rows:
        raise Invalid("The CSV file has no codes.")
    return rows


def _row(raw: dict) -> dict:
    brand, code = (raw.get("brand") or "").strip(), (raw.get("code") or "").strip()
    currency = (raw.get("currency") or "").strip().upper()
    if not brand or len(brand) > 40:
        raise Invalid("the brand must be 1 to 40 characters")
    if not code or len(code) > 200:
        raise Invalid("the code must be 1 to 200 characters")
    if len(currency) != 3 or not currency.isalpha():
        raise Invalid("the currency must be three letters such as EUR")
    value = to_minor((raw.get("value") or "").strip() or "x")
    if value <= 0:
        raise Invalid("the value must be more than zero")
    expiry = (raw.get("expiry") or "").strip()
    try:
        expires_on = date.fromisoformat(expiry) if expiry else None
    except ValueError:
        raise Invalid("the expiry must be a date as YYYY-MM-DD") from None
    pin = (raw.get("pin") or "").strip() or None
    return {"brand": brand, "value": value, "currency": currency, "code": code, "pin": pin,
            "expiry": expires_on, "hash": _code_hash(brand, code)}


def _usable():
    """Free codes that have not expired."""
    today = utcnow().date()
    return and_(GiftCardCode.payout_id.is_(None),
                or_(GiftCardCode.expires_on.is_(None), GiftCardCode.expires_on > today))


def reserve(payout_id: str, value_minor: int, currency: str,
            brand: str | None = None) -> GiftCardCode | None:
    """Mark the first free code of the value the payout's, in the caller's transaction;
    None when there is none."""
    wanted = select(GiftCardCode.id).where(
        _usable(), GiftCardCode.value_minor == value_minor, GiftCardCode.currency == currency,
        *([func.lower(GiftCardCode.brand) == brand.lower()] if brand else [])).order_by(
        GiftCardCode.expires_on.asc().nulls_last(), GiftCardCode.imported_at,
        GiftCardCode.id).limit(1)
    if db.engine.dialect.name == "postgresql":
        code_id = db.session.scalar(wanted.with_for_update(skip_locked=True))
        if code_id is None:
            return None
        guard = GiftCardCode.id == code_id
    else:
        guard = GiftCardCode.id == wanted.scalar_subquery()
    taken = db.session.execute(update(GiftCardCode).where(
        guard, GiftCardCode.payout_id.is_(None)).values(payout_id=payout_id,
                                                         reserved_at=utcnow())
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        return None
    return db.session.scalar(select(GiftCardCode).where(GiftCardCode.payout_id == payout_id))


def release(code: GiftCardCode) -> None:
    """Put a code that was never shown back into the inventory (caller commits)."""
    code.payout_id, code.reserved_at = None, None


def keep_from_provider(payout_id: str, brand: str, value_minor: int, currency: str,
                       code: str, pin: str | None) -> None:
    """A code a provider delivered for the payout, sealed like the inventory's."""
    vault, code_id = personal.vault(), new_id()
    db.session.add(GiftCardCode(
        id=code_id, brand=brand[:40], value_minor=value_minor, currency=currency,
        code_sealed=vault.seal_with_master(code, _code_context(code_id, "code")),
        pin_sealed=vault.seal_with_master(pin, _code_context(code_id, "pin")) if pin else None,
        code_hash=_code_hash(f"provider:{brand}", code), source="provider",
        payout_id=payout_id, reserved_at=utcnow()))


def code_of(payout_id: str) -> GiftCardCode | None:
    return db.session.scalar(select(GiftCardCode).where(GiftCardCode.payout_id == payout_id))


def opened(code: GiftCardCode) -> dict:
    """The code as the panelist reads it."""
    vault = personal.vault()
    return {"brand": code.brand, "code": vault.open_with_master(
        code.code_sealed, _code_context(code.id, "code")),
        "pin": vault.open_with_master(code.pin_sealed, _code_context(code.id, "pin"))
        if code.pin_sealed else None, "expires_on": code.expires_on}


@dataclass
class Stock:
    brand: str
    value: str
    currency: str
    free: int
    handed_out: int
    expired: int
    low: bool


def stock() -> list[Stock]:
    """Codes per brand, value and currency: free, handed out, expired (inventory only)."""
    today, threshold = utcnow().date(), current_app.config["PAYOUT_LOW_INVENTORY"]
    expired = and_(GiftCardCode.payout_id.is_(None), GiftCardCode.expires_on <= today)
    rows = db.session.execute(select(
        GiftCardCode.brand, GiftCardCode.value_minor, GiftCardCode.currency,
        func.sum(case((_usable(), 1), else_=0)),
        func.sum(case((GiftCardCode.payout_id.is_not(None), 1), else_=0)),
        func.sum(case((expired, 1), else_=0))).where(GiftCardCode.source == "inventory")
        .group_by(GiftCardCode.brand, GiftCardCode.value_minor, GiftCardCode.currency)
        .order_by(GiftCardCode.currency, GiftCardCode.value_minor, GiftCardCode.brand))
    return [Stock(brand, f"{from_minor(value)}", currency, int(free or 0), int(out or 0),
                  int(gone or 0), int(free or 0) <= threshold)
            for brand, value, currency, free, out, gone in rows]


def low_stock() -> list[str]:
    """Each value a gift card may be paid in whose free codes (all brands) are at or below
    ``PAYOUT_LOW_INVENTORY``, in words, e.g. "10.00 EUR: 3 left"."""
    from panel.services.payout_rules import rules  # the rules read this module's stock
    threshold, currency = current_app.config["PAYOUT_LOW_INVENTORY"], \
        current_app.config["REWARD_CURRENCY"]
    free: dict[tuple[str, int], int] = {}
    for value in rules().amounts.get("gift_card", ()):
        free[(currency, value)] = 0
    for row in stock():
        key = (row.currency, to_minor(row.value))
        free[key] = free.get(key, 0) + row.free
    return [f"{from_minor(value)} {cur}: {n} left" for (cur, value), n in sorted(free.items())
            if n <= threshold]


def warn_low_inventory() -> int:
    """Mail staff who run payouts (and admins) about each low stock, at most once a day per
    stock. Returns how many stocks were mailed about (none while there is no such staff
    member: nothing is recorded, so the next pass tries again); commits."""
    if current_app.config["PAYOUT_METHOD"] != "inventory":
        return 0
    low, since = low_stock(), utcnow() - timedelta(days=1)
    recent = set(db.session.scalars(select(InventoryAlert.stock).where(
        InventoryAlert.mailed_at >= since)))
    due = [line for line in low if line.split(":")[0] not in recent]
    if not due:
        return 0
    recipients = [staff.email_of(account) for account in db.session.scalars(select(
        StaffAccount).where(StaffAccount.role.in_(("admin", "payouts")),
                            StaffAccount.disabled_at.is_(None)))]
    if not recipients:
        log.warning("low inventory (%d stocks), but no admin or payouts staff to mail", len(due))
        return 0
    body = ("These gift-card values are running low; redemptions of them are refused once "
            "none is left:\n\n" + "\n".join(f"- {line}" for line in due) +
            "\n\nImport more codes in the admin tool (Payouts) or with "
            "`flask --app app payouts import-codes FILE`.")
    for recipient in recipients:
        mail.send(recipient, "Gift-card codes are running low", body, "inventory")
    for line in due:
        alert = db.session.get(InventoryAlert, line.split(":")[0])
        if alert is None:
            db.session.add(InventoryAlert(stock=line.split(":")[0], mailed_at=utcnow()))
        else:
            alert.mailed_at = utcnow()
    db.session.commit()
    log.info("low inventory mailed: %d stocks, %d recipients", len(due), len(recipients))
    return len(due)
