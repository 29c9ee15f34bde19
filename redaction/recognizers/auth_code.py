"""Authorisation codes of a card payment ("Genehmigungs-Nr 5YSFAO", "Autor-Nr: LJCHFO",
"Auth code 123456", "APPR CODE 0A12B3"), on receipts that show card payment words.

The cue is taken as printed or as OCR garbles it (``redaction.fuzzy``: "Gerehmigungs-Nr.",
"Genehm i gungs-Nr", "Genehmi qungs- Nr,"); the code is the word after it (4 to 10 letters
and digits, also split in two by OCR, with a speck read before it or a garbled last sign
after it: "*74vx60", "60094)"), past a word or two of OCR noise, or alone on the next line
when the cue ends its line."""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.fuzzy import FuzzyCues
from redaction.recognizers.base import Candidate, Recognizer
from redaction.recognizers.card_number import CARD_WORDS
from redaction.text import NOISE_TOKEN, folded_text, lines_matching

CUES = FuzzyCues((
    "Genehmigungs-Nr", "Genehmigungsnummer", "Genehmigungscode", "Genehmigung",
    "Autorisierungs-Nr", "Autorisierungsnummer", "Autorisierungscode", "Autorisierung",
    "Autor-Nr", "Auth code", "Auth-Nr", "Authorisation code", "Authorization code",
    "Approval code", "Appr code",
), stems=("Genehmigung", "Autorisierung", "Autor-Nr", "Auth code", "Auth-Nr",
          "Authori", "Approval", "Appr code"))
GAP = re.compile(r"[\s:.,;#=|()\-]*")
CODE = re.compile(r"[*#'\"]?[A-Za-z0-9][A-Za-z0-9.]{1,9}(?: [A-Z0-9.]{1,6})?[^\s\w]{0,2}(?!\S)")
NOT_CODES = {"ERFOLGT", "GENEHMIGT", "APPROVED", "DECLINED", "OK", "NR", "NO", "CODE",
             "NUMMER", "ABGELEHNT", "ONLINE", "OFFLINE"}
NOISE_WORDS = 2  # OCR noise words skipped between a cue and its code


def code_shaped(value: str) -> bool:
    """4 to 10 letters and digits, not a word a terminal prints there ("erfolgt"); lower-case
    letters only with at least two digits (OCR lowers some letters of a code)."""
    alnum = [char for char in value if char.isalnum()]
    first = re.sub(r"[^\w]", "", value.split()[0]).upper()
    if not 4 <= len(alnum) <= 10 or first in NOT_CODES:
        return False
    digits = sum(char.isdigit() for char in alnum)
    return digits >= 2 or not any(char.islower() for char in alnum)


def code_after(text: str, start: int) -> tuple[int, int] | None:
    """The span of the code after position ``start`` of ``text`` (past noise words)."""
    position = GAP.match(text, start).end()
    for _ in range(NOISE_WORDS + 1):
        match = CODE.match(text, position)
        if match and code_shaped(match.group()):
            return match.span()
        word = re.match(r"\S+", text[position:])
        if not word or not NOISE_TOKEN.match(word.group()):
            return None
        position = GAP.match(text, position + word.end()).end()
    return None


def cues_in(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(CUES.find(text))


class AuthCodeRecognizer(Recognizer):
    name = "auth_code"
    category = "auth_code"
    score = 0.45  # reported only with card payment words on the receipt
    context_words = CARD_WORDS
    lines_before = 30

    def applies_to(self, page: OcrPage) -> bool:
        return bool(self._context.search(folded_text(page)))

    def lines_to_check(self, page: OcrPage) -> Iterable[int]:
        """Lines with a piece of a cue, and the line after each (a code below its cue)."""
        marked = lines_matching(CUES.pieces, folded_text(page))
        return sorted({i for line in marked for i in (line, line + 1) if i < len(page.lines)})

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        for _, cue_end in cues_in(text):
            span = code_after(text, cue_end)
            if span:
                yield self.candidate(page, index, *span)
        if index > 0:
            above = page.lines[index - 1].text
            cues = cues_in(above)
            if cues and not above[cues[-1][1]:].strip(" :.,;#=|-"):
                span = code_after(text, 0)
                if span and not text[span[1]:].strip():
                    yield self.candidate(page, index, *span)

    def candidate(self, page: OcrPage, index: int, start: int, end: int) -> Candidate:
        return Candidate(start, end, self.score + self.context_delta(page, index, start, end))
