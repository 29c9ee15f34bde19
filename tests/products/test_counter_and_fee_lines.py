"""Session 11's rules (products.classify, products.organisations, products.text): a medicine
counted in tablets where nothing names it, the emergency pill by its dose, what a
prescription costs at the counter, a party's or a union's fee line that names itself so,
devotional images, and a letter OCR read as a digit; each beside the ordinary line it must
not catch."""
import pytest

from products import categories, classify
from products.text import tokens


@pytest.mark.parametrize("text, meant", [
    ("NEURALGIN 20 TABS", {"health"}),                   # counted in tablets, nothing else
    ("ZAPAIN CAPLETS 32", {"health"}),
    ("SEDALMERCK COMPRIMES 30", {"health"}),
    ("CALPOL 650 TAB 15S", {"health"}),                   # India's strips of 15
    ("GRIPAFIN-D 12 CAPS", {"health"}),                   # capsules, not caps to wear
    ("FEBRINOL 5OOMG", {"health"}),                       # zeros OCR read as O's
    ("NASOCLEAR HAYFEVER 60SPR", {"health"}),             # a spray counted in doses
    ("MOVELAX 30 DOSES", {"health"}),
    ("METFORAL SR 500 30S", {"health"}),                  # a sustained release's strength
    ("ACETYLMUC 600 10 COMPR", {"health"}),               # COMPR is no cut of "compresas"
    ("THROATEZE SORE THROAT GARG", {"health"}),           # a complaint before its form
    ("NIGHTCAP HEADACHE PWD 10", {"health"}),
    ("NORLEVO 1.5MG 1 TAB", {"health", "sex_life"}),      # the emergency pill's dose
    ("UNKNOWNA 0,75 MG 2 ST", {"health", "sex_life"}),
    ("NHS PRESCRIPTION CHARGE", {"health"}),              # what a prescription costs
    ("E-REZEPT ZUZAHLUNG 10,00", {"health"}),
    ("OMRON M3 BP MON UPPER ARM", {"health"}),
    ("HEARTLAND PARTY DONATION", {"political"}),          # a fee line naming itself
    ("RETAIL UNION FEES", {"trade_union"}),
    ("TEAMSTERS LOCAL 705 DUES", {"trade_union"}),
    ("CUPE MEMBERSHIP RENEWAL", {"trade_union"}),
    ("COSATU SUBS", {"trade_union"}),
    ("IG NORD MITGLIEDSBEITRAG", {"trade_union"}),        # an Industriegewerkschaft
    ("VELA VIRGEN DE FATIMA", {"religion"}),              # devotional images and candles
    ("IMAGE NOTRE-DAME DE LOURDES", {"religion"}),
])
def test_sensitive_by_a_rule_of_how_receipts_are_printed(text, meant):
    assert categories(classify(text).signals) == meant, classify(text)


@pytest.mark.parametrize("text", [
    "FINISH QUANTUM 40 TABS",              # a known brand of dishwasher tablets
    "DISHWASHER TABS 60CT",
    "NESPRESSO 10 CAPS",
    "BASEBALL CAP",
    "FEBREZE 300ML SPR",                   # a spray of millilitres, not of doses
    "LISTERINE MOUTH RINSE",
    "KNOPFZELLE CR2032",                   # a battery, not a controlled release
    "MR MUSCLE 500ML",
    "VIT D3 1000IU 240 TABS",              # a vitamin, cut as tills cut it
    "BIRTHDAY PARTY FEE",                  # a service's fee, not a party's
    "PARTY CUPS 50CT",
    "CREDIT UNION FEE",                    # a bank
    "ACEITE OLIVA VIRGEN EXTRA 1L",        # olive oil, not the Virgin
    "MAYBELLINE MASC BLACK",               # mascara, not Polish ointment (maść)
    "DELIVERY FEE",
])
def test_ordinary_lines_beside_them(text):
    assert not classify(text).signals, classify(text)


def test_a_digit_ocr_read_for_a_letter_is_the_letter_again():
    assert tokens("PANAD0L EXTRA") == ["panadol", "extra"]
    assert tokens("VEGEM1TE WHI5PER") == ["vegemite", "whisper"]
    assert tokens("BAUERNBROT5OOG VITALBROT5O") == ["bauernbrot", "vitalbrot"]  # 500G, 50
    assert categories(classify("PANAD0L EXTRA 24S").signals) == {"health"}
