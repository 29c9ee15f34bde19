"""A terminal-masked card number OCR read as letters: tesseract often makes "#" into "H" and
"*" into "K" or "X", so "PAN ############9165" comes out as "PAN HHPRRARRRHHHS 165" and
"Nr. ###########9165 0000" as "Nr. HHH 165 0000". After a card cue (PAN, Karte, Kartennr,
Card no; "Nr." only next to card payment words) the value is taken when it is mostly made of
the letters and signs masks are misread as; the last digits, if any, go with it. A line that
is nothing but such a mask and last digits counts too when card payment words stand just
above it (the cue may be misread as well)."""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.recognizers.card_number import CARD_WORDS, DATE_OR_TIME
from redaction.text import fold, strip_noise

STRONG_CUE = r"pan|ka ?rte|kartennr|kartennummer|karten-nr|card|card ?no|card ?number"
CUE = re.compile(rf"(?<![\w-])(?:(?P<strong>{STRONG_CUE})|(?P<weak>nr|no))(?![\w-])[.:;,]?\s*")
MASK_SIGNS = set("#*•xXHKRAMNWEBSOQ0:;!()<>+-_.,'\"|")
STRICT_SIGNS = set("#*•xXHK")
PAYMENT_WORDS = ("kartenzahlung", "kontaktlos", "contactless", "zahlung", "payment", *CARD_WORDS)
PAYMENT = re.compile("|".join(re.escape(word) for word in PAYMENT_WORDS))


def mask_like(value: str, strong: bool = True) -> bool:
    """Mostly signs and letters a mask is misread as (a few digits OCR put among them aside):
    six or more characters before the last digits, at least three not digits; or three to
    five before last digits, after a weak cue two of them the likeliest misreadings ("#" as
    "H", "*" as "K")."""
    head = re.sub(r"[\d\s]+$", "", value)
    signs = [char for char in head if not char.isspace() and not char.isdigit()]
    digits = sum(char.isdigit() for char in head)
    if len(signs) < 3 or digits > len(signs) / 2 or DATE_OR_TIME.search(value):
        return False  # a date, a time, a number with a letter or two: not a mask
    if len(head.replace(" ", "")) < 6:
        strict = sum(char in STRICT_SIGNS for char in signs)
        return (head != value and (strong or strict >= 2)
                and sum(char in MASK_SIGNS for char in signs) >= 0.75 * len(signs))
    return sum(char in MASK_SIGNS for char in signs) >= 0.75 * len(signs)


SIGNS_RUN = re.compile(r"(?:[#*•xXHKRAMNWEBSOQ] ?){3}")  # a cheap first test of a line
MISREAD = re.compile(r"[A-WYZ]")  # signs only, or X: the masked card recognizer's business
LONE_LETTER = re.compile(r"\s+[a-z]$")
LAST_DIGITS = re.compile(r"\d{3,4}(?:\s+[\dO]{3,4})?$")


class MisreadMaskRecognizer(Recognizer):
    name = "misread_mask"
    category = "card_number"
    score = 0.8
    lines_around = 3  # card payment words this many lines above make "Nr." a card cue

    def applies_to(self, page: OcrPage) -> bool:
        folded = fold(page.text)
        return bool(CUE.search(folded) or PAYMENT.search(folded))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        if not SIGNS_RUN.search(text):
            return
        for cue in CUE.finditer(fold(text)):
            start, end = strip_noise(text[cue.end():])
            lone = LONE_LETTER.search(text, cue.end() + start, cue.end() + end)
            end = lone.start() - cue.end() if lone else end  # no house number here
            strong = bool(cue.group("strong"))
            # the value may begin with specks read as words ("Nr. Waa ata HARIEHGO04 0000"):
            # the longest run of its last words that looks like a mask counts
            for word in re.finditer(r"\S+", text[cue.end() + start:cue.end() + end]):
                first = cue.end() + start + word.start()
                value = text[first:cue.end() + end]
                if mask_like(value, strong) and (strong or self.payment_nearby(page, index)):
                    yield Candidate(first, cue.end() + end, self.score)
                    return
        # the cue itself misread: a whole line of mask (four or more of its likeliest
        # misreadings among them) and last digits, amid payment lines
        start, end = strip_noise(text)
        value = text[start:end]
        if (LAST_DIGITS.search(value) and len(value) >= 10 and MISREAD.search(value)
                and sum(char in STRICT_SIGNS for char in value) >= 4
                and mask_like(value, strong=False) and self.payment_nearby(page, index)):
            yield Candidate(start, end, self.score - 0.1)

    def payment_nearby(self, page: OcrPage, index: int) -> bool:
        above = page.lines[max(0, index - self.lines_around):index + 1]
        return any(PAYMENT.search(fold(line.text)) for line in above)
