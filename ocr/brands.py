"""Well-known retail chains and the words that name a kind of shop."""
from __future__ import annotations

import re

# Lowercase slugs (Germany, UK, US, France) -> display names; matched as whole words or
# inside a web address, on text with letter-spacing ("A L D I") collapsed.
KNOWN_BRANDS = {
    "aldi": "Aldi", "lidl": "Lidl", "rewe": "Rewe", "edeka": "Edeka", "penny": "Penny",
    "netto": "Netto", "kaufland": "Kaufland", "real": "Real", "marktkauf": "Marktkauf",
    "globus": "Globus", "norma": "Norma", "tegut": "Tegut", "dm": "dm", "rossmann": "Rossmann",
    "müller": "Müller", "ikea": "Ikea", "hornbach": "Hornbach", "obi": "Obi", "toom": "Toom",
    "bauhaus": "Bauhaus", "roller": "Roller", "saturn": "Saturn", "mediamarkt": "MediaMarkt",
    "media markt": "MediaMarkt", "thalia": "Thalia", "tesco": "Tesco", "sainsbury": "Sainsbury's",
    "asda": "Asda", "waitrose": "Waitrose", "walmart": "Walmart", "carrefour": "Carrefour",
    "costco": "Costco", "kroger": "Kroger", "walgreens": "Walgreens", "target": "Target",
    "leclerc": "Leclerc", "auchan": "Auchan", "migros": "Migros", "spar": "Spar",
}
BUSINESS_WORDS = re.compile(
    r"apotheke|tankstelle|bäckerei|baeckerei|metzgerei|markt|pharmacy|bakery|café|cafe|"
    r"restaurant|pharmacie|boulangerie|supermarket|grocer|kiosk|drogerie", re.IGNORECASE)
MIN_FUZZY_LENGTH = 4  # shorter brands ("dm", "obi") only match exactly


def near_brand(text: str) -> str | None:
    """A brand one letter off, when it stands alone on a line (``"LIDE"`` -> Lidl)."""
    token = re.sub(r"[^a-zäöüß]", "", text.lower())
    if len(text.split()) != 1 or len(token) < MIN_FUZZY_LENGTH - 1:
        return None
    for slug, name in KNOWN_BRANDS.items():
        if len(slug) >= MIN_FUZZY_LENGTH and " " not in slug and one_edit_apart(token, slug):
            return name
    return None


def one_edit_apart(a: str, b: str) -> bool:
    """True when one substitution, insertion or deletion turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
