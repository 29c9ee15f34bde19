"""A terminal-masked card number OCR read as letters: tesseract often makes "#" into "H" and
"*" into "K" or "X", so "PAN ############9165" comes out as "PAN HHPRRARRRHHHS 165" and
"Nr. ###########9165 0000" as "Nr. HHH 165 0000". After a card cue (PAN, Karte, Kartennr,
Card no; "Nr." only next to card payment words) the value is taken when it is mostly made of
the letters and signs masks are misread as; the last digits, if any, go with it. A line that
is nothing but such a mask and last digits counts too when card payment words stand just
above it (the cue may be misread as well).

The cue may be garbled too: "Kartennumner" (``redaction.fuzzy``), or any word beginning with
"Karte" ("Kartemmmer") before a long mask of ten signs or more. And a mask may come out as
one long word of lower-case letters before the last digits ("Nr. snaljnasanunsıch 000C"):
after a cue, a word of ten letters or more and a last group of digits (a few misread as O,
C, D) count as a mask too."""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.fuzzy import FuzzyCues
from redaction.recognizers.base import Candidate, Recognizer
from redaction.recognizers.card_number import CARD_WORDS, DATE_OR_TIME
from redaction.text import fold, folded_text, strip_noise

STRONG_CUE = r"pan|ka ?rte|kartennr|kartennummer|karten-nr|card|card ?no|card ?number"
CUE = re.compile(rf"(?<![\w-])(?:(?P<strong>{STRONG_CUE})|(?P<weak>nr|no)"
                 rf"|(?P<prefix>karte\w+))(?![\w-])[.:;,]?\s*")
GARBLED_CUE = FuzzyCues(("Kartennummer", "Karten-Nr"))
AFTER_CUE = re.compile(r"[.:;,?]?\s*")
LONG_MASK = 10  # signs of a mask after a cue that is only a word beginning with "Karte"
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
# a mask read as one long word, then the last digits (some misread as letters)
WORD_MASK = re.compile(r"[^\W\d_]{10,}\s+(?=[\dOCD]{3,5}$)(?:\d[\dOCD]*|[OCD]\d)[\dOCD]*$")
MISREAD = re.compile(r"[A-WYZ]")  # signs only, or X: the masked card recognizer's business
LONE_LETTER = re.compile(r"\s+[a-z]$")
LAST_DIGITS = re.compile(r"\d{3,4}(?:\s+[\dO]{3,4})?$")


class MisreadMaskRecognizer(Recognizer):
    name = "misread_mask"
    category = "card_number"
    score = 0.8
    lines_around = 3  # card payment words this many lines above make "Nr." a card cue

    def applies_to(self, page: OcrPage) -> bool:
        folded = folded_text(page)
        return bool(CUE.search(folded) or PAYMENT.search(folded))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        if not SIGNS_RUN.search(text) and not WORD_MASK.search(text):
            return
        for cue_end, kind in self.cues(text):
            start, end = strip_noise(text[cue_end:])
            lone = LONE_LETTER.search(text, cue_end + start, cue_end + end)
            end = lone.start() - cue_end if lone else end  # no house number here
            strong = kind != "weak"
            # the value may begin with specks read as words ("Nr. Waa ata HARIEHGO04 0000"):
            # the longest run of its last words that looks like a mask counts
            for word in re.finditer(r"\S+", text[cue_end + start:cue_end + end]):
                first = cue_end + start + word.start()
                value = text[first:cue_end + end]
                if kind == "prefix" and len(value.replace(" ", "")) < LONG_MASK:
                    break
                if ((mask_like(value, strong) or WORD_MASK.fullmatch(value))
                        and (strong or self.payment_nearby(page, index))):
                    yield Candidate(first, cue_end + end, self.score)
                    return
        # the cue itself misread: a whole line of mask (four or more of its likeliest
        # misreadings among them) and last digits, amid payment lines
        start, end = strip_noise(text)
        value = text[start:end]
        if (LAST_DIGITS.search(value) and len(value) >= 10 and MISREAD.search(value)
                and sum(char in STRICT_SIGNS for char in value) >= 4
                and mask_like(value, strong=False) and self.payment_nearby(page, index)):
            yield Candidate(start, end, self.score - 0.1)

    @staticmethod
    def cues(text: str) -> list[tuple[int, str]]:
        """Where each card cue on the line ends, and its kind: strong, weak ("Nr." only amid
        payment lines) or prefix (a word beginning with "Karte": only before a long mask)."""
        found = [(cue.end(), cue.lastgroup) for cue in CUE.finditer(fold(text))]
        for _, end in GARBLED_CUE.find(text):
            if all(end > cue_end or cue_end > end + 3 for cue_end, _ in found):
                found.append((AFTER_CUE.match(text, end).end(), "strong"))
        return sorted(found)

    def payment_nearby(self, page: OcrPage, index: int) -> bool:
        above = page.lines[max(0, index - self.lines_around):index + 1]
        return any(PAYMENT.search(fold(line.text)) for line in above)
