"""Customer addresses on delivery and invoice receipts: the lines after an address cue
("Lieferadresse:", "Deliver to", "Rechnungsanschrift") while they look like a name, a street
or a postcode and town; text after the cue on its own line too. The merchant's own address in
the header has no such cue and is left alone. Without a readable cue, ``address_block`` finds
a name, street and town standing together below the items."""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer
from redaction.text import fold, folded_text, strip_noise

CUE = re.compile(r"(?<![^\W_])(?:liefer(?:adresse|anschrift|ung an)|liefern an|lieferung\s*an"
                 r"|rechnungs(?:adresse|anschrift|empfa(?:e)?nger)|kunden(?:adresse|anschrift)"
                 r"|empfa(?:e)?nger|anschrift|delivery address|deliver to|delivered to"
                 r"|ship(?:ping)? to"
                 r"|shipping address|billing address|bill to|customer address|address)"
                 r"\s*[:.]?\s*")
STREET = re.compile(r"(?:[A-ZÄÖÜ][\wäöüß. -]*?(?:str(?:a(?:ss|ß)e|\.)?|weg|allee|gasse|platz"
                    r"|ring|damm|ufer|chaussee)\s*\d+\s?[a-z]?\b|\d+[a-z]?\s+[A-Z][\w ]+\s(?:street"
                    r"|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|court|ct)\b\.?)",
                    re.IGNORECASE)
TOWN = re.compile(r"(?:\b\d{5}\s+[A-ZÄÖÜ][\wäöüß-]+|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"
                  r"|[A-Z][a-z]+,\s*[A-Z]{2}\s+\d{5})")
NAME = re.compile(r"^(?:(?:frau|herr|mr|mrs|ms)\.?\s+)?[A-ZÄÖÜ][\wäöüß'-]+"
                  r"(?:\s+[A-ZÄÖÜ][\wäöüß'-]+)"
                  r"{1,2}$", re.IGNORECASE)
HOUSE = re.compile(r"^[A-ZÄÖÜ][\wäöüß. -]{2,40}\s\d{1,4}\s?[a-zA-Z]?$")  # "Am Markt 21"
PRICE = re.compile(r"\d+[.,]\d{2}\s*(?:€|eur|[a-c])?\s*$", re.IGNORECASE)


def address_like(text: str, right_after_cue: bool = False) -> bool:
    """A street, a house number or a postcode and town; a name only right after the cue.
    OCR noise before and after the words ("_ Jonas Meier", "Mill Lane 2 ee") is ignored."""
    start, end = strip_noise(text)
    text = text[start:end]
    if not text or PRICE.search(text):
        return False
    return bool(STREET.search(text) or TOWN.search(text) or HOUSE.match(text)
                or (right_after_cue and NAME.match(text)))


class AddressRecognizer(Recognizer):
    name = "address"
    category = "address"
    score = 0.8
    follow_lines = 4  # at most this many lines after the cue

    def applies_to(self, page: OcrPage) -> bool:
        return bool(CUE.search(folded_text(page)))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        cue = CUE.search(fold(text))
        if cue and cue.end() < len(text) and address_like(text[cue.end():], True):
            yield Candidate(cue.end(), len(text), self.score)
        elif not cue and self._after_cue(page, index):
            yield Candidate(0, len(text), self.score)

    def _after_cue(self, page: OcrPage, index: int) -> bool:
        """True when a cue is on one of the lines above and every line since is address-like."""
        for above in range(index - 1, max(-1, index - 1 - self.follow_lines), -1):
            right_after_cue = bool(CUE.search(fold(page.lines[above].text)))
            if not address_like(page.lines[above + 1].text, right_after_cue):
                return False
            if CUE.search(fold(page.lines[above].text)):
                return True
        return False
