"""IBANs: country code, check digits, up to 30 letters/digits in groups; mod-97 validated."""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.recognizers.checksums import iban_valid

# the check digits as OCR may read them: "DE51" as "DES51", "DE65" as "DES"
IBAN_SHAPE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[\dOSB]{1,3}(?: ?[A-Z0-9]{1,4}){3,8}"
                        r"(?![A-Za-z0-9])")

MIN_DIGITS = 10  # the shortest IBANs (Norway, 15 characters) hold 13 digits


class IbanRecognizer(Recognizer):
    name = "iban"
    category = "iban"
    context_words = ("iban", "konto", "account", "sepa", "lastschrift", "bic")
    valid_score = 0.9
    misread_score = 0.3  # the shape without a valid checksum: counts next to "IBAN" words

    def applies_to(self, page: OcrPage) -> bool:
        return bool(IBAN_SHAPE.search(page.text))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        for match in IBAN_SHAPE.finditer(text):
            value = match.group()
            if sum(char.isdigit() for char in value) < MIN_DIGITS:
                continue  # words in capitals ("ZUBEHOR SONSTIGES") have the shape too
            # trailing words (a currency, a name) may be caught by the shape: trim them off
            while len(value.replace(" ", "")) >= 15:
                if iban_valid(value[:2] + value[2:4].replace("O", "0") + value[4:]):
                    rest = match.group()[len(value):]  # digits left over are masked too
                    end = match.start() + len(value)
                    if any(char.isdigit() for char in rest):
                        end = match.end()
                    yield Candidate(match.start(), end, self.valid_score)
                    break
                value = value[:value.rfind(" ")] if " " in value else value[:-1]
            else:  # an OCR misread breaks the checksum: trust the shape next to IBAN words
                start, end = match.span()
                yield Candidate(start, end, self.misread_score
                                + self.context_delta(page, index, start, end))
