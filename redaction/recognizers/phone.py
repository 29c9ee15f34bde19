"""Personal phone numbers.

The merchant prints its own number in the header (roughly the first ``header_lines`` lines):
a number there is not reported unless a customer cue ("Kunde", "customer", ...) comes before
it on its line or the line above. Service numbers (0800, 0180x, 0900) are never personal.
"""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Pattern, Recognizer, word_matcher
from redaction.recognizers.card_number import DATE_OR_TIME

SEP = r"[ ./-]?"
DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
SERVICE_NUMBER = re.compile(r"^(?:\+49|0049)?\s*\(?0?(?:800|180|900|137)")
MERCHANT_BLOCK = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]|\bfax\b|\bwww\.",
                            re.IGNORECASE)
CUSTOMER_CUES = ("customer", "kunde", "kundin", "client", "recipient", "empfänger",
                 "lieferadresse", "delivery", "bill to", "ship to", "besteller")


class PhoneRecognizer(Recognizer):
    name = "phone"
    category = "phone"
    patterns = (
        Pattern("international", rf"(?<![\w+/.,])(?:\+|00)[1-9]\d{{0,2}}{SEP}(?:\(0\){SEP})?"
                rf"\d(?:{SEP}\d){{5,13}}(?!\w)", 0.6),
        Pattern("national", rf"(?<![\w+/.,])\(?0[1-9]\d{{1,4}}\)?{SEP}\d(?:{SEP}\d){{3,9}}(?!\w)",
                0.4),
        Pattern("north_american", r"(?<![\w+/.,])\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}(?!\w)",
                0.4),
    )
    context_words = ("tel", "telefon", "rufnummer", "phone", "mobil", "handy", "fon", "cell",
                     "call", "rückruf", "whatsapp", "sms", "kunde", "customer")
    negative_words = ("fax", "steuer", "st-nr", "st.-nr", "ust", "tax", "vat", "terminal",
                      "tse", "trace", "beleg", "bon", "transaktion", "karte", "card", "iban",
                      "bic", "ean", "order", "bestell", "filiale", "kasse", "datum", "date")
    negative_lines_before = 0
    header_lines = 5

    def __init__(self) -> None:
        super().__init__()
        self._customer = word_matcher(CUSTOMER_CUES)

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        digits = sum(char.isdigit() for char in text)
        if not 7 <= digits <= 15 or DATE_LIKE.match(text) or SERVICE_NUMBER.match(text):
            return None
        mobile = re.match(r"^(?:\+49|0049)?\W*0?1[5-7]", text)
        return pattern.score + (0.15 if mobile else 0.0)

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        if DATE_OR_TIME.search(page.lines[index].text):
            return  # a till's transaction line (date, time, store and till numbers)
        for candidate in super().candidates(page, index, parsed):
            if self._customer_cue(page, index, candidate.start):
                yield candidate
            elif index >= self.header_lines and not self._merchant_block(page, index):
                yield candidate

    def _merchant_block(self, page: OcrPage, index: int) -> bool:
        """A postcode and town, a fax or a web address within two lines: the merchant's
        own contact block, wherever it is printed."""
        near = page.lines[max(0, index - 2):index] + page.lines[index + 1:index + 3]
        return any(MERCHANT_BLOCK.search(line.text) for line in near)

    def _customer_cue(self, page: OcrPage, index: int, start: int) -> bool:
        before = page.lines[index].text[:start]
        if index > 0:
            before = page.lines[index - 1].text + " " + before
        return bool(self._customer.search(before.casefold()))
