"""Loyalty, customer and member numbers after a cue ("PAYBACK-Nr. 3081 2345 6789",
"Kundennummer: 123456", "Member ID ****1234"): six or more digits or mask characters."""
from __future__ import annotations

from redaction.recognizers.cued_value import CuedValueRecognizer


class LoyaltyIdRecognizer(CuedValueRecognizer):
    name = "loyalty_id"
    category = "loyalty_id"
    cue = (r"(?<![^\W_])(?:payback|deutschlandcard|kunden[- ]?(?:nr|nummer|karte|konto|id)"
           r"|mitglieds?[- ]?(?:nr|nummer|karte|id)|member(?:ship)?\s*(?:id|no|nr|number|#)"
           r"|loyalty|clubcard|club\s*card|rewards?\s*(?:no|id|number|card|#)|bonuskarte"
           r"|treuekarte|customer\s*(?:id|no|number|#)|account\s*(?:id|#))"
           r"(?:[- ]?(?:karte|card|nr|nummer|no|number|id|konto))?\.?")
    value = r"(?=(?:[\d*xX#•][ -]?){6,})[\d*xX#•]+(?:[ -][\d*xX#•]+)*(?![\w])"
    score = 0.8

    def accept(self, value: str) -> bool:
        return sum(char.isdigit() for char in value) >= 2
