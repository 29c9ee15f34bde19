"""IBANs: country code, check digits, up to 30 letters/digits in groups; mod-97 validated."""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.recognizers.checksums import iban_valid

IBAN_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}(?![A-Za-z0-9])")


class IbanRecognizer(Recognizer):
    name = "iban"
    category = "iban"
    context_words = ("iban", "konto", "account", "sepa", "lastschrift", "bic")
    valid_score = 0.9

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        for match in IBAN_SHAPE.finditer(text):
            value = match.group()
            # trailing words (a currency, a name) may be caught by the shape: trim them off
            while len(value.replace(" ", "")) >= 15:
                if iban_valid(value):
                    yield Candidate(match.start(), match.start() + len(value), self.valid_score)
                    break
                value = value[:value.rfind(" ")] if " " in value else value[:-1]
