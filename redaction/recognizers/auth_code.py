"""Authorisation codes of a card payment ("Genehmigungs-Nr 5YSFAO", "Autor-Nr: LJCHFO",
"Auth code 123456"). Reported when the receipt also shows card payment words."""
from __future__ import annotations

from redaction.recognizers.card_number import CARD_WORDS
from redaction.recognizers.cued_value import CuedValueRecognizer

NOT_CODES = {"ERFOLGT", "GENEHMIGT", "APPROVED", "DECLINED", "OK", "NR", "NO", "CODE"}


class AuthCodeRecognizer(CuedValueRecognizer):
    name = "auth_code"
    category = "auth_code"
    cue = (r"genehmi\S*\s?\S*(?:nr|nummer|code|-n(?![a-z]))|genehmigung"
           r"|autor(?:isierungs)?[\w.]*[- ]?nr"
           r"|autorisierungsnummer|auth(?:ori[sz]ation)?\.?\s*(?:code|no|nr|#)|approval\s*code"
           r"|appr\.?\s*code")
    value = r"[A-Z0-9][A-Z0-9.]{1,9}(?: [A-Z0-9.]{1,6})?(?![\w])"  # OCR may split a code
    score = 0.45
    context_words = CARD_WORDS
    lines_before = 30

    def accept(self, value: str) -> bool:
        return (4 <= sum(char.isalnum() for char in value) <= 10
                and value.split()[0].strip(".") not in NOT_CODES)
