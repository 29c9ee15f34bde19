"""Names of people: after a cue ("Es bediente Sie", "Kunde:", "Cashier", ...) on the same line
or, when the cue ends its line, on the next line; and after a title ("Frau", "Herr", "Mr").

Only the name is the finding (masked by default), never the cue.
"""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.text import fold, folded_text, term_pattern, word_list

TITLE = r"(?:frau|herr|hr\.|fr\.|mr\.?|mrs\.?|ms\.?|miss|dr\.?)"
NAME_WORD = r"[A-ZÄÖÜ][a-zäöüßéèA-ZÄÖÜ'-]+"
NOT_NAMES = frozenset(fold(w) for w in (
    "karte", "card", "kopie", "copy", "beleg", "nummer", "number", "nr", "no", "id", "punkte",
    "points", "savings", "price", "preis", "rabatt", "discount", "vielen", "dank", "thank",
    "sie", "you", "und", "and", "der", "die", "das", "total", "summe", "datum", "date", "kasse",
    "bon", "uhr", "mwst", "eur", "antje"))


def cue_regex() -> tuple[re.Pattern, re.Pattern]:
    """(cues that need no colon, cues that need one), each matching at a word start."""
    cues = word_list("person_cues")
    free = sorted((c for c in cues if not c.endswith(":")), key=len, reverse=True)
    colon = sorted((c[:-1] for c in cues if c.endswith(":")), key=len, reverse=True)
    free_alt = "|".join(term_pattern(c) for c in free)
    colon_alt = "|".join(term_pattern(c) for c in colon)
    return (re.compile(rf"(?<![^\W_])(?:{free_alt})(?![^\W_])\s*[:.]?\s*"),
            re.compile(rf"(?<![^\W_])(?:{colon_alt})\s*:\s*"))


class PersonNameRecognizer(Recognizer):
    name = "person_name"
    category = "person_name"
    cue_score = 0.8
    title_score = 0.6

    def __init__(self) -> None:
        super().__init__()
        self._free_cue, self._colon_cue = cue_regex()
        self._titled = re.compile(rf"(?<![\w.])(?i:{TITLE})\s+(?:{NAME_WORD}\s*){{1,3}}")
        self._title = re.compile(rf"^{TITLE}\s+", re.IGNORECASE)
        self._name = re.compile(rf"(?:{TITLE}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}")

    def applies_to(self, page: OcrPage) -> bool:
        folded = folded_text(page)
        return bool(self._free_cue.search(folded) or self._colon_cue.search(folded)
                    or self._titled.search(page.text))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        folded = fold(text)
        found = False
        for cue in (*self._free_cue.finditer(folded), *self._colon_cue.finditer(folded)):
            span = self.name_after(text, cue.end())
            if span:
                found = True
                yield Candidate(*span, self.cue_score)
        if not found and index > 0 and self.cue_ends_line(page.lines[index - 1].text):
            span = self.name_after(text, 0, whole_line=True)
            if span:
                found = True
                yield Candidate(*span, self.cue_score)
        if not found:
            for match in self._titled.finditer(text):
                span = self.trim(text, match.start(), match.end())
                if span:
                    yield Candidate(*span, self.title_score)

    def cue_ends_line(self, text: str) -> bool:
        folded = fold(text).rstrip()
        return any(match.end() >= len(folded) for pattern in (self._free_cue, self._colon_cue)
                   for match in pattern.finditer(folded))

    def name_after(self, text: str, start: int,
                   whole_line: bool = False) -> tuple[int, int] | None:
        rest = text[start:]
        title = self._title.match(rest)
        if title:  # after a title any word is a name, even one OCR read in lower case
            words = re.match(r"[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}", rest[title.end():])
            end = title.end() + words.end() if words else 0
        else:
            match = self._name.match(rest)
            end = match.end() if match else 0
        if not end or (whole_line and rest[end:].strip()):
            return None
        return self.trim(text, start, start + end)

    def trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span without trailing non-name words; None if no name word is left."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and fold(words[-1].group().strip(".:,")) in NOT_NAMES:
            words.pop()
        names = [w for w in words if not self._title.match(w.group() + " ")]
        if not names:
            return None
        return start + words[0].start(), start + words[-1].end()
