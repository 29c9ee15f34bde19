"""Card numbers a terminal already masked: ``**** **** **** 1234``, ``XXXXXXXXXXXX1234``,
``411111******1234``. They are findings too, so what stays visible is at most the last 4
digits (operators mask the whole span)."""
from __future__ import annotations

from redaction.recognizers.base import Pattern, Recognizer
from redaction.recognizers.card_number import CARD_WORDS

MASK_CHARS = "*xX#•"


class MaskedCardNumberRecognizer(Recognizer):
    name = "masked_card_number"
    category = "card_number"
    patterns = (
        Pattern("masked_card",
                r"(?<![\w*#•])(?:\d{1,6}[ -]?){0,2}(?:[*xX#•]+[ :(-]?)+\d{1,5}(?!\d)", 0.85, 0),
        # OCR often reads a row of stars as letters ("**** **** **** 1234" as "KK KKK KK 1234")
        Pattern("misread_mask", r"(?<!\w)(?:[*xXkKARHMNW#•]{2,4} ?){3,4}\d{4}(?!\d)", 0.45, 0),
        # ... or as any letters: a card word, then short junk, then the last four digits
        Pattern("card_line", r"^(?:karte|card|kartennr|karten-nr|card no|pan)\.?\s*:?\s+"
                r"(?:\S{1,6}\s+){2,10}\d{4}\s*$", 0.6),
    )
    context_words = CARD_WORDS

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        if pattern.name == "card_line" and sum(
                not token.isdigit() for token in text.split()[1:-1]) < 2:
            return None  # digits, not a mask: the card number recognizer's business
        if pattern.name in ("misread_mask", "card_line"):
            return pattern.score  # reported only next to card words
        masked = sum(char in MASK_CHARS for char in text)
        shown = sum(char.isdigit() for char in text)
        if masked < 4 or not 8 <= masked + shown <= 20:
            return None
        # 12+ characters look like a whole card number; shorter ones need card words nearby
        return pattern.score if masked + shown >= 12 else 0.45
