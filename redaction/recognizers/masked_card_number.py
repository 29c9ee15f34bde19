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
                r"(?<![\w*#•])(?:\d{1,6}[ -]?){0,2}(?:[*xX#•]{2,}[ -]?)+\d{1,4}(?!\d)", 0.85, 0),
    )
    context_words = CARD_WORDS

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        masked = sum(char in MASK_CHARS for char in text)
        shown = sum(char.isdigit() for char in text)
        if masked < 4 or not 8 <= masked + shown <= 19:
            return None
        # 12+ characters look like a whole card number; shorter ones need card words nearby
        return pattern.score if masked + shown >= 12 else 0.45
