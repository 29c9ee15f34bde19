"""Well-known retail chains and the words that name a kind of shop."""
from __future__ import annotations

import re

from ocr.parse import vocabulary

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
# Slogans and company names chains print beside (or instead of) a logo, as letters only,
# lowercase: a receipt whose name is artwork still names the chain in one of these.
BRAND_ALIASES = {
    "respektwersselbermacht": "Toom", "toombaumarkt": "Toom",
    "esgibtimmerwaszutun": "Hornbach", "hornbachbaumarkt": "Hornbach",
    "wiewowasweissobi": "Obi", "hierbinichmenschhierkaufichein": "dm",
    "dmdrogeriemarkt": "dm", "meindrogeriemarkt": "Rossmann", "dirkrossmann": "Rossmann",
    "ichbindochnichtbloed": "MediaMarkt", "ichbindochnichtblöd": "MediaMarkt",
    "mediamarkt": "MediaMarkt", "einmalhinallesdrin": "Real", "lidllohntsich": "Lidl",
    "lidlvertriebs": "Lidl", "lidlplus": "Lidl", "aldisüd": "Aldi", "aldinord": "Aldi",
    "aldigmbh": "Aldi", "wirliebenlebensmittel": "Edeka", "kauflandwarenhandel": "Kaufland",
    "ikeadeutschland": "Ikea", "rollergmbh": "Roller", "thaliabücher": "Thalia",
    "mediasaturn": "Saturn", "saturnelectro": "Saturn", "pennymarkt": "Penny",
    "nettomarkendiscount": "Netto", "everylittlehelps": "Tesco",
}
BUSINESS_WORDS = vocabulary.BUSINESS  # words that name a kind of shop
# Where the chains above trade (those not named: Germany, Austria, Switzerland). A chain is
# matched one letter off, or by its slogans, only on receipts from its markets (or from
# nowhere in particular): "Tom" on a US receipt is no misread Toom.
GERMAN_SPEAKING = ("DE", "AT", "CH")
MARKETS = {
    "Aldi": GERMAN_SPEAKING + ("GB", "IE", "US", "AU", "FR", "ES", "IT", "NL", "BE"),
    "Lidl": GERMAN_SPEAKING + ("GB", "IE", "US", "FR", "ES", "IT", "NL", "BE", "PL"),
    "Tesco": ("GB", "IE"), "Sainsbury's": ("GB",), "Asda": ("GB",), "Waitrose": ("GB",),
    "Walmart": ("US", "CA"), "Costco": ("US", "CA", "GB", "AU"), "Kroger": ("US",),
    "Walgreens": ("US",), "Target": ("US", "AU"), "Carrefour": ("FR", "ES", "IT", "BE"),
    "Leclerc": ("FR",), "Auchan": ("FR",), "Spar": GERMAN_SPEAKING + ("GB", "NL", "IT", "IE"),
    "Ikea": GERMAN_SPEAKING + ("GB", "US", "FR", "ES", "IT", "NL", "AU", "MY", "SG"),
}


def trades_in(name: str, country: str | None) -> bool:
    return country is None or country in MARKETS.get(name, GERMAN_SPEAKING)


LOOKALIKE_LETTERS = {"1": "l", "0": "o", "5": "s"}  # digits read inside words ("A1di GmbH")
MIN_FUZZY_LENGTH = 4  # shorter brands ("dm", "obi") only match exactly
MIN_WORD_FUZZY_LENGTH = 7  # brands matched one letter off among other words on a line


def alias_brand(text: str, country: str | None = None) -> str | None:
    """The chain a slogan or company name on this line belongs to (letters compared only,
    a 1, 0 or 5 between letters read as l, o, s)."""
    text = re.sub(r"(?<=[a-zäöü])[105](?=[a-zäöü])",
                  lambda m: LOOKALIKE_LETTERS[m.group(0)], text.lower())
    letters = re.sub(r"[^a-zäöü]", "", text.replace("ß", "ss"))
    for alias, name in BRAND_ALIASES.items():
        if alias in letters and trades_in(name, country):
            return name
    # long brand names split by the engine: "Kauf land"
    return next((name for slug, name in KNOWN_BRANDS.items()
                 if len(slug) >= MIN_WORD_FUZZY_LENGTH and slug.replace(" ", "") in letters
                 and trades_in(name, country)), None)


def near_brand_word(text: str, country: str | None = None) -> str | None:
    """A long brand (``MIN_WORD_FUZZY_LENGTH`` letters or more) one letter off as a word of
    the line, or inside a web address: ``"Mirktkauf Lahr"``, ``"www.narktkauf-lehr.de"``."""
    for token in re.split(r"[^a-zäöüß]+", text.lower()):
        if len(token) < MIN_WORD_FUZZY_LENGTH - 1:
            continue
        for slug, name in KNOWN_BRANDS.items():
            if len(slug) >= MIN_WORD_FUZZY_LENGTH and " " not in slug \
                    and one_edit_apart(token, slug) and trades_in(name, country):
                return name
    return None


def near_brand(text: str, country: str | None = None) -> str | None:
    """A brand one letter off, when it stands alone on a line (``"LIDE"`` -> Lidl); a symbol
    between letters is a misread letter (``"L+DI"``). None when two brands are that near."""
    token = re.sub(r"(?<=[a-zäöüß])[^a-zäöüß\s](?=[a-zäöüß])", "?", text.lower())
    token = re.sub(r"[^a-zäöüß?]", "", token)
    if len(text.split()) != 1 or len(token) < MIN_FUZZY_LENGTH - 1:
        return None
    names = {name for slug, name in KNOWN_BRANDS.items()
             if len(slug) >= MIN_FUZZY_LENGTH and " " not in slug and one_edit_apart(token, slug)
             and trades_in(name, country)}
    return names.pop() if len(names) == 1 else None


def one_edit_apart(a: str, b: str) -> bool:
    """True when one substitution, insertion or deletion turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):  # "?" stands for any one letter
        return sum(x != y and "?" not in (x, y) for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
