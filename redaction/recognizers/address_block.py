"""A customer's address whose cue OCR lost ("Lieferadresse:" read as noise, or not at all):
a person's name, a street with a house number and a postcode with a town on three lines in a
row, below the first priced line. The structure is the evidence: the merchant's own address
stands in the header, above any price, and under a shop name rather than a person's."""
from __future__ import annotations

import re

from ocr.types import OcrPage, ParsedReceipt
from redaction.findings import Finding, span_boxes
from redaction.recognizers.address import HOUSE, STREET, TOWN
from redaction.recognizers.base import Recognizer
from redaction.text import fold, strip_noise

PRICED = re.compile(r"\d+[.,]\d{2}\b")
PERSON = re.compile(r"^(?:(?:frau|herr|mr|mrs|ms|dr)\.?\s+)?[A-ZÄÖÜ][a-zäöüßéè'-]+"
                    r"(?:\s+[A-ZÄÖÜ][a-zäöüßéè'-]+){1,2}$")
NOT_PEOPLE = re.compile(r"(?<![^\W_])(?:gmbh|ag|kg|ohg|markt|filiale|center|zentrale|service"
                        r"|team|dank|thank|kasse|summe|total|eur|apotheke|tankstelle|shop"
                        r"|store|ihr|ihre|your)(?![^\W_])")


def clean(text: str) -> str:
    start, end = strip_noise(text)
    return text[start:end]


def person_like(text: str) -> bool:
    return bool(PERSON.match(text)) and not NOT_PEOPLE.search(fold(text))


def street_like(text: str) -> bool:
    return bool(STREET.search(text) or HOUSE.match(text)) and not PRICED.search(text)


def town_like(text: str) -> bool:
    return bool(TOWN.search(text)) and not PRICED.search(text)


class AddressBlockRecognizer(Recognizer):
    name = "address_block"
    category = "address"
    score = 0.75

    def applies_to(self, page: OcrPage) -> bool:
        return bool(TOWN.search(page.text))

    def analyze(self, page: OcrPage, parsed: ParsedReceipt | None = None) -> list[Finding]:
        if not self.applies_to(page):
            return []
        return [Finding(self.category, self.name, index, 0, len(page.lines[index].text),
                        self.score, span_boxes(page.lines[index], 0, len(page.lines[index].text)))
                for index in sorted(self.blocks(page))]

    def blocks(self, page: OcrPage) -> set[int]:
        """Indexes of lines in a name / street / town block below the first priced line."""
        texts = [line.text for line in page.lines]
        first_price = next((i for i, text in enumerate(texts) if PRICED.search(text)), None)
        if first_price is None:
            return set()
        found: set[int] = set()
        for index in range(first_price + 1, len(texts) - 2):
            if not TOWN.search(texts[index + 2]):  # the cheap test first
                continue
            name, street, town = (clean(text) for text in texts[index:index + 3])
            if person_like(name) and street_like(street) and town_like(town):
                found.update((index, index + 1, index + 2))
        return found
