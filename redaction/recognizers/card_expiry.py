"""Card expiry dates after an expiry cue ("Gültig bis 12/27", "EXP 03/2028", "valid thru"),
and, on receipts with card payment words, any month and year after "bis" ("sültig bis 12/22",
"sill tig bis 12/22": the cue garbled by OCR, its "bis" and the date read)."""
from __future__ import annotations

import re
from typing import Iterable

from ocr.types import OcrPage
from redaction.recognizers.card_number import CARD_WORDS
from redaction.recognizers.cued_value import CuedValueRecognizer
from redaction.text import lines_matching

# a month and a year, not the start of a longer date ("bis 12.05.2024" is a day and month)
MONTH_YEAR = r"(?:0[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2}(?![\d]|[./-]\d)"


class CardExpiryRecognizer(CuedValueRecognizer):
    name = "card_expiry"
    category = "card_expiry"
    cue = (r"(?<![^\W_])(?:exp(?:iry|ires|iration)?(?:\s*date)?|valid\s*(?:thru|through|until)"
           r"|good\s*thru|gu(?:e)?ltig\s*bis|ablauf(?:datum)?|verfall(?:sdatum|datum)?"
           r"|karte\s*gu(?:e)?ltig"
           r"|mm/jj|mm/yy)(?![^\W_])")
    value = MONTH_YEAR
    score = 0.85


class ExpiryAfterBisRecognizer(CuedValueRecognizer):
    name = "card_expiry_bis"
    category = "card_expiry"
    cue = r"(?<![^\W_])bis(?![^\W_])"
    value = r"(?:0[1-9]|1[0-2])/(?:20)?\d{2}(?![\d/.-])"  # with a slash only, as cards print it
    score = 0.45  # reported only with card payment words on the receipt
    context_words = CARD_WORDS
    lines_before = 30
    page_test = re.compile(r"(?<![^\W_])bis[\s:.,;#=-]*(?:0[1-9]|1[0-2])/")

    def applies_to(self, page: OcrPage) -> bool:
        return bool(self.page_test.search(page.text.lower()))

    def lines_to_check(self, page: OcrPage) -> Iterable[int]:
        """Lines with "bis" and a month, and the line after each."""
        marked = lines_matching(self.page_test, page.text.lower())
        return sorted({i for line in marked for i in (line, line + 1) if i < len(page.lines)})
