"""Template filters: amounts, dates, months and receipt states in plain words; the test
``unfinished`` (a receipt still waiting or being read)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from panel.models import UNFINISHED_STATUSES, ReceiptSource, ReceiptStatus

STATUS_WORDS = {
    ReceiptStatus.QUEUED: "Waiting", ReceiptStatus.PROCESSING: "Reading",
    ReceiptStatus.ACCEPTED: "Accepted", ReceiptStatus.REJECTED: "Not accepted",
    ReceiptStatus.NEEDS_REVIEW: "Being checked", ReceiptStatus.REMOVED: "Removed",
    ReceiptStatus.WITHDRAWN: "Withdrawn",
}
SOURCE_WORDS = {ReceiptSource.PHOTO: "Photo", ReceiptSource.PDF: "PDF",
                ReceiptSource.EMAIL: "Forwarded e-mail"}
REASON_WORDS = {
    "prescription": "It was a prescription receipt, so we deleted it whole to protect your "
                    "health information.",
    "too_old": "The purchase is older than the panel accepts.",
    "duplicate": "You already shared this receipt.",
    "unreadable": "We could not read it. A sharper, flatter photo in good light helps.",
    "not_a_receipt": "This does not look like a shopping receipt.",
    "in_future": "The purchase date lies in the future.",
    "by_panelist": "You withdrew it.",
    "image_missing": "The photo could not be found; please share it again.",
    "processing_failed": "A person checks it because we could not read it automatically.",
    "total_not_found": "A person checks it because we could not find the total.",
    "low_confidence": "A person checks it because the numbers did not add up.",
    "pages_mismatch": "A person checks it because one of its pages was shared before, with "
                      "another receipt.",
}
REWARD_REASON_WORDS = {
    "not_accepted": "does not count: not accepted",
    "withdrawn": "does not count: withdrawn",
    "excluded_merchant": "does not count: this shop is not part of the programme",
    "weekly_cap": "does not count: weekly limit reached",
}

CATEGORY_WORDS = {
    "card_number": "Card number", "card_expiry": "Card expiry date",
    "auth_code": "Card payment code", "iban": "Bank account (IBAN)",
    "bank_account": "Bank account number", "person_name": "Name", "email": "Email address",
    "phone": "Phone number", "loyalty_id": "Loyalty or customer number",
    "address": "Address", "licence_plate": "Number plate", "prescription": "Prescription",
    "health": "Health purchase", "religion": "Religious purchase",
    "political": "Political purchase", "trade_union": "Trade union payment",
    "sex_life": "Intimate purchase", "unread": "Unreadable text below the items",
    "unverifiable": "Personal details still readable after masking",
}
STEP_WORDS = {
    "load": "opening the photo", "ocr": "reading the text", "parse": "finding shop, date "
    "and items", "redact": "removing personal details; the original photo is then deleted",
    "check": "checking the result", "review": "checked by a person",
}
ACTION_WORDS = {"masked": "hidden", "line_removed": "line removed",
                "receipt_removed": "whole receipt removed"}


def category_words(category: str) -> str:
    return CATEGORY_WORDS.get(category, category.replace("_", " ").capitalize())


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action, action.replace("_", " "))


def step_words(step: str | None) -> str:
    return STEP_WORDS.get(step, "") if step else ""


def quantity(value: str | None) -> str:
    """"1.000" as "1", "0.250" as "0.25"."""
    return f"{Decimal(value).normalize():f}" if value else "–"


def money(amount, currency: str | None = None) -> str:
    if amount in (None, ""):
        return "–"
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    return f"{value:,.2f} {currency}".strip() if currency else f"{value:,.2f}"


def day(value) -> str:
    if not value:
        return "–"
    if isinstance(value, str):  # as the schemas dump them: "2026-11-12" or a full timestamp
        value = (date.fromisoformat(value) if len(value) == 10
                 else datetime.fromisoformat(value.replace("Z", "+00:00")))
    if isinstance(value, datetime):
        return value.strftime("%-d %b %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %b %Y")
    return str(value)


def month(period: str) -> str:
    """'2026-03' as 'March 2026'."""
    try:
        return datetime.strptime(period, "%Y-%m").strftime("%B %Y")
    except (TypeError, ValueError):
        return str(period)


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


def source_words(source: str | None) -> str:
    return SOURCE_WORDS.get(source, "Photo")


def reason_words(reason: str | None) -> str:
    if not reason:
        return ""
    return REASON_WORDS.get(reason, reason.replace("_", " ").capitalize() + ".")


def reward_reason_words(reason: str | None) -> str:
    return REWARD_REASON_WORDS.get(reason, "") if reason else "counts toward this month"


def unfinished(status: str) -> bool:
    return status in UNFINISHED_STATUSES


TESTS = {"unfinished": unfinished}
FILTERS = {"money": money, "day": day, "month": month, "status_words": status_words,
           "reason_words": reason_words, "reward_reason_words": reward_reason_words,
           "quantity": quantity, "category_words": category_words, "action_words": action_words,
           "step_words": step_words, "source_words": source_words}
