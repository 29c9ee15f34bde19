from datetime import date

import pytest

from ocr.dates import find_dates, pick_purchase_date

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
])
def test_find_dates(text, expected):
    dates = find_dates(text, TODAY)
    assert (dates[0] if dates else None) == expected


def test_slashed_dates_read_day_first_when_asked():
    assert find_dates("03/02/2026", TODAY, day_first=True) == [date(2026, 2, 3)]


def test_date_next_to_a_time_wins():
    lines = ["gültig bis 01.01.2026", "Bon 1234 12:41 05.02.2026"]
    assert pick_purchase_date(lines, TODAY) == (date(2026, 2, 5), 0.9)
