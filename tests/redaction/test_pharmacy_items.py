"""On a pharmacy's receipt an item line not known to be ordinary is removed as health, with
the reason pharmacy_item; the same line on a supermarket's or drugstore's receipt stays."""
from decimal import Decimal

import pytest

from ocr.types import ParsedItem, ParsedReceipt
from redaction import Policy, analyze, line_report

PHARMACY = ("STADT-APOTHEKE", "Hauptstr. 1", "10115 Berlin")
SUPERMARKET = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin")
DRUGSTORE = ("dm-drogerie markt", "Hauptstr. 1", "10115 Berlin")
BRAND = "KADEFUNGIN 3 KOMBI 12,99"


def removed(page, policy=None, parsed=None):
    decision = (policy or Policy()).decide(analyze(page, parsed), page)
    return decision, {mark.line - 1: mark.reasons for mark in line_report(decision, page)}


def test_an_unknown_brand_on_a_pharmacy_receipt_is_removed(make_page):
    page = make_page(*PHARMACY, BRAND, "SUMME 12,99")
    decision, reasons = removed(page)
    assert decision.removed_lines == {3}
    assert reasons == {3: ("health", "pharmacy_item")}


@pytest.mark.parametrize("shop", [SUPERMARKET, DRUGSTORE])
def test_the_same_line_elsewhere_is_kept(make_page, shop):
    decision, _ = removed(make_page(*shop, BRAND, "SUMME 12,99"))
    assert decision.removed_lines == frozenset()


@pytest.mark.parametrize("line", ["69785 TOOTHPASTE 2,49", "Milka Schokolade 1,29",
                                  "Shampoo 3,95"])
def test_a_known_ordinary_item_on_a_pharmacy_receipt_is_kept(make_page, line):
    decision, _ = removed(make_page(*PHARMACY, line, "SUMME 3,95"))
    assert decision.removed_lines == frozenset()


def test_totals_and_payment_lines_of_a_pharmacy_are_no_items(make_page):
    page = make_page(*PHARMACY, BRAND, "SUMME 12,99", "EUR 12,99", "MwSt 19% 2,07",
                     "BAR 20,00", "Rueckgeld 7,01", "Kreditkarte 12,99")
    assert removed(page)[0].removed_lines == {3}


def test_the_parsed_merchant_and_items_tell_it_too(make_page):
    page = make_page("Kassenbon", "Nr. 1505", BRAND, "SUMME 12,99")
    parsed = ParsedReceipt(merchant="Löwen-Apotheke",
                           items=[ParsedItem("KADEFUNGIN 3 KOMBI", Decimal("12.99"), line_index=2)])
    assert removed(page, parsed=parsed)[0].removed_lines == {2}
    parsed.merchant = "Kaufland"
    assert removed(page, parsed=parsed)[0].removed_lines == frozenset()


def test_the_policy_can_turn_the_rule_off(make_page):
    page = make_page(*PHARMACY, BRAND, "SUMME 12,99")
    decision, _ = removed(page, Policy.from_text("pharmacy_item=kept"))
    assert decision.removed_lines == frozenset()
    assert ("health", "kept", 1) in decision.counts
    assert Policy().action_for_key("pharmacy_item") == "line_removed"  # on by default


def test_a_known_medicine_at_a_pharmacy_is_removed_for_itself(make_page):
    page = make_page(*PHARMACY, "ASPIRIN COMPLEX 10 BTL 8,99", "SUMME 8,99")
    decision, reasons = removed(page, Policy.from_text("pharmacy_item=kept"))
    assert decision.removed_lines == {3} and reasons[3] == ("health",)


@pytest.mark.parametrize("shop", [SUPERMARKET, DRUGSTORE])
def test_an_unknown_item_with_a_medicines_strength_is_removed_anywhere(make_page, shop):
    page = make_page(*shop, "MILCH 1,19", "LORAMAX AKUT 10MG 7ST 5,49", "SUMME 6,68")
    decision, reasons = removed(page)
    assert decision.removed_lines == {4}
    assert reasons == {4: ("health",)}


def test_a_known_item_with_a_strength_stays_what_it_is(make_page):
    decision, _ = removed(make_page(*SUPERMARKET, "MAGNESIUM 400MG 3,49", "SUMME 3,49"))
    assert decision.removed_lines == set()
