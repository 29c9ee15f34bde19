"""What OCR does to sensitive lines on hard photos, and the recognizers that still find them:
e-mails without their dot or cut off, addresses amid noise or without their cue, and card
masks misread as letters. Each table has near misses that must stay."""
import pytest

from redaction import analyze
from redaction.recognizers import (
    AddressBlockRecognizer,
    AddressRecognizer,
    EmailFragmentRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    MaskedCardNumberRecognizer,
    MisreadMaskRecognizer,
    Registry,
)
from redaction.text import strip_noise

EMAILS = Registry([EmailRecognizer(), EmailFragmentRecognizer()])
ADDRESSES = Registry([AddressRecognizer(), AddressBlockRecognizer()])
MASKS = Registry([MaskedCardNumberRecognizer(), MisreadMaskRecognizer()])
SHOP = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin", "Milch 1,19", "Brot 2,49")
PAYMENT = ("SUMME EUR 3,68", "Kartenzahlung", "Debit MasterCard")


def found(make_page, registry, header, *lines):
    page = make_page(*header, *lines)
    return [(page.lines[f.line_index].text[f.start:f.end])
            for f in analyze(page, registry=registry) if f.line_index >= len(header)]


@pytest.mark.parametrize("line, expected", [
    ("Kunde: paul.clark@exampl", "paul.clark@exampl"),            # cut off by a shadow
    ("e: jonas.yilmaz@examplede —", "jonas.yilmaz@examplede"),     # the last dot lost
    ("Kunde: emily.", "emily."),                                  # only the start was read
    ("Customer: jane.doe@", "jane.doe@"),
    ("E-Mail: max @ example.de", "max @ example.de"),
])
def test_misread_emails(make_page, line, expected):
    assert found(make_page, EMAILS, SHOP, line) == [expected]


@pytest.mark.parametrize("line", [
    "Kunde: Kopie",                  # capitalised: a word, not an address
    "Kunde: nr.123",
    "Kunde: 12.50",
    "Fragen? info@markt",             # a role account, even cut off
    "Folgen Sie uns @supermarkt",     # a handle has no local part
    "www.supermarkt-muster.de",
    "Kunde: service@supermarkt.de",
])
def test_not_emails(make_page, line):
    assert found(make_page, EMAILS, SHOP, line) == []


@pytest.mark.parametrize("lines, expected", [
    (["Lieferadresse: oe .... a", "Lena Schmidt =", "Mill Lane 2 ee", "82450 York —"],
     ["Lena Schmidt =", "Mill Lane 2 ee", "82450 York —"]),     # noise around every line
    (["_ Jonas Meier", "_ Lindenweg 51", "_ 18035 York", "Vielen Dank"],   # the cue unread
     ["_ Jonas Meier", "_ Lindenweg 51", "_ 18035 York"]),
    (["Mia Evans", "Am Markt 21", "49850 Lippstadt"],
     ["Mia Evans", "Am Markt 21", "49850 Lippstadt"]),
    (["SUMME EUR = 29,51", "; Mia Becker z : :", "_ Lndenweg 69 ee", "18760 York"],
     ["; Mia Becker z : :", "_ Lndenweg 69 ee", "18760 York"]),
])
def test_addresses_through_noise_and_without_cue(make_page, lines, expected):
    assert found(make_page, ADDRESSES, SHOP, *lines) == expected


@pytest.mark.parametrize("lines", [
    ["EDEKA Markt GmbH", "Hauptstr. 5", "10115 Berlin"],        # the merchant, in the footer
    ["Vielen Dank", "Am Markt 21", "49850 Lippstadt"],            # no person above the street
    ["Mia Evans", "Am Markt 21"],                                 # no town
    ["Mia Evans", "Butter 250g 2,49", "49850 Lippstadt"],         # a priced item in between
])
def test_not_address_blocks(make_page, lines):
    assert found(make_page, ADDRESSES, SHOP, *lines) == []


def test_the_merchant_block_in_the_header_is_not_an_address(make_page):
    page = make_page("Anna Schmidt", "Hauptstr. 5", "10115 Berlin", "Milch 1,19")
    assert analyze(page, registry=ADDRESSES) == []


@pytest.mark.parametrize("lines, expected", [
    (["PAN HHPRRARRRHHHS 165"], "HHPRRARRRHHHS 165"),     # "#" read as H and other letters
    (["Nr. HHA MEHHHHES 165 000C"], "HHA MEHHHHES 165 000C"),
    (["Nr. HHH 165 0000"], "HHH 165 0000"),
    (["Nr; ERHH91Eb 0000"], "ERHH91Eb 0000"),
    (["PAN RES 165"], "RES 165"),
    (["Ka rte SRK OK OK 3568"], "SRK OK OK 3568"),          # the cue split too
    (["Karte ### HH HHH: a. we"], "### HH HHH:"),           # the last digits unread
    (["Karte ###tsHHHHHHH8282"], "###tsHHHHHHH8282"),
    (["PM ARR EARHHHHS 165"], "PM ARR EARHHHHS 165"),       # the cue misread as well
    (["Nr. Waa ata HARIEHGO04 0000"], "HARIEHGO04 0000"),   # specks before the mask
    (["Nr, BH HHS 773 0001"], "BH HHS 773 0001"),
    (["Karte ## # #4 # 1-4 #4 #3717 a"], "## # #4 # 1-4 #4 #3717"),
])
def test_masks_misread_as_letters(make_page, lines, expected):
    assert expected in found(make_page, MASKS, PAYMENT, *lines)


@pytest.mark.parametrize("lines", [
    ["Karte 0"],
    ["Karte akzeptiert"],
    ["Karte 1 gültig bis ##/##"],
    ["VU-Nr. 15077285"],
    ["Trace-Nr. 516813"],
    ["TA-Nr 447300 BNr 1150"],
    ["EMV-AID A0000000041010"],
    ["Nr. 740008"],
    ["Debit MasterCard"],
    ["AS-Proc-Code = 00 075 00"],
    ["GENEHMIGT 0000"],
    ["23.04.2020 09:59 KAS002"],            # a till line under "Kreditkarte"
    ["= SESSSEESSEIS2ES SS 5 222"],         # a rule of signs read as letters, no H, K or X
    ["Nr. AB12 3456"],
])
def test_payment_lines_that_are_not_masks(make_page, lines):
    assert found(make_page, MASKS, PAYMENT, *lines) == []


def test_nr_is_a_card_cue_only_among_payment_lines(make_page):
    assert found(make_page, MASKS, SHOP, "Bon-Info", "Kasse 3", "Filiale 12",
                 "Nr. HHH 165 0000") == []


@pytest.mark.parametrize("line, expected", [
    ("IBAN DES51 0067 9618 4010 5958 56", "DES51 0067 9618 4010 5958 56"),  # "DE51" misread
    ("IBAN DES 2772 7931 5263 1072 51", "DES 2772 7931 5263 1072 51"),    # check digits lost
    ("IBAN DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"),
])
def test_misread_ibans_next_to_the_word_iban(make_page, line, expected):
    assert found(make_page, Registry([IbanRecognizer()]), SHOP, line) == [expected]


@pytest.mark.parametrize("line", ["USt-IdNr DE123456789", "DES 2772 7931 5263 1072 51"])
def test_iban_shapes_without_iban_words(make_page, line):
    assert found(make_page, Registry([IbanRecognizer()]), SHOP, line) == []


@pytest.mark.parametrize("text, kept", [
    ("_ Jonas Meier", "Jonas Meier"), ("Mill Lane 2 ee", "Mill Lane 2"),
    ("; Mia Becker z : :", "Mia Becker"), ("Lindenweg 5 a", "Lindenweg 5 a"),
    ("Karte ### HH", "Karte ### HH"), ("oe .... a", ""),
])
def test_noise_around_words(text, kept):
    start, end = strip_noise(text)
    assert text[start:end] == kept
