"""What a shop mostly sells (products.context.shop_class): an item of a furniture store, a
DIY store or a bakery that nothing on its line tells is a low-confidence guess of that class;
supermarkets and drugstores sell everything and give none."""
import pytest

from products import classify, receipt_context
from products.context import shop_class


@pytest.mark.parametrize("header, code", [
    (["IKEA Deutschland GmbH & Co. KG", "Einrichtungshaus Köln"], "05.1.1"),
    (["HORNBACH Baumarkt AG", "Filiale 123"], "05.5.2"),
    (["Bäckerei Müller", "Hauptstr. 4"], "01.1.1"),
    (["Librairie du Centre", "12 rue Victor Hugo"], "09.7.1"),
    (["Möbelhaus Schmidt"], "05.1.1"),           # a kind word starting a compound
    (["FERRETERIA LA LLAVE", "C/ Mayor 3"], "05.5.2"),
])
def test_a_shop_of_one_kind_is_told_by_its_name_or_header(header, code):
    assert shop_class(header) == code


@pytest.mark.parametrize("header", [
    ["REWE Markt GmbH", "Backshop"],             # a supermarket's own bakery counter
    ["dm-drogerie markt", "Spielwaren"],
    ["Praxis Dr. Weber", "Zahnarzt"],
    ["Muster GmbH", "Bahnhofstr. 1"],
])
def test_supermarkets_drugstores_and_other_shops_give_no_class(header):
    assert shop_class(header) is None


def test_an_item_nothing_tells_is_a_guess_of_the_shops_class():
    context = receipt_context("IKEA Deutschland\nSKANKA N 9,99\nSUMME 9,99")
    assert context == "05.1.1"
    guessed = classify("SKANKA N", context)
    assert (guessed.code, guessed.confidence, guessed.signals) == ("05.1.1", 0.3, ())
    known = classify("HOT DOG", context)         # the shop's food: known by its words
    assert known.code != "05.1.1" and known.confidence > 0.3
    assert classify("SKANKA N").code is None     # without the shop, unknown stays unknown


def test_the_shops_class_never_hides_a_sensitive_item():
    assert classify("KONDOME 10ST", "05.1.1").signals
