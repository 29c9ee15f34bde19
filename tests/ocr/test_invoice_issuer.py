"""E-invoices (a PDF's text, typed as a letter): their first lines may be the customer's
address, while the legal mentions every invoice must carry (capital, register, registered
office, VAT number) name the company that issued it. Photos of receipts keep their header."""
from datetime import date

import pytest

from ocr import parse
from ocr.parse.merchant import find_merchant, legal_issuer
from ocr.types import TEXT_LAYER
from tests.ocr.synthetic import make_page

# A French invoice: the customer's letterhead on top, the supplier in its footer.
FRENCH_INVOICE = ["ALEXANDRE DURAND", "12 rue des Lilas", "69100 Villeurbanne",
                  "Facture n° 2022089083", "Date : 28/11/2022", "Annonce légale 45,93 €",
                  "Total TTC : 56,02 €", "ANNONCES SERVICES",
                  "Siège social : 16 rue Mollien - 92100 BOULOGNE",
                  "Sarl au capital de 10 000€ - RCS Paris B 530 848 134"]


@pytest.mark.parametrize("lines, issuer", [
    (FRENCH_INVOICE, "Annonces Services"),  # the name line over the registered office
    # the name with its legal form on the line of mentions itself
    (["Jean Martin", "Facture du 02/07/2015", "Total 29,99",
      "Fibre SAS au capital de 3.441.812 Euros - B 421 938 861 RCS Paris"], "Fibre SAS"),
    (["Max Muster", "Musterweg 1", "Rechnung", "Summe 12,00",
      "Sitz der Gesellschaft: Berlin, Handelsregister: Stadtwerk Service GmbH HRB 12345"],
     "Stadtwerk Service GmbH"),
    (["Invoice", "Total 319.00",
      "Regd. office: Northwind Retail Services Private Limited, 56/18 Block B, Bangalore"],
     "Northwind Retail Services Private Limited"),
    (["Invoice", "Bill To: Ship To:", "Total 12.00"], None),  # no legal mentions: none
    # a label or a sentence over the mentions is no name
    (["Bestellung", "Summe 12,00", "Vorstand: Erika Muster, Hans Beispiel",
      "Sitz Berlin, Handelsregister HRB 158855 B"], None),
    (["Order", "Total 12.00", "Thank you for your order",
      "Registered office: 1 High Street, Leeds"], None),
])
def test_the_legal_mentions_name_the_issuer(lines, issuer):
    assert legal_issuer(lines) == issuer


def test_a_typed_invoice_is_the_issuers_a_photo_keeps_its_header():
    assert find_merchant(FRENCH_INVOICE, letter=True) == ("Annonces Services", 0.85)
    assert find_merchant(FRENCH_INVOICE)[0] == "Alexandre Durand"
    typed = parse(make_page(FRENCH_INVOICE, engine=TEXT_LAYER), today=date(2026, 1, 1))
    assert typed.merchant == "Annonces Services"


@pytest.mark.parametrize("lines, name", [
    (["Eisenwaren Kraus", "Hauptstraße 4", "Rechnungsadresse Lieferadresse"],
     "Eisenwaren Kraus"),
    (["Ship To:", "Corner Bakery Ltd"], None),  # under its label: the customer's
])
def test_address_labels_are_no_names(lines, name):
    assert find_merchant(lines)[0] == name


@pytest.mark.parametrize("lines", [
    ["Factuuradres Afleveradres", "Hoekwinkel Jansen", "Dorpsstraat 4", "Factuur", "Totaal 9,99"],
    ["Bill To:", "Jane Roe", "12 Main Street", "INVOICE", "Total 9.99"],
])
def test_the_customer_under_its_address_label_is_never_the_shop(lines):
    assert find_merchant(lines)[0] is None


def test_a_machine_word_is_no_name_even_printed_large():
    lines = ["Sammy Plumbing", "# invoice_number_1", "Date: Jan 1, 2022"]
    assert find_merchant(lines, heights=[20, 40, 20])[0] == "Sammy Plumbing"
