"""Prescriptions: any of these makes a receipt a prescription record."""
import pytest

from redaction import analyze
from redaction.recognizers import PrescriptionRecognizer, Registry
from redaction.recognizers.prescription import drug_names

PRESCRIPTIONS = Registry([PrescriptionRecognizer()])
SHOP_HEADER = ("SUPERMARKT MUSTER", "Hauptstr. 1", "10115 Berlin")
PHARMACY_HEADER = ("Stadt-Apotheke", "Marktplatz 3", "10115 Berlin")


def patterns_found(make_page, header, line):
    page = make_page(*header, line)
    return {f.recognizer for f in analyze(page, registry=PRESCRIPTIONS)
            if f.line_index == len(header) and f.category == "prescription"}


@pytest.mark.parametrize("line", [
    "RX#123456",
    "Rx: 98765432",
    "RX 1234567",
    "Rezept 1 x Kassenrezept",
    "e-Rezept Zuzahlung 5,00",
    "Prescription no 4711",
    "Verordnung vom 12.03.2024",
    "Patient: Max Mustermann",
    "Patientin: Erika Mustermann",
    "Prescriber: Dr Smith",
    "Arzt: Dr. med. Weber",
    "ATORVASTATIN 20MG 30 ST 12,34",
    "Amlodipine 5 mg tablets",
    "Metformin-ratiopharm 1000 mg",
    "L-Thyroxin 75 µg",
    "Insulin glargin 100 IE/ml",
    "Sertralin",                           # a listed drug name alone
    "Fantasiostatin 40mg",                  # unknown name with a drug-like ending
    "ORDONNANCE N° 204511",                 # French, Spanish, Italian, Dutch
    "Tiers payant: part AMO 8,40",
    "Médecin : Dr Laurent",
    "Patiente : M. Dubois",
    "RECETA ELECTRONICA 0045",
    "Aportación usuario 1,60",
    "RICETTA SSN N. 1234",
    "Ticket SSN 2,00",
    "Paziente: Rossi Mario",
    "Medisch voorschrift",
    "NHS PRESC CHARGE X2 19,80",            # what a prescription costs at the counter
    "PBS SCRIPT 4471882",
    "RX DISPENSING FEE 12.15",
    "RX COPAY 10.00",
    "Ticket modérateur 2,40",
])
def test_prescription_lines_on_any_receipt(make_page, line):
    assert patterns_found(make_page, SHOP_HEADER, line)


@pytest.mark.parametrize("line", [
    "Foobarin 20 mg",
    "Magnesium 400MG 20 ST 3,95",
])
def test_any_drug_strength_counts_on_a_pharmacy_receipt(make_page, line):
    assert patterns_found(make_page, PHARMACY_HEADER, line) == {"prescription"}
    assert patterns_found(make_page, SHOP_HEADER, line) == set()


@pytest.mark.parametrize("line", [
    "RX 7900 XT Grafikkarte 649,00",        # a graphics card, not an Rx number
    "Rezept des Monats: www.muster.de",
    "Rezeptidee Lasagne",
    "Kaffee 500G 4,99",
    "Vitamin C 500mg 2,49",
    "Dr. Oetker Pizza 2,99",
    "Lithium Batterie CR2032 3,99",
    "gem. Verordnung (EU) 2016/679 DSGVO",
    "Kassensicherungsverordnung TSE",
    "PESTO RICETTA GENOVESE 2,49",          # a recipe, in Italian and Spanish
    "SOPA RECETA DE LA ABUELA 1,99",
    "ARTS & CRAFTS: 12,99",
    "DELIVERY FEE 4.99",                    # fees that are no prescription's
    "BAG CHARGE 0.10",
])
def test_not_prescriptions(make_page, line):
    assert patterns_found(make_page, SHOP_HEADER, line) == set()


def test_drug_list_is_package_data():
    names = drug_names()
    assert "atorvastatin" in names and all(name == name.strip().lower() for name in names)
    assert not any(name.startswith("#") for name in names)
