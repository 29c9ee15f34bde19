"""Reading the admin forms and query strings into the services' terms."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from werkzeug.datastructures import MultiDict

from panel.services import review, waitlist
from panel.services.errors import Invalid

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def waitlist_filter(args: MultiDict) -> waitlist.Filter:
    state = args.get("state", "waiting")
    return waitlist.Filter(
        since=_date(args.get("since"), "since"), until=_date(args.get("until"), "until"),
        country=(args.get("country") or "").strip() or None,
        postal_code=(args.get("postal_code") or "").strip() or None,
        state=state if state in ("waiting", "invited", "all") else "waiting")


def email(value: str | None) -> str:
    value = (value or "").strip()
    if not EMAIL.fullmatch(value) or len(value) > 320:
        raise Invalid("Please enter a valid email address.")
    return value


def positive_int(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise Invalid(f"'{name}' must be a whole number of at least 1.")
    return number


def review_fields(form: MultiDict) -> review.Fields:
    items = []
    for n in range(int(form.get("item_count", 0) or 0)):
        description = (form.get(f"item-{n}-description") or "").strip()
        if not description:
            continue  # an emptied description removes the line
        items.append(review.Item(
            description, _money(form.get(f"item-{n}-quantity"), "quantity") or Decimal(1),
            _money(form.get(f"item-{n}-unit_price"), "unit price"),
            _money(form.get(f"item-{n}-amount"), "amount") or Decimal(0)))
    currency = (form.get("currency") or "").strip().upper() or None
    if currency and len(currency) != 3:
        raise Invalid("The currency is a three-letter code such as EUR.")
    return review.Fields(
        merchant_name=(form.get("merchant_name") or "").strip()[:200] or None,
        purchase_date=_date(form.get("purchase_date"), "purchase date"), currency=currency,
        subtotal=_money(form.get("subtotal"), "subtotal"), tax=_money(form.get("tax"), "tax"),
        total=_money(form.get("total"), "total"), items=items)


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(f"The {name} must be a date like 2026-11-22.") from None


def _money(value: str | None, name: str) -> Decimal | None:
    if value is None or not value.strip():
        return None
    try:
        amount = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise Invalid(f"The {name} must be a number like 12.34.") from None
    if not amount.is_finite() or abs(amount) >= Decimal("1e9"):
        raise Invalid(f"The {name} is out of range.")
    return amount.quantize(Decimal("0.001") if name == "quantity" else Decimal("0.01"))
