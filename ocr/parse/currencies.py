"""The currencies receipts are paid in, written once: each one's ISO 4217 code, the countries
that pay with it (ISO 3166-1 alpha-2 codes; which country pays with which currency is ISO
4217's own list, public), and the signs (codes and symbols) that name it on a receipt.

Two readers use the table: ``ocr.parse.amounts.find_currency`` (which currency a receipt is
in) and ``ocr.parse.locale`` (which country it comes from). Where a sign misleads one of
them, the row says so: a lone ``£`` is often a misread 2, so only ``£`` before an amount
points to Britain; a bare ``$`` names a dollar (``find_currency`` takes the local one) but
says little about the country, so ``locale`` weighs it apart.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Currency:
    code: str
    countries: tuple[str, ...]
    sign: str | None = None  # what names it, counted by find_currency; None: not counted
    country_sign: str | None = None  # what points to its countries, where not ``sign``
    certain: bool = True  # the country sign alone says the country (else a weak hint)
    tie_rank: int = 0  # between currencies named equally often, the lower rank is chosen
    dollar: bool = False  # a dollar: a bare ``$`` may be this one

    @property
    def country_pattern(self) -> str | None:
        return self.country_sign or self.sign


EURO_COUNTRIES = ("DE", "AT", "FR", "BE", "NL", "ES", "IT", "PT", "IE", "FI", "LU")

# In the order the country signs are weighed (ties between countries go to the first named).
CURRENCIES = (
    Currency("MYR", ("MY",), r"\bRM\s?\d|\bMYR\b", r"(?i)\bRM\s?\d|\bMYR\b|\bRinggit\b",
             tie_rank=3),
    Currency("SGD", ("SG",), r"\bS\$|\bSGD\b", tie_rank=4, dollar=True),
    Currency("AUD", ("AU",), r"\bA\$|\bAUD\b", tie_rank=5, dollar=True),
    Currency("NZD", ("NZ",), None, r"\bNZ\$|\bNZD\b", dollar=True),
    Currency("CAD", ("CA",), r"\bC\$|\bCAD\b", tie_rank=6, dollar=True),
    Currency("USD", ("US",), r"\$|\bUSD\b", r"\bUS\$|\bUSD\b", tie_rank=9, dollar=True),
    Currency("HKD", ("HK",), None, r"\bHK\$|\bHKD\b", dollar=True),
    Currency("INR", ("IN",), r"₹|\bINR\b|\bRs\.?\s?\d", tie_rank=7),
    Currency("GBP", ("GB",), r"£|\bGBP\b", r"£\s?\d+[.,]\d\d|\bGBP\b", tie_rank=2),
    Currency("EUR", EURO_COUNTRIES, r"(?i)€|\bEUR\b|\bEURO\b", tie_rank=1),
    Currency("CHF", ("CH",), r"\bCHF\b", r"\bCHF\b|\bSFr\b", tie_rank=8),
    Currency("PHP", ("PH",), None, r"₱|\bPHP\b"),
    Currency("ZAR", ("ZA",), None, r"\bZAR\b|\bR\s?\d+[.,]\d\d\b", certain=False),
    # paid in whole units (ocr.parse.amounts.in_whole_units)
    Currency("IDR", ("ID",), r"\bRp\.?\s?\d|\bIDR\b"),
    Currency("JPY", ("JP",), r"¥|円|\bJPY\b", certain=False),  # ¥: the yuan too
    Currency("KRW", ("KR",), r"₩|\bKRW\b"),
    Currency("VND", ("VN",), r"₫|\bVND\b"),
    # paid where the panel may be, not yet read off a receipt
    Currency("THB", ("TH",)), Currency("SEK", ("SE",)),
    Currency("DKK", ("DK",)), Currency("NOK", ("NO",)), Currency("PLN", ("PL",)),
)

CURRENCY_OF = {country: c.code for c in CURRENCIES for country in c.countries}
DOLLARS = tuple(c.code for c in CURRENCIES if c.dollar)
