"""Portuguese, Polish, Nordic, Czech, Slovak, Hungarian, Croatian, Slovenian, Estonian,
Turkish, Malay and Indonesian (products.classify): supplements and the like classed without a
sensitive meaning, their common words and names on fee lines no organisation, and letters
with no mark to remove written as tills print them. Their sensitive lines, look-alikes and
short names on fee lines are in test_item_languages.py."""
import pytest

from products import classify, sensitive_words
from products.text import tokens


@pytest.mark.parametrize("text", ["VITAMIINI D 20 MIKROG", "WITAMINA C 1000MG", "MUNSKYDD 10ST",
                                  "LAASTARI", "TERMÔMETRO DIGITAL", "GIDA TAKVİYESİ"])
def test_vitamins_masks_plasters_and_thermometers_are_classed_but_tell_nothing(text):
    product = classify(text)
    assert product.code and product.code.startswith("06.1"), product
    assert not product.signals, product


@pytest.mark.parametrize("text", ["ČLENSKÝ PŘÍSPĚVEK SVOBODA", "IURAN BPJS PEKERJA",
                                  "TÜRK HAVA KURUMU BAĞIŞ", "SKŁADKA PZW ZWIĄZEK WĘDKARSKI",
                                  "GÅVA KO", "PIS"])
def test_common_words_and_names_on_fee_lines_are_no_organisation(text):
    assert not classify(text).signals, classify(text)


def test_letters_without_a_mark_to_remove_are_written_as_tills_print_them():
    assert tokens("SKŁADKA CZŁONKOWSKA") == ["skladka", "czlonkowska"]
    assert tokens("ØJENDRÅBER KRÆFT") == ["ojendraber", "kraeft"]
    assert tokens("ağrı kesici") == tokens("AĞRI KESİCİ") == ["agri", "kesici"]
    assert sensitive_words(tokens("SYROP NA KASZEL CHLEB")) >= {"syrop", "kaszel"}
