"""Template filters: amounts, dates, months and receipt states in plain words; the test
``unfinished`` (a receipt still waiting or being read)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel import Locale, dates, numbers
from flask_babel import get_locale, gettext

from panel.models import UNFINISHED_STATUSES, ReceiptSource, ReceiptStatus
from panel.services.errors import N_

STATUS_WORDS = {
    ReceiptStatus.QUEUED: N_("Waiting"), ReceiptStatus.PROCESSING: N_("Reading"),
    ReceiptStatus.ACCEPTED: N_("Accepted"), ReceiptStatus.REJECTED: N_("Not accepted"),
    ReceiptStatus.NEEDS_REVIEW: N_("Being checked"), ReceiptStatus.REMOVED: N_("Removed"),
    ReceiptStatus.WITHDRAWN: N_("Withdrawn"),
}
SOURCE_WORDS = {ReceiptSource.PHOTO: N_("Photo"), ReceiptSource.PDF: N_("PDF"),
                ReceiptSource.EMAIL: N_("Forwarded e-mail")}
REASON_WORDS = {
    "prescription": N_("It was a prescription receipt, so we deleted it whole to protect your "
                    "health information."),
    "too_old": N_("The purchase is older than the panel accepts."),
    "duplicate": N_("You already shared this receipt."),
    "unreadable": N_("We could not read it. A sharper, flatter photo in good light helps."),
    "not_a_receipt": N_("This does not look like a shopping receipt."),
    "in_future": N_("The purchase date lies in the future."),
    "by_panelist": N_("You withdrew it."),
    "image_missing": N_("The photo could not be found; please share it again."),
    "processing_failed": N_("A person checks it because we could not read it automatically."),
    "total_not_found": N_("A person checks it because we could not find the total."),
    "low_confidence": N_("A person checks it because the numbers did not add up."),
    "pages_mismatch": N_("A person checks it because one of its pages was shared before, with "
                      "another receipt."),
}
REWARD_REASON_WORDS = {
    "not_accepted": N_("does not count: not accepted"),
    "withdrawn": N_("does not count: withdrawn"),
    "excluded_merchant": N_("does not count: this shop is not part of the programme"),
    "weekly_cap": N_("does not count: weekly limit reached"),
}

CATEGORY_WORDS = {
    "card_number": N_("Card number"), "card_expiry": N_("Card expiry date"),
    "auth_code": N_("Card payment code"), "iban": N_("Bank account (IBAN)"),
    "bank_account": N_("Bank account number"), "person_name": N_("Name"),
    "email": N_("Email address"), "phone": N_("Phone number"),
    "loyalty_id": N_("Loyalty or customer number"), "address": N_("Address"),
    "licence_plate": N_("Number plate"), "prescription": N_("Prescription"),
    "health": N_("Health purchase"), "religion": N_("Religious purchase"),
    "political": N_("Political purchase"), "trade_union": N_("Trade union payment"),
    "sex_life": N_("Intimate purchase"), "pharmacy_item": N_("Bought at a pharmacy"),
    "unread": N_("Unreadable text below the items"),
    "unverifiable": N_("Personal details still readable after masking"),
}
STEP_WORDS = {
    "load": N_("opening the photo"), "ocr": N_("reading the text"),
    "parse": N_("finding shop, date and items"),
    "redact": N_("removing personal details; the original photo is then deleted"),
    "check": N_("checking the result"), "review": N_("checked by a person"),
}
ACTION_WORDS = {"masked": N_("hidden"), "line_removed": N_("line removed"),
                "receipt_removed": N_("whole receipt removed")}


def category_words(category: str) -> str:
    return gettext(CATEGORY_WORDS.get(category, category.replace("_", " ").capitalize()))


def action_words(action: str) -> str:
    return gettext(ACTION_WORDS.get(action, action.replace("_", " ")))


def step_words(step: str | None) -> str:
    return gettext(STEP_WORDS[step]) if step in STEP_WORDS else ""


def quantity(value: str | None) -> str:
    """"1.000" as "1", "0.250" as "0.25"."""
    return f"{Decimal(value).normalize():f}" if value else "–"


# Dates by the panelist's locale (panel.i18n): English as the panel always wrote them
# ("12 Nov 2026, 14:33"), other languages by their own day-month-year pattern.
DAY_PATTERNS = {"en": "d MMM y"}
TIME_PATTERN = "HH:mm"


def money(amount, currency: str | None = None) -> str:
    """"1234.5" as "1,234.50 EUR" in English, "1.234,50 EUR" in German."""
    if amount in (None, ""):
        return "–"
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    number = numbers.format_decimal(value, format="#,##0.00", locale=_locale())
    return f"{number} {currency}" if currency else number


def day(value) -> str:
    if not value:
        return "–"
    if isinstance(value, str):  # as the schemas dump them: "2026-11-12" or a full timestamp
        value = (date.fromisoformat(value) if len(value) == 10
                 else datetime.fromisoformat(value.replace("Z", "+00:00")))
    locale = _locale()
    pattern = DAY_PATTERNS.get(locale.language, "medium")
    if isinstance(value, datetime):
        shown = dates.format_date(value.date(), pattern, locale=locale)
        return f"{shown}, {dates.format_time(value, TIME_PATTERN, locale=locale)}"
    if isinstance(value, date):
        return dates.format_date(value, pattern, locale=locale)
    return str(value)


def month(period: str) -> str:
    """'2026-03' as 'March 2026' ('März 2026')."""
    try:
        first = datetime.strptime(period, "%Y-%m").date()
    except (TypeError, ValueError):
        return str(period)
    return dates.format_skeleton("yMMMM", first, locale=_locale())


def _locale():
    return get_locale() or Locale("en")


def status_words(status: str) -> str:
    return gettext(STATUS_WORDS.get(status, status.replace("_", " ").capitalize()))


def source_words(source: str | None) -> str:
    return gettext(SOURCE_WORDS.get(source, N_("Photo")))


def reason_words(reason: str | None) -> str:
    if not reason:
        return ""
    return gettext(REASON_WORDS.get(reason, reason.replace("_", " ").capitalize() + "."))


def reward_reason_words(reason: str | None) -> str:
    if not reason:
        return gettext("counts toward this month")
    return gettext(REWARD_REASON_WORDS[reason]) if reason in REWARD_REASON_WORDS else ""


PURPOSE_WORDS = {"receipts": N_("Receipts"), "surveys": N_("Surveys"),
                 "research_partners": N_("Research partners")}


def purpose_words(purpose: str) -> str:
    """A consent purpose's name ("research_partners" as "Research partners"); a recipient's
    purpose ("recipient:ab") as "Recipient: ab"."""
    if purpose.startswith("recipient:"):
        code = purpose.removeprefix("recipient:").replace("_", " ").lower()
        return gettext("Recipient: %(code)s", code=code)
    if purpose in PURPOSE_WORDS:
        return gettext(PURPOSE_WORDS[purpose])
    return purpose.replace("_", " ").capitalize()


def text(message: str) -> str:
    """A text marked N_ elsewhere (a consent purpose's explanation), translated."""
    return gettext(message) if message else ""


def country_words(code: str, english_name: str) -> str:
    """A country's name: in English as the register names it (from tzdata), in another
    language from Babel's list of territories."""
    locale = _locale()
    if locale.language == "en":
        return english_name
    return locale.territories.get(code, english_name)


def unfinished(status: str) -> bool:
    return status in UNFINISHED_STATUSES


TESTS = {"unfinished": unfinished}
FILTERS = {"money": money, "day": day, "month": month, "status_words": status_words,
           "reason_words": reason_words, "reward_reason_words": reward_reason_words,
           "quantity": quantity, "category_words": category_words, "action_words": action_words,
           "step_words": step_words, "source_words": source_words,
           "purpose_words": purpose_words, "text": text,
           "country_words": country_words}
