from datetime import date

import pytest

from ocr.parse.dates import (
    AGREED,
    DISPUTED,
    LONE,
    LONE_MARKED,
    Reading,
    find_dates,
    one_digit_apart,
    pick_purchase_date,
    vote,
)

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize("text, expected", [
    ("03/02/2026", date(2026, 3, 2)),
    ("2026-03-02", date(2026, 3, 2)),
    ("02.03.26", date(2026, 3, 2)),
    ("02.03.2026", date(2026, 3, 2)),
    ("2 Mar 2026", date(2026, 3, 2)),
    ("2. März 2026", date(2026, 3, 2)),
    ("Datum: 16.05.2020 09:47 Uhr", date(2020, 5, 16)),
    ("25/12/2025", date(2025, 12, 25)),  # 25 cannot be a month
    ("03/04/2026", date(2026, 3, 4)),  # 4 March, since 3 April is in the future
    ("31.12.2026", None),  # in the future
    ("32.01.2020", None),
    ("9.00 Uhr - 20.00 Uhr", None),
    ("1.234,56", None),
    ("AS-Zeit 20,05.2020 14:57", date(2020, 5, 20)),  # a dot read as a comma
    ("von 28.01,2020* an", date(2020, 1, 28)),
    ("3,49 1,20", None),
    ("Summe 12,05 2020", None),
    ("09 0ct 2025", date(2025, 10, 9)),  # a zero read for the o of a month's name
    ("N0v 08, 2025", date(2025, 11, 8)),
    ("Date: Sep07'18 09:28PM", date(2018, 9, 7)),  # the day's zero is no o of the month
    ("1000 2025", None),
])
def test_find_dates(text, expected):
    dates = find_dates(text, TODAY)
    assert (dates[0] if dates else None) == expected


def test_slashed_dates_read_day_first_when_asked():
    assert find_dates("03/02/2026", TODAY, day_first=True) == [date(2026, 2, 3)]


def test_date_next_to_a_time_wins():
    lines = ["gültig bis 01.01.2026", "Bon 1234 12:41 05.02.2026"]
    assert pick_purchase_date(lines, TODAY) == (date(2026, 2, 5), 0.9)


@pytest.mark.parametrize("text", [
    "09:48",  # a time
    "Mo - Sa: 7:30 - 21:00 Uhr",  # opening hours
    "Mo-Sa 7.30-21.00",
    "Tel. 05251/12345",  # phone numbers
    "Tel 0521 98 76 54",
    "Fax 0221-123-4567",
    "4006381333931",  # a 13-digit barcode
    "4 006381 333931",
    "UST-ID-NR: DE814689550",  # VAT and tax numbers
    "St.-Nr. 123/456/78901",
    "Summe 1.234,56",  # amounts
    "19,00% 05217 0,04",
    "AS-Zeit 15.04. 16:14 Uhr",  # day and month without a year
    "31.12.2026 10:00",  # in the future
    "02.03.1989",  # older than 30 years
    "13/13/2025",  # no month 13
])
def test_near_misses_are_no_dates(text):
    assert find_dates(text, TODAY, day_first=True) == []
    assert pick_purchase_date([text], TODAY, day_first=True) == (None, 0.0)


@pytest.mark.parametrize("lines, expected", [
    # printed twice (receipt and card slip), agreeing: confirmed
    (["Datum 25.02.26 09:37 Uhr", "14(28107 5788 ) 09:38 25.02.2026"],
     (date(2026, 2, 25), AGREED)),
    # a lone date with a time or after a cue word; a lone date with nothing
    (["Bon 1234 12:41 05.02.2026"], (date(2026, 2, 5), LONE_MARKED)),
    (["Datum: 05.02.2026"], (date(2026, 2, 5), LONE_MARKED)),
    (["Datum Uhrzeit Filiale Pos", "03.02.26 0000545 005"], (date(2026, 2, 3), LONE_MARKED)),
    (["SHOP", "05.02.2026"], (date(2026, 2, 5), LONE)),
    # a pair agreeing beats a reading one digit off it, even with a time
    (["Datum: 27.02.2026", "21.02.2026 15:56", "27.02.26"],
     (date(2026, 2, 27), LONE_MARKED)),
    # two lone readings one digit apart: the marked one, disputed
    (["24.02.26", "25.02.26 14:52"], (date(2026, 2, 25), DISPUTED)),
    (["24.02.26 14:52", "25.02.26 14:53"], (date(2026, 2, 24), DISPUTED)),
    # a cue word beats a plain date far from it
    (["Gedruckt 15.01.2026", "Datum: 02.03.2026"], (date(2026, 3, 2), LONE_MARKED)),
    # validity dates count little, even agreeing with each other
    (["gueltig bis 31.03.2026", "Rueckgabe bis 31.03.2026", "05.02.2026"],
     (date(2026, 2, 5), LONE)),
    (["MHD 01.03.2026", "Datum 05.02.2026 10:12"], (date(2026, 2, 5), LONE_MARKED)),
    (["Kunde seit 01.01.2010", "Mitglied seit 01.01.2010", "05.02.2026"],
     (date(2026, 2, 5), LONE)),
    # a date in the future and a barcode never vote
    (["Coupon gueltig ab 01.04.2026", "4006381333931", "05.02.2026 10:12"],
     (date(2026, 2, 5), LONE_MARKED)),
    (["31.12.2026 10:00", "05.02.2026"], (date(2026, 2, 5), LONE)),
    # one line printing the date twice is one reading
    (["06.02.26 09:49 06.02.26"], (date(2026, 2, 6), LONE_MARKED)),
])
def test_readings_vote(lines, expected):
    assert pick_purchase_date(lines, TODAY, day_first=True) == expected


def test_a_more_trusted_reader_wins_a_line_the_first_misread_but_is_disputed():
    first = Reading(date(2026, 2, 21), line=4, marked=True)
    second = Reading(date(2026, 2, 27), line=4, marked=True, reader="rapidocr", weight=1.2)
    assert vote([first, second]) == (date(2026, 2, 27), DISPUTED)
    far = Reading(date(2025, 11, 3), line=4, marked=True, reader="rapidocr", weight=1.2)
    assert vote([first, far]) == (date(2025, 11, 3), DISPUTED)  # same line: disputed too


def test_two_readers_agreeing_on_one_line_confirm_it():
    first = Reading(date(2026, 2, 27), line=4, marked=True)
    second = Reading(date(2026, 2, 27), line=4, marked=True, reader="rapidocr", weight=1.2)
    assert vote([first, second]) == (date(2026, 2, 27), AGREED)
    assert vote([first, first]) == (date(2026, 2, 27), LONE_MARKED)  # one reader, one line


def test_a_pair_beats_a_trusted_lone_reading_one_digit_off():
    pair = [Reading(date(2026, 2, 27), line=1), Reading(date(2026, 2, 27), line=9)]
    dissent = Reading(date(2026, 2, 21), line=5, marked=True, reader="rapidocr", weight=1.2)
    assert vote(pair + [dissent]) == (date(2026, 2, 27), LONE_MARKED)


@pytest.mark.parametrize("first, second, expected", [
    (date(2020, 2, 24), date(2020, 2, 25), True),
    (date(2020, 8, 18), date(2020, 5, 18), True),
    (date(2020, 2, 21), date(2020, 2, 27), True),
    (date(2019, 4, 7), date(2020, 4, 7), False),  # 19 against 20: two digits
    (date(2020, 2, 25), date(2020, 2, 25), False),
    (date(2020, 3, 12), date(2020, 12, 3), False),
])
def test_one_digit_apart(first, second, expected):
    assert one_digit_apart(first, second) is expected


def test_a_disputed_date_sends_the_receipt_to_review():
    from ocr.evaluation.scoring import score
    from ocr.types import ParsedReceipt
    receipt = ParsedReceipt(merchant="Shop", total=None)
    receipt.confidence = {"merchant": 0.9, "purchase_date": DISPUTED, "total": 0.9}
    entry = {"merchant": "shop", "date_iso": "2026-02-25", "total": "1.00"}
    assert score(entry, receipt)["needs_review"]
