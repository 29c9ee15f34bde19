"""Card slips as OCR reads them off real photos: cue words with letters wrong or split, codes
with specks around them, masks read as words, expiry cues lost. Every table has near misses
(trace and terminal numbers, times, amounts, item lines) that must stay."""
import pytest

from redaction import analyze
from redaction.fuzzy import FuzzyCues, distance
from redaction.recognizers import (
    AuthCodeRecognizer,
    BankAccountRecognizer,
    CardExpiryRecognizer,
    ExpiryAfterBisRecognizer,
    MaskedCardNumberRecognizer,
    MisreadMaskRecognizer,
    Registry,
    SlipCodeRecognizer,
)

SLIP = ("SUPERMARKT", "Milch 1,19", "Kartenzahlung", "Debit MasterCard")
CASH = ("SUPERMARKT", "Milch 1,19", "SUMME 1,19", "Bar 5,00")


def found(make_page, registry, *lines, header=SLIP):
    page = make_page(*header, *lines)
    return [(f.category, page.lines[f.line_index].text[f.start:f.end])
            for f in analyze(page, registry=registry) if f.line_index >= len(header)]


@pytest.mark.parametrize("a, b, limit, expected", [
    ("genehmigungsnr", "genehmigungsnr", 2, 0),
    ("gerehmigungsnr", "genehmigungsnr", 2, 1),
    ("lerehmigungsnr", "genehmigungsnr", 2, 2),
    ("genehmigungsnr", "genehmigungsn", 2, 1),
    ("kirschen", "genehmigungsnr", 2, 3),       # more than the limit: limit + 1
    ("kartemmmer", "kartennummer", 2, 3),
])
def test_edit_distance(a, b, limit, expected):
    assert distance(a, b, limit) == expected


CUES = FuzzyCues(("Genehmigungs-Nr", "Autor-Nr"))


@pytest.mark.parametrize("text, expected", [
    ("Genehmigungs-Nr 5YSFAO", ["Genehmigungs-Nr"]),
    ("Gerehmigungs-Nr. 28951", ["Gerehmigungs-Nr."]),           # one letter wrong
    ("lerehmigungs-Nr. 28951", ["lerehmigungs-Nr."]),           # two
    ("Genehm i gungs-Nr 5YSFAO", ["Genehm i gungs-Nr"]),        # split by specks
    ("Genehmi qungs- Nr, 60094)", ["Genehmi qungs- Nr,"]),
    ("AUTOR-NR.: LJCHFO", ["AUTOR-NR.:"]),
    ("Genehmigt", []),
    ("Reinigungsmittel 2,99", []),
    ("Autohaus Nord", []),
    ("Zahlung erfolgt", []),
])
def test_fuzzy_cues(text, expected):
    assert [text[start:end] for start, end in CUES.find(text)] == expected


AUTH = Registry([AuthCodeRecognizer()])


@pytest.mark.parametrize("lines, expected", [
    (["Gerehmigungs-Nr. 740008"], "740008"),
    (["Genehnigungs-Nr, 155800"], "155800"),                       # comma after the cue
    (["ee... [u 0 2 5 denehmigungs-Nr *74vx60"], "*74vx60"),       # speck, lower case
    (["Genehm i gungs-Nr 5YSFAO"], "5YSFAO"),
    (["| Genehmi qungs- Nr, 60094)"], "60094)"),                   # last sign garbled
    (["Gerehmigungs-Nr. ie 28951¢"], "ie 28951¢"),                 # noise before the code
    (["lerehmigungs-Nr.", "6E0G20"], "6E0G20"),                    # code on the next line
    (["APPR CODE 0A12B3"], "0A12B3"),
    (["Autorisierungsnummer: 99K4L2"], "99K4L2"),
])
def test_garbled_auth_codes(make_page, lines, expected):
    assert found(make_page, AUTH, *lines) == [("auth_code", expected)]


@pytest.mark.parametrize("lines", [
    ["Autorisierung erfolgt"],
    ["Genehmigung erteilt"],                  # lower-case word, no digits: no code
    ["Genehmigungs-Nr", "GENEHMIGT"],
    ["Gerehmigungs-Nr. 12"],                  # too short
    ["Autorisierung ONLINE"],
    ["Reinigungsmittel 123456"],              # not a cue, however close the letters
])
def test_not_auth_codes(make_page, lines):
    assert found(make_page, AUTH, *lines) == []


def test_garbled_auth_code_needs_card_words(make_page):
    assert found(make_page, AUTH, "Gerehmigungs-Nr. 740008", header=CASH) == []


SLIP_CODES = Registry([SlipCodeRecognizer()])


@pytest.mark.parametrize("lines, expected", [
    (["= Fee gate ; 153838"], ["153838"]),                # the cue past reading
    (["me = ee u allelbe acct 153838"], ["153838"]),
    (["= avene Nags Nr 209020"], ["209020"]),
    (["BAULOF-NF.: LJCHFO"], ["LJCHFO"]),                 # letters only, one vowel
    (["VU-Nr 0847421895", "u u 600941"], ["600941"]),      # no label at all
    (["Trace-Nr. 516813", "qe Se hr. i 330249"], ["330249"]),
])
def test_codes_with_unreadable_labels_on_a_slip(make_page, lines, expected):
    assert [text for _, text in found(make_page, SLIP_CODES, *lines)] == expected


@pytest.mark.parametrize("line", [
    "Trace-Nr. 516813",
    "Traoe-Nr. 518009",                   # a harmless label with a letter wrong
    "5 Trecenr. : 250573",
    "TA-Nr 246363 BNr 1302",              # the code is not the last word
    "Referenznummer : 961063",
    "Vertragsnr. : 330249",
    "Terminal-ID : 54030902",             # eight digits
    "AS-Zeit 19.05. 16:04 Uhr",
    "Betrag EUR 134,39",
    "Modus ONLINE",                       # a word, not a code
    "Status CREDIT",
    "Kasse 000000",                       # filler
    "UID Nr. : DEB12 720447",
    "Uhrzeit 16:10:40",
    "Brot 123456 2,49",                   # an amount on the line: an item
    "Bestell-Nr. 482913",                 # an order number
    "Auftragsnummer: A12345",
    "STAN 004711",                        # English terminals' trace and batch numbers
    "Batch 000123",
    "4006381333931",                      # a 13-digit barcode
    "Datum 190520",                       # a date printed as six digits
])
def test_slip_lines_that_are_no_codes(make_page, line):
    assert found(make_page, SLIP_CODES, line) == []


def test_codes_outside_a_slip_are_left(make_page):
    assert found(make_page, SLIP_CODES, "Fee gate ; 153838", header=CASH) == []
    far = [f"Artikel {n} 1,99" for n in range(20)]
    assert found(make_page, SLIP_CODES, *far, "Lieferschein AB12C3") == []


MASKS = Registry([MaskedCardNumberRecognizer(), MisreadMaskRecognizer()])


@pytest.mark.parametrize("line, expected", [
    ("Nr. snaljnasanunsıch 000C", "snaljnasanunsıch 000C"),        # a mask read as a word
    ("PAN BRHRRHRRRHRROITGH", "BRHRRHRRRHRROITGH"),
    ("a a ee Kartemmmer XX KKXKKKKKKKKKIODS", "XX KKXKKKKKKKKKIODS"),
    ("| Kartennumner ? KOORKXXXXXXXXXI02I", "KOORKXXXXXXXXXI02I"),    # cue one letter wrong
    ("Karten-Nr.t WOOK ORG 165", "WOOK ORG 165"),
])
def test_masks_after_garbled_cues(make_page, line, expected):
    assert [text for _, text in found(make_page, MASKS, line)] == [expected]


@pytest.mark.parametrize("line", [
    "Kartenzahlung EUR 12,34",
    "Kartenfolgenummer 00",
    "Kartenfolgenummer aig OU",
    "Nr. Kundenzufriedenheit",             # a long word, but no last digits
    "Beleg-Nr. 4571",
    "Kartenlesegerät Ingenico 2020",
])
def test_not_masks(make_page, line):
    assert found(make_page, MASKS, line) == []


EXPIRY = Registry([CardExpiryRecognizer(), ExpiryAfterBisRecognizer()])


@pytest.mark.parametrize("lines, expected", [
    (["= sültig bis 12/22"], ["12/22"]),                 # the cue one letter wrong
    (["ee sill tig bis 12/22"], ["12/22"]),              # and split
    (["Gültig bis 03/2027"], ["03/2027"]),
    (["Verfallsdatum 11/26"], ["11/26"]),
    (["Angebot gültig bis 12.05.2024"], []),             # a day and a month, not an expiry
    (["Aktion bis 31/12"], []),                          # no month 31
    (["Mo-Fr 8 bis 20 Uhr"], []),
])
def test_expiry_dates(make_page, lines, expected):
    assert [text for _, text in found(make_page, EXPIRY, *lines)] == expected


def test_expiry_after_bis_needs_card_words(make_page):
    assert found(make_page, EXPIRY, "Rückgabe bis 12/24", header=CASH) == []


ACCOUNTS = Registry([BankAccountRecognizer()])


@pytest.mark.parametrize("lines, expected", [
    (["Kto, HESS 77"], ["HESS 77"]),             # "#1#+#44577" read as letters
    (["Kto. HA HHSS TT"], ["HA HHSS TT"]),
    (["Kto", "#1#+#44577"], ["#1#+#44577"]),
    (["Konto-Nr.: 1234567890"], ["1234567890"]),
    (["Kto siehe Beleg"], []),
    (["Kontoauszug"], []),
    (["Kto ELV"], []),
])
def test_bank_accounts_and_their_masks(make_page, lines, expected):
    assert [text for _, text in found(make_page, ACCOUNTS, *lines)] == expected


@pytest.mark.parametrize("label, expected", [
    ("Kartenfolge", True), ("Kartenfolqe", True),  # as printed, one letter wrong
    ("Lieferschein", True), ("Trace-Nr.", True),
    ("Lieferschien", False),  # two letters wrong: no longer the harmless label
    ("Genehmigungsnummer", False), ("Zahlungsart", False), ("abcdefghijk", False),
])
def test_harmless_labels_allow_one_wrong_letter_only(label, expected):
    from redaction.recognizers.slip_code import harmless_label
    assert harmless_label(label) is expected
