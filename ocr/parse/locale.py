"""Where a receipt comes from, read off the receipt itself: its country, currency, date order.

A receipt says where it was printed in many small ways: its currency (``RM``, ``S$``, ``€``,
``₹``), its tax registration (``GST Reg No``, ``ABN``, ``USt-IdNr``, ``SIRET``), the legal
form of the shop (``Sdn Bhd``, ``Pty Ltd``, ``GmbH``, ``LLC``), its phone numbers (``+60``,
``(562) 597-0906``) and postcodes (``CA 90804``), and the language of its keywords. Each sign
votes for the countries it belongs to; the panel's own country (``PANEL_COUNTRY``) is a
prior that only decides when the receipt says little.

The country decides how an ambiguous date (``06/09/2017``) is read. Before that, the
receipt's own dates decide where they can: a date whose first part is over 12
(``13/07/2018``) is day first, whose second part is (``07/22/2018``) month first, and the
receipt's other slashed dates are read the same way. Closeness to today never decides.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ocr.parse.currencies import CURRENCIES, CURRENCY_OF
from ocr.parse.dates import NUMERIC_DATE

# Countries whose receipts print dates month first; everywhere else day first (or year first,
# which reads the same either way).
MONTH_FIRST_COUNTRIES = {"US", "PH", "FM", "PW", "MH"}
STRONG, MEDIUM, WEAK = 3.0, 2.0, 1.0
# The postal codes of the US states and Canada's provinces (USPS, Canada Post).
US_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT "
             "NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
CANADIAN_PROVINCES = "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()
PRIOR = 1.5  # the panel's country: more than one weak sign, less than a currency code

# (pattern, countries it points to, weight). Patterns are matched on the whole text.
SIGNS: list[tuple[re.Pattern, tuple[str, ...], float]] = [
    # currencies: codes and symbols (ocr.parse.currencies)
    *[(re.compile(c.country_pattern), c.countries, STRONG if c.certain else WEAK)
      for c in CURRENCIES if c.country_pattern],
    *[(re.compile(p, f), countries, weight) for p, f, countries, weight in [
        # a dollar: no euro, pound or ringgit country; most often the US dollar
        (r"\$\s?\d", 0, ("US", "CA", "AU", "NZ", "SG", "HK"), STRONG),
        (r"\$\s?\d", 0, ("US",), WEAK),
        # tax registrations and taxes
        (r"\bGST\s*(?:ID|Reg|No|Registration)|\bSST\b|\bSales\s*&\s*Service\s*Tax", re.I,
         ("MY", "SG"), STRONG),
        (r"\bABN\b", 0, ("AU",), STRONG),
        (r"\bGSTIN\b|\bCGST\b|\bSGST\b|\bIGST\b", re.I, ("IN",), STRONG),
        (r"\bGST\b", 0, ("MY", "SG", "AU", "NZ", "IN", "CA"), WEAK),
        (r"\bHST\b|\bPST\b|\bQST\b|\bTPS\b|\bTVQ\b", 0, ("CA",), MEDIUM),
        (r"\bsales\s*tax\b|\bstate\s*tax\b|\bgratuity\b|\btip\b", re.I, ("US",), WEAK),
        (r"USt-?Id|Steuer-?Nr|Steuernummer|\bMwSt\b|\bUSt\b", re.I, ("DE", "AT", "CH"), MEDIUM),
        (r"\bVAT(?![a-z])", re.I, ("GB", "IE"), WEAK),
        (r"\bSIRET\b|\bSIREN\b|\bTVA\b|\bTTC\b", re.I, ("FR", "BE"), MEDIUM),
        (r"\bBTW\b|\bKvK\b", re.I, ("NL", "BE"), MEDIUM),
        (r"\bP\.?\s?IVA\b|\bPartita\s+IVA\b|\bscontrino\b", re.I, ("IT",), MEDIUM),
        (r"\b(?:NIF|CIF)\b|\bIVA\b", 0, ("ES", "PT", "IT"), WEAK),
        # legal forms of the shop
        (r"\bSdn\.?\s*B[hn]d\b|\bBhd\b|\bSdn\b", re.I, ("MY",), STRONG),
        (r"\(?\b\d{5,7}-[A-Z]\b\)?", 0, ("MY",), MEDIUM),  # a company number: 789417-W
        (r"\bPte\.?\s*Ltd\b", re.I, ("SG",), STRONG),
        (r"\bPty\.?\s*Ltd\b", re.I, ("AU",), STRONG),
        (r"\bGmbH\b|\be\.\s?K\.|\bKG\b", 0, ("DE", "AT", "CH"), MEDIUM),
        (r"\bLLC\b|\bInc\.?(?!\w)|\bCorp\.?(?!\w)", re.I, ("US",), WEAK),
        (r"\bLtd\.?(?!\w)|\bPLC\b", re.I, ("GB", "IE"), WEAK),
        (r"\bS\.?A\.?R\.?L\.?(?!\w)|\bSAS\b", 0, ("FR",), MEDIUM),
        (r"\bS\.L\.(?!\w)|\bS\.L\.U\.", 0, ("ES",), MEDIUM),
        (r"\bS\.?r\.?l\.?(?!\w)|\bS\.p\.A\.", 0, ("IT",), MEDIUM),
        (r"\bB\.V\.(?!\w)", 0, ("NL",), MEDIUM),
        (r"\bUEN\b", 0, ("SG",), STRONG),
        # the country named in the address, phone numbers and postcodes
        (r"\bSingapore\b", re.I, ("SG",), MEDIUM),
        (r"\bMalaysia\b|\bKuala Lumpur\b|\bSelangor\b|\bJohor\b|\bPenang\b", re.I,
         ("MY",), MEDIUM),
        (r"\bAustralia\b|\b(?:NSW|VIC|QLD|TAS|ACT)\s+\d{4}\b", 0, ("AU",), MEDIUM),
        (r"\bNew Zealand\b", re.I, ("NZ",), MEDIUM),
        (r"\bIndia\b|\b(?:Mumbai|Delhi|Bengaluru|Bangalore|Chennai|Pune|Kolkata|Hyderabad)\b",
         re.I, ("IN",), MEDIUM),
        (r"\bCanada\b|\b(?:ON|QC|BC|AB|MB|NS|NB)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b", 0,
         ("CA",), MEDIUM),
        (r"\bDeutschland\b|\bGermany\b", re.I, ("DE",), MEDIUM),
        (r"\bUnited Kingdom\b|\bEngland\b|\bLondon\b", re.I, ("GB",), MEDIUM),
        (r"\bFrance\b|\bParis\b", re.I, ("FR",), MEDIUM),
        (r"\bEspaña\b|\bEspana\b|\bMadrid\b|\bBarcelona\b", re.I, ("ES",), MEDIUM),
        (r"\bItalia\b|\bRoma\b|\bMilano\b", re.I, ("IT",), MEDIUM),
        (r"\bNederland\b|\bAmsterdam\b|\bRotterdam\b", re.I, ("NL",), MEDIUM),
        (r"\bPhilippines\b|\bManila\b", re.I, ("PH",), MEDIUM),
        (r"\bIndonesia\b|\b(?:Jakarta|Surabaya|Bandung|Medan|Denpasar|Yogyakarta|Semarang|"
         r"Makassar)\b", re.I, ("ID",), MEDIUM),
        (r"\bNPWP\b|\bNOPD\b|\bPPN\b|\bPB1\b", 0, ("ID",), STRONG),  # tax number, taxes
        (r"\+62\b", 0, ("ID",), MEDIUM),
        (r"\+60\b|\b0[3-9]-?\d{3,4}\s?\d{4}\b", 0, ("MY",), MEDIUM),
        (r"\+65\b", 0, ("SG",), MEDIUM),
        (r"\+61\b", 0, ("AU",), MEDIUM),
        (r"\+91\b", 0, ("IN",), MEDIUM),
        (r"\+49\b", 0, ("DE",), MEDIUM),
        (r"\+44\b", 0, ("GB",), MEDIUM),
        (r"\+33\b", 0, ("FR",), MEDIUM),
        # North American numbers: an area code never opens with 0 or 1 ("(614)7664494")
        (r"\+1\b|\([2-9]\d{2}\)\s?\d{3}[.-]?\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b", 0,
         ("US", "CA"), MEDIUM),
        # a state and its ZIP code, also glued ("Arlington, VA 22207", "SOMERVILLE,MA02145")
        (rf"(?:,\s?|\s)(?:{'|'.join(US_STATES)})\.?,?\s*\d{{5}}(?:-\d{{4}})?\b", 0, ("US",),
         MEDIUM),
        (r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b", 0, ("GB",), WEAK),
        (r"(?m)^\s*\d{5}\s+[A-ZÄÖÜ][a-zäöüß]{2,}", 0, ("DE", "FR", "ES", "IT"), WEAK),
        # the language of the keywords
        (r"\b(?:Summe|Rückgeld|Ruckgeld|zu zahlen|Kasse|Bon-?Nr|Datum)\b", re.I,
         ("DE", "AT", "CH"), MEDIUM),
        (r"\b(?:Espèces|Especes|Montant|Rendu|Caisse)\b", re.I, ("FR", "BE"), MEDIUM),
        (r"\b(?:Totaal|Contant|Bedrag|Wisselgeld)\b", re.I, ("NL", "BE"), MEDIUM),
        (r"\b(?:Importe|Efectivo|Cambio|Ticket|Factura)\b", re.I, ("ES",), WEAK),
        (r"\b(?:Totale|Contanti|Resto|Importo)\b", re.I, ("IT",), MEDIUM),
        (r"\b(?:Kembalian|Kasir|Struk|Pelanggan|Tgl|Tanggal|Belanja|Bayar)\b", re.I, ("ID",),
         MEDIUM),
    ]],
]



@dataclass(frozen=True)
class ReceiptLocale:
    country: str | None  # ISO 3166 code, or None when nothing points anywhere
    day_first: bool
    prior: str | None = None  # the panel's country it was read with
    sure: bool = False  # the date order follows from the receipt's own dates or clear signs


def country_scores(text: str, prior: str | None = None) -> Counter[str]:
    """Every sign on the receipt, summed per country."""
    scores: Counter[str] = Counter()
    for pattern, countries, weight in SIGNS:
        if pattern.search(text):
            for country in countries:
                scores[country] += weight / len(countries) ** 0.5
    if prior:
        scores[prior] += PRIOR
    return scores


def date_order(text: str) -> bool | None:
    """True (day first) or False (month first) where a numeric date on the receipt can only be
    read one way; None where every date reads both ways, or they disagree."""
    votes = Counter()
    for first, _, second, _ in NUMERIC_DATE.findall(text):
        first, second = int(first), int(second)
        if 12 < first <= 31 and 1 <= second <= 12:
            votes[True] += 1
        elif 12 < second <= 31 and 1 <= first <= 12:
            votes[False] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return None


def receipt_locale(text: str, prior: str | None = None) -> ReceiptLocale:
    """The receipt's country and date order, from what it shows (``prior``: the panel's
    country, ISO code, deciding only where the receipt says little)."""
    prior = prior.upper() if prior else None
    scores = country_scores(text, prior)
    country = max(scores, key=lambda c: (scores[c], c == prior)) if scores else None
    order = date_order(text)
    sure = order is not None or (country is not None and scores[country] >= MEDIUM)
    if order is None:
        # nothing points anywhere: day first, as most of the world prints it
        order = country not in MONTH_FIRST_COUNTRIES
    return ReceiptLocale(country, order, prior, sure)


def currency_of(country: str | None) -> str | None:
    return CURRENCY_OF.get(country or "")
