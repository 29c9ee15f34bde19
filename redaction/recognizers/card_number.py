"""Payment card numbers: 13 to 19 digits, Luhn-checked, possibly split by OCR into words.

Scores (before context): Luhn-valid 15-19 digits 0.5, Luhn-valid 13-14 digits 0.3,
Luhn-invalid 15-19 digits 0.2 (an OCR misread of a real card: needs card words to count),
+0.1 for a usual issuer first digit (2-6), -0.2 for a 13-digit number that is a valid EAN-13.
Card words nearby add 0.35, order/barcode/phone words take 0.35 away; 0.5 is reported.
"""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.recognizers.checksums import ean13_valid, luhn_valid

# digit groups joined by single spaces or dashes; OCR words of one line are joined by spaces
DIGIT_RUN = re.compile(r"(?<![\d+])\d+(?:(?: ?- ?| )\d+)*(?!\d)")
DIGIT_GROUP = re.compile(r"\d+")

CARD_WORDS = (
    "card", "karte", "kartennr", "visa", "mastercard", "master card", "maestro", "amex",
    "american express", "girocard", "ec", "pan", "debit", "credit", "kredit", "v pay", "vpay",
    "diners", "discover", "jcb", "unionpay",
)
NOT_CARD_WORDS = (
    "order", "bestell", "auftrag", "ean", "gtin", "barcode", "artikel", "art-nr", "art.-nr",
    "artnr", "tracking", "sendung", "serien", "serial", "imei", "tse", "signatur", "iban",
    "tel", "telefon", "phone", "fon", "fax", "mobil",
)


# a date or a clock time on the line: a till's transaction line, not a card slip
DATE_OR_TIME = re.compile(r"(?<!\d)(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d{2})(?!\d)")


def number_score(digits: str) -> float:
    """Score of a 13-19 digit number from its own shape, before any context."""
    if digits[0] == "0":  # no card number starts with 0
        return 0.0
    long_enough = len(digits) >= 15
    if luhn_valid(digits):
        score = 0.5 if long_enough else 0.3
    else:
        score = 0.2 if long_enough else 0.0
    if digits[0] in "23456":
        score += 0.1
    if len(digits) == 13 and ean13_valid(digits):
        score -= 0.2
    return score


THIRTEEN_DIGITS = re.compile(r"\d(?:[ -]*\d){12}")


class CardNumberRecognizer(Recognizer):
    name = "card_number"
    category = "card_number"
    context_words = CARD_WORDS
    negative_words = NOT_CARD_WORDS

    def applies_to(self, page: OcrPage) -> bool:
        return bool(THIRTEEN_DIGITS.search(page.text))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        for run in DIGIT_RUN.finditer(text):
            groups = [(m.start() + run.start(), m.end() + run.start())
                      for m in DIGIT_GROUP.finditer(run.group())]
            if sum(end - start for start, end in groups) < 13:
                continue
            delta = self.context_delta(page, index, run.start(), run.end())
            if DATE_OR_TIME.search(text):
                delta -= self.negative_penalty
            yield from self._best_windows(text, groups, delta)

    def _best_windows(self, text: str, groups: list[tuple[int, int]],
                      delta: float) -> Iterator[Candidate]:
        """The best-scoring run of whole digit groups, then the best in what is left over."""
        best = None
        for first in range(len(groups)):
            digits = ""
            for last in range(first, len(groups)):
                digits += text[groups[last][0]:groups[last][1]]
                if len(digits) > 19:
                    break
                if len(digits) >= 13:
                    key = (number_score(digits), len(digits))
                    if best is None or key > best[0]:
                        best = (key, first, last)
        if best is None:
            return
        (score, _), first, last = best
        if delta <= 0 and any(end - start < 3 for start, end in groups[first:last + 1]):
            score -= 0.2  # digits scattered in ones and twos, and no card words: a barcode
        yield Candidate(groups[first][0], groups[last][1], score + delta)
        yield from self._best_windows(text, groups[:first], delta)
        yield from self._best_windows(text, groups[last + 1:], delta)
