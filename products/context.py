"""What kind of receipt the items stand on: a restaurant's bill changes what food is."""
from __future__ import annotations

import re

from products.types import RESTAURANT

RESTAURANT_CUES = re.compile(
    r"\b(?:tip|tips|gratuity|server|table|tbl|guests?|covers|dine[ -]?in|take[ -]?out|"
    r"trinkgeld|tisch|bedienung|bewirtung|gedeck|kellner(?:in)?|restaurant|ristorante|"
    r"trattoria|pizzeria|bistro|cafe|café|tavern|grill|diner|brasserie|gaststätte|"
    r"gasthaus|gasthof|imbiss|sushi|burger)\b", re.IGNORECASE)
MIN_CUES = 2


def receipt_context(page_text: str) -> str | None:
    """``RESTAURANT`` when at least two restaurant words stand on the receipt (the name of a
    table, a server, a tip line, "Bewirtung"), else None."""
    return RESTAURANT if len(RESTAURANT_CUES.findall(page_text)) >= MIN_CUES else None
