"""Purchase dates in the formats receipts print, never later than ``today``.

Many receipts print the date more than once (the header, the card slip's ``Datum``, the
footer), usually with a time. ``pick_purchase_date`` collects every reading and lets them
vote (``vote``): readings that agree outweigh a lone one, a time on the same line or a cue
word (``Datum``, ``Date``...) adds weight, a validity date (``gültig bis``) counts little.
The confidence says how well the winner is supported: ``AGREED`` when two readings agree;
``ocr.second_reading.date_look`` adds a second reader's readings to the same vote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ocr.parse import vocabulary
from ocr.types import REVIEW_THRESHOLD

# Month names in the languages receipts come in (ocr.parse.vocabulary); a word names a month when
# it begins one of these names (three letters at least: "Sep", "Sept", "Juni", "MAR").
MONTH_NAMES = vocabulary.month_names()


# A two-digit year follows its dot directly: "19.05. 16:04" is a day and a time, not 2016.
# Some engines glue the time to the date ("08.04.2009:51" is 8 April 2020, 09:51;
# RapidOCR: "10/07/202515:25", "2025-10-1919:00", "04Feb202607:48", "Feb26,202607:26").
YEAR_END = r"(?=\d{1,2}:\d{2}|[^\d:]|$)"
# Year first: "2016-05-04", and as printed in Canada, Japan, China, Korea and Hungary,
# "2016/05/04", "2016.05.04": always year, month, day.
ISO_RE = re.compile(r"(?<![\d/.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
                    + YEAR_END.replace("[^\\d:]", "\\D"))
# A numeric date's parts: day and month (either order), a year of four or two digits.
DAY_OR_MONTH, YEAR = r"(\d{1,2})", r"(\d{4}|\d{2})"
DOTTED_RE = re.compile(
    rf"(?<!\d){DAY_OR_MONTH}\s?\.\s?{DAY_OR_MONTH}\s?\.(\s?\d{{4}}|\d{{2}})" + YEAR_END)
# Not a piece of a longer chain of numbers ("Tender Detail#: 1-01-1-01-001303").
SLASHED_RE = re.compile(rf"(?<!\d)(?<!\d[/-]){DAY_OR_MONTH}[/-]{DAY_OR_MONTH}[/-]{YEAR}"
                        + YEAR_END + r"(?![/-]\d(?!\d?:\d{2}))")
# A numeric date printed whole, one separator throughout, no digit glued to it: whether it
# can only be read one way says the receipt's date order (``ocr.parse.locale.date_order``).
NUMERIC_DATE = re.compile(rf"(?<![\d/.-]){DAY_OR_MONTH}([/.-]){DAY_OR_MONTH}\2{YEAR}(?![\d/])")
# A month's name may be read with a zero for its o ("0ct", "N0v"); it ends in a letter, so
# a zero after it is the day's ("Sep07'18").
# Day, month's name, year: "2 Mar 2026", "13-Jul-2018", "04 MAR.19", "5. März 2020".
NAMED_RE = re.compile(
    r"(?<!\d)(\d{1,2})\.?[\s/-]*([A-Za-zäéû0]{2,8}[A-Za-zäéû])\.?[\s,.'’´`/-]*(\d{4}|\d{2})"
    + YEAR_END)  # also "25/FEB/2017", "27Dec´16"
# Month's name, day, year: "Jan 25, 2018", "Jun 26, 15", "Jun28'17", "MAY.21'19",
# "Feb 11.2012", "August 3 , 2014" (a space before the comma, as text layers and OCR
# often put one).
MONTH_FIRST_RE = re.compile(
    r"(?<![A-Za-z])([A-Za-zäéû0]{2,8}[A-Za-zäéû])\.?\s*(\d{1,2})"
    r"(?:\s?,\s*|\s*['’´`]\s*|\s+|\.\s?(?=\d{4}))(\d{4}|\d{2})"
    + YEAR_END)
# A dot read as a comma ("20,05.2020", "28.01,2020"): only with a four-digit year.
COMMA_DOTTED_RE = re.compile(
    r"(?<![\d.,])(\d{1,2})([.,])(\d{2})([.,])((?:19|20)\d{2})" + YEAR_END)
# A date and time glued to a till number before it ("...1551531.01.201914:59"): only in
# full, day and month two digits, four-digit year, a time straight after.
GLUED_DATETIME_RE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})(?=\s?\d{1,2}:\d{2})")
# A date printed without separators, only where a time follows it: year first
# ("20180428/191204", "20180428 19:12") or day first ("25032018 13:11:54").
COMPACT_ISO_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])"
                            r"(?=[/\s]?(?:\d{6}|\d{1,2}:\d{2})(?!\d))")
COMPACT_DAY_FIRST_RE = re.compile(r"(?<!\d)([0-2]\d|3[01])(0[1-9]|1[0-2])((?:19|20)\d{2})"
                                  r"(?=\s?\d{1,2}:\d{2})")
TIME_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}")
# Words that announce the purchase date, and words that announce some other date.
CUE_RE, OTHER_DATE_RE = vocabulary.DATE_CUE, vocabulary.OTHER_DATE
RANGE_JOIN = re.compile(r"\s?[-–]\s?|\s(?:bis|to|until|au|al|tot)\s", re.IGNORECASE)

# a date that reads otherwise in the other order, the receipt not saying which: for review
ORDER_UNKNOWN = REVIEW_THRESHOLD - 0.05
AGREED = 0.95  # two readings (two lines, or two engines on one line) agree
LONE_MARKED = 0.9  # one reading, next to a time or after a cue word
LONE = 0.7  # one reading, nothing else on the receipt supports it
DISPUTED = 0.5  # one reading against another one digit off it, or read on its line:
# below the review threshold (0.6 in ocr.evaluation.scoring and the pipeline), so a person checks a
# date in doubt rather than it being stored silently wrong (3 of the 48 real scans, one of
# them wrong: a 5 printed half like a 9)
OTHER_WEIGHT = 0.3  # a date after "gültig bis", "MHD" and the like
PERIOD_WEIGHT = 0.05  # a date opening or closing a period, on each of many item lines


@dataclass(frozen=True)
class Reading:
    """One date read on one line by one reader (``weight``: how far it is trusted)."""

    day: date
    line: int
    marked: bool = False  # a time on the same line, or a cue word before it
    reader: str = "first"
    weight: float = 1.0

    @property
    def score(self) -> float:
        return self.weight * (1.5 if self.marked else 1.0)


def find_dates(text: str, today: date, day_first: bool = False) -> list[date]:
    """Every plausible date in ``text``, in order of appearance, none after ``today``.

    Slashed dates are read month first (``03/02/2026`` is 2 March) unless ``day_first``,
    or unless that reading is impossible or in the future; dotted dates are day first.
    """
    return [found for _, found in dates_at(text, today, day_first)]


def in_order(text: str, patterns: tuple[tuple[re.Pattern, str], ...]
             ) -> list[tuple[tuple[int, int], list[date | None]]]:
    """Each match of the patterns, its groups in the order given (``"ymd"``, ``"dmy"``; ``s``
    a separator's group)."""
    found = []
    for pattern, order in patterns:
        for match in pattern.finditer(text):
            part = dict(zip(order, match.groups()))
            found.append((match.span(), [make_date(part["y"], part["m"], part["d"])]))
    return found


def dates_at(text: str, today: date, day_first: bool = False
             ) -> list[tuple[tuple[int, int], date]]:
    """``find_dates`` with each date's span in ``text``."""
    found = in_order(text, ((ISO_RE, "ysmd"), (DOTTED_RE, "dmy")))
    for match in COMMA_DOTTED_RE.finditer(text):
        day, first, month, second, year = match.groups()
        if "," in first + second:
            found.append((match.span(), [make_date(year, month, day)]))
    if not found:
        found = in_order(text, ((GLUED_DATETIME_RE, "dmy"), (COMPACT_ISO_RE, "ymd"),
                                (COMPACT_DAY_FIRST_RE, "dmy")))
    for match in SLASHED_RE.finditer(text):
        first, second, year = match.groups()
        readings = [make_date(year, first, second), make_date(year, second, first)]
        found.append((match.span(), readings[::-1] if day_first else readings))
    for match in NAMED_RE.finditer(text):
        day, name, year = match.groups()
        found.append((match.span(), [named_date(year, name, day)]))
    for match in MONTH_FIRST_RE.finditer(text):
        name, day, year = match.groups()
        found.append((match.span(), [named_date(year, name, day)]))
    return [(span, chosen) for span, readings in sorted(found, key=lambda pair: pair[0])
            for chosen in first_plausible(readings, today)]


def month_number(word: str) -> int | None:
    """The month a word names (``Sept``, ``MAR``, ``0ct``, ``Juni``), or None."""
    word = word.lower().replace("0", "o")
    found = {number for number, names in enumerate(MONTH_NAMES, 1)
             for name in names.split() if len(word) >= 3 and name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def named_date(year: str, name: str, day: str) -> date | None:
    month = month_number(name)
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


def line_readings(text: str, index: int, today: date, day_first: bool = False,
                  marked: bool = False, reader: str = "first", weight: float = 1.0
                  ) -> list[Reading]:
    """The dates on one line. ``marked``: the line is known to be marked from elsewhere (a
    column header naming the date above it, ``Datum Uhrzeit Filiale``, or a time that only
    another reading of the line holds)."""
    readings = []
    timed = bool(TIME_RE.search(text))
    dated = dates_at(text, today, day_first)
    spans = [span for span, _ in dated]
    for (start, end), found in dated:
        before = text[:start]
        if in_period((start, end), spans, text):  # counts only where no other date is read
            readings.append(Reading(found, index, False, reader, weight * PERIOD_WEIGHT))
            continue
        if OTHER_DATE_RE.search(before):
            readings.append(Reading(found, index, False, reader, weight * OTHER_WEIGHT))
            continue
        is_marked = timed or marked or bool(CUE_RE.search(before))
        readings.append(Reading(found, index, is_marked, reader, weight))
    return readings


def in_period(span: tuple[int, int], spans: list[tuple[int, int]], text: str) -> bool:
    """Whether the date opens or closes a period (``01.05.14-31.05.14``, ``1 May to 31 May
    2014``): a service or validity period, not the day of the purchase."""
    return any(RANGE_JOIN.fullmatch(text[span[1]:other[0]]) or
               RANGE_JOIN.fullmatch(text[other[1]:span[0]]) for other in spans if other != span)


def all_readings(lines: list[str], today: date, day_first: bool = False,
                 reader: str = "first", weight: float = 1.0) -> list[Reading]:
    """Every date reading on the receipt's lines, in line order."""
    readings = []
    for index, text in enumerate(lines):
        cued_above = index > 0 and header_cue(lines[index - 1], today, day_first)
        readings += line_readings(text, index, today, day_first, cued_above, reader, weight)
    return readings


def header_cue(text: str, today: date, day_first: bool) -> bool:
    """A column header naming the date, with no date of its own."""
    return bool(CUE_RE.search(text)) and not find_dates(text, today, day_first)


def one_digit_apart(first: date, second: date) -> bool:
    """Whether the two dates, printed as DDMMYY, differ in exactly one digit."""
    a, b = first.strftime("%d%m%y"), second.strftime("%d%m%y")
    return first != second and sum(x != y for x, y in zip(a, b)) == 1


def vote(readings: list[Reading]) -> tuple[date | None, float]:
    """The best-supported date and its confidence.

    Each date scores the sum of its readings' scores, one per line and reader (a date
    printed twice on one line is read once). A pair of agreeing readings (2.0) outweighs
    a lone reading with a time (1.5), even from a more trusted reader (1.2 x 1.5).
    Ties go to the date read first on the receipt. The winner is disputed when another
    date is one digit off it or was read on one of its lines (by another reader).
    """
    if not readings:
        return None, 0.0
    support: dict[date, dict[tuple[int, str], float]] = {}
    for reading in readings:
        sources = support.setdefault(reading.day, {})
        key = (reading.line, reading.reader)
        sources[key] = max(sources.get(key, 0.0), reading.score)
    first_seen: dict[date, int] = {}
    for number, reading in enumerate(readings):
        first_seen.setdefault(reading.day, number)
    best = max(support, key=lambda day: (sum(support[day].values()), -first_seen[day]))
    best_lines = {line for line, _ in support[best]}
    disputed = any(one_digit_apart(best, other) or best_lines & {line for line, _ in sources}
                   for other, sources in support.items() if other != best)
    if sum(score >= 1.0 for score in support[best].values()) >= 2:
        return best, LONE_MARKED if disputed else AGREED
    if disputed:
        return best, DISPUTED
    marked = any(r.marked for r in readings if r.day == best)
    return best, LONE_MARKED if marked else LONE


def pick_purchase_date(lines: list[str], today: date, day_first: bool = False
                       ) -> tuple[date | None, float]:
    """The purchase date and a confidence, by a vote of every date read on ``lines``."""
    return vote(all_readings(lines, today, day_first))


def read_both_ways(lines: list[str], today: date, day_first: bool) -> bool:
    """Whether the purchase date reads otherwise in the other day-month order (``06/09``:
    June or September); a dotted or named date reads one way only."""
    return pick_purchase_date(lines, today, day_first)[0] != \
        pick_purchase_date(lines, today, not day_first)[0]
