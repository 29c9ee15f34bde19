"""Purchase dates in the formats receipts print, never later than ``today``."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5,
          "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11,
          "dec": 12, "dez": 12}


# A two-digit year follows its dot directly: "19.05. 16:04" is a day and a time, not 2016.
# Some engines glue the time to the date ("08.04.2009:51" is 8 April 2020, 09:51;
# RapidOCR: "10/07/202515:25", "2025-10-1919:00", "04Feb202607:48", "Feb26,202607:26").
YEAR_END = r"(?=\d{1,2}:\d{2}|[^\d:]|$)"
ISO_RE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})" + YEAR_END.replace("[^\\d:]", "\\D"))
DOTTED_RE = re.compile(r"(?<!\d)(\d{1,2})\s?\.\s?(\d{1,2})\s?\.(\s?\d{4}|\d{2})" + YEAR_END)
SLASHED_RE = re.compile(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})" + YEAR_END)
NAMED_RE = re.compile(
    r"(?<!\d)(\d{1,2})\.?\s*([A-Za-zä]{3})[a-zä]*\.?,?\s*(\d{4}|\d{2})" + YEAR_END)
MONTH_FIRST_RE = re.compile(r"\b([A-Za-zä]{3})[a-zä]*\.?\s*(\d{1,2}),?\s*(\d{4})" + YEAR_END)
# A date and time glued to a till number before it ("...1551531.01.201914:59"): only in
# full, day and month two digits, four-digit year, a time straight after.
GLUED_DATETIME_RE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})(?=\s?\d{1,2}:\d{2})")
TIME_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}")


def find_dates(text: str, today: date, day_first: bool = False) -> list[date]:
    """Every plausible date in ``text``, in order of appearance, none after ``today``.

    Slashed dates are read month first (``03/02/2026`` is 2 March) unless ``day_first``,
    or unless that reading is impossible or in the future; dotted dates are day first.
    """
    found: list[tuple[int, list[date | None]]] = []
    for match in ISO_RE.finditer(text):
        year, month, day = match.groups()
        found.append((match.start(), [make_date(year, month, day)]))
    for match in DOTTED_RE.finditer(text):
        day, month, year = match.groups()
        found.append((match.start(), [make_date(year, month, day)]))
    if not found:
        for match in GLUED_DATETIME_RE.finditer(text):
            day, month, year = match.groups()
            found.append((match.start(), [make_date(year, month, day)]))
    for match in SLASHED_RE.finditer(text):
        first, second, year = match.groups()
        readings = [make_date(year, first, second), make_date(year, second, first)]
        found.append((match.start(), readings[::-1] if day_first else readings))
    for match in NAMED_RE.finditer(text):
        day, name, year = match.groups()
        found.append((match.start(), [named_date(year, name, day)]))
    for match in MONTH_FIRST_RE.finditer(text):
        name, day, year = match.groups()
        found.append((match.start(), [named_date(year, name, day)]))
    return [chosen for _, readings in sorted(found, key=lambda pair: pair[0])
            for chosen in first_plausible(readings, today)]


def named_date(year: str, name: str, day: str) -> date | None:
    month = MONTHS.get(name.lower())
    return make_date(year, month, day) if month else None


def first_plausible(readings: list[date | None], today: date) -> list[date]:
    return [d for d in readings if d and plausible(d, today)][:1]


def make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    year = int(str(year).strip())
    if year < 100:
        year += 2000
    try:
        return date(year, int(month), int(day))
    except ValueError:
        return None


def plausible(candidate: date, today: date) -> bool:
    return date(today.year - 30, 1, 1) <= candidate <= today


def pick_purchase_date(lines: list[str], today: date, day_first: bool = False
                       ) -> tuple[date | None, float]:
    """The purchase date and a confidence: a date printed next to a time is preferred."""
    first: date | None = None
    for text in lines:
        dates = find_dates(text, today, day_first)
        if dates and TIME_RE.search(text):
            return dates[0], 0.9
        first = first or (dates[0] if dates else None)
    return first, (0.7 if first else 0.0)
