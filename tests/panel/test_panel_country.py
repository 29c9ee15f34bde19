"""PANEL_COUNTRY: the prior the parser reads a receipt's country and date order with."""
from datetime import date

from ocr import parse
from panel.config import from_environment
from tests.ocr.synthetic import make_page


def test_the_panels_country_defaults_to_its_time_zones(monkeypatch, tmp_path):
    monkeypatch.delenv("PANEL_COUNTRY", raising=False)
    monkeypatch.setenv("PANEL_TIMEZONE", "America/New_York")
    assert from_environment(str(tmp_path))["PANEL_COUNTRY"] == "US"
    monkeypatch.setenv("PANEL_TIMEZONE", "Europe/Berlin")
    assert from_environment(str(tmp_path))["PANEL_COUNTRY"] == "DE"
    monkeypatch.setenv("PANEL_COUNTRY", "MY")
    assert from_environment(str(tmp_path))["PANEL_COUNTRY"] == "MY"


def test_the_prior_decides_an_ambiguous_date_only_where_the_receipt_says_nothing():
    silent = make_page(["SHOP", "06/09/2017 10:12", "Tea 5.00", "TOTAL 5.00"])
    assert parse(silent, date(2026, 1, 1), country="US").purchase_date == date(2017, 6, 9)
    assert parse(silent, date(2026, 1, 1), country="DE").purchase_date == date(2017, 9, 6)
    speaking = make_page(["SHOP SDN BHD", "06/09/2017 10:12", "Tea 5.00", "TOTAL RM 5.00"])
    assert parse(speaking, date(2026, 1, 1), country="US").purchase_date == date(2017, 9, 6)
