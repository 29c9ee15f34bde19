"""Bank account numbers after an account cue ("Konto-Nr. 1234567890", "Account no 12345678",
"Kto ****5678"), also a masked one OCR read as letters ("Kto, HESS 77" for "#1#+#44577"),
and IBANs a terminal already masked ("DE12 **** **** **** 1234")."""
from __future__ import annotations

from redaction.recognizers.base import Pattern, Recognizer
from redaction.recognizers.cued_value import CuedValueRecognizer
from redaction.recognizers.misread_mask import mask_like
from redaction.text import strip_noise


class BankAccountRecognizer(CuedValueRecognizer):
    name = "bank_account"
    category = "bank_account"
    cue = (r"(?<![^\W_])(?:konto[- ]?(?:nr|nummer)|kontonummer|kto[- .]*(?:nr)?|account\s*"
           r"(?:no|nr|number|#)|acct\.?\s*(?:no|#)?|a/c(?:\s*no)?|bankverbindung)(?![^\W_])")
    value = r"(?=(?:[\d*xX#+][ -]?){6,})[\d*xX#+]+(?:[ -][\d*xX#+]+)*(?![\w])"
    score = 0.85

    def accept(self, value: str) -> bool:
        return sum(char.isdigit() for char in value) >= 2

    def value_end(self, text: str, start: int) -> int | None:
        """The number, or the rest of the line when it reads as a misread mask."""
        end = super().value_end(text, start)
        if end is not None:
            return end
        first, last = strip_noise(text[start:])
        value = text[start + first:start + last]
        if first == 0 and len(value.replace(" ", "")) >= 4 and mask_like(value):
            return start + last
        return None


class MaskedIbanRecognizer(Recognizer):
    name = "masked_iban"
    category = "iban"
    patterns = (Pattern("masked_iban", r"(?<![A-Za-z0-9])(?![Xx]{2})[A-Z]{2}[\d*xX#]{2}"
                        r"(?:[ ]?[\d*xX#]{1,4})"
                        r"{3,8}(?![\w*#])", 0.85, 0),)

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        masked = sum(char in "*xX#" for char in text[2:])
        return pattern.score if masked >= 4 and sum(c.isdigit() for c in text) >= 2 else None
