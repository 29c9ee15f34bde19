"""Item text -> COICOP 2018 class, brand and sensitive meanings.

Every phrase and word of the line that the lexicon knows votes for its class, weighted by how
it was found (as printed counts most, one letter wrong least), by its source (the project's
own lists over Open Food Facts over medicine names) and by its length in words. The class
with most votes wins if it holds most of them; if the votes split between classes of one
division, the division is given instead; if nothing is known, the item stays unknown with
confidence 0.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from products import organisations
from products.coicop import division_of, title
from products.context import is_shop_class, says_pharmacy
from products.lexicon import MAX_PHRASE, MEDICINES, ORDINARY, Lexicon, lexicon
from products.meaning import (
    CLASS_SIGNALS,
    HEALTH_CARE,
    HEALTH_CONDITION,
    MEDICAL_DEVICE,
    MEDICINE,
    PHARMACY_ITEM,
    SEXUAL_WELLNESS,
    signal_class,
    signals_for,
)
from products.parts import (
    PET_CLASSES,
    health_parts,
    is_form,
    may_matter,
    medicine_only,
    plain_modifier,
)
from products.text import LINKING, tokens
from products.types import PHARMACY, RESTAURANT, Product

FOUND_WEIGHT = {"exact": 1.0, "ending": 0.95, "head": 0.9, "start": 0.5, "cut": 0.55,
                "fuzzy": 0.6, "abbrev": 0.5}
FIRST_BONUS = 1.15     # the first word known: receipts print the product before its kind
PHRASE_BONUS = 0.6     # each further word of a phrase adds this much to its vote
CLASS_SHARE = 0.5      # the winning class holds at least this share of the votes ...
DIVISION_SHARE = 0.6   # ... or else its division this share, and the division is given
MAX_CONFIDENCE = 0.97
RESTAURANT_CLASS = "11.1.1"
SERVED = ("01", "02.1")  # food and drink: served at a restaurant, they are 11.1.1
FOOD = "01"
FOOD_AND_DRINK = ("01", "02.1")
FRUIT = "01.1.6"
PHRASE = 1.5           # a vote this strong holds a phrase of two words or more
NAMED = 0.75           # a vote this strong for something other than food ...
FLAVOUR = 0.35         # ... makes the food words of the line count this much
SENSITIVE_CLASSES = tuple(CLASS_SIGNALS)
SIGNAL_KINDS = {"exact", "ending", "head"}
MIN_SIGNAL_CUT = 6     # a cut-off word counts for a sensitive meaning from this length,
SIGNAL_CUT_SHARE = 0.65  # keeping this share of the word
MIN_SIGNAL_FUZZY = 8   # the same for a word with one letter wrong
MIN_SIGNAL_PART = 6    # a sensitive word at the start of a compound ("diabetikerschokolade")
PARTIES_AND_UNIONS = "14.6.2"
PET_PRODUCTS = "09.3.2"
HEALTH_SIGNALS = {MEDICINE, MEDICAL_DEVICE, HEALTH_CONDITION, HEALTH_CARE}
GUESS = 0.45           # the votes of abbreviations alone: a guess, under half sure
SIGNAL_CONFIDENCE = 0.5  # the class a sensitive word tells when nothing else tells one
PARTS_VOTE = 1.5       # a medicine named by its parts ("Hustenloeser") outvotes its head's class
PHARMACY_SURE = 0.5    # at a pharmacy, an item known with less confidence than this is health
PHARMACY_CLASS = "06"  # what an item of a pharmacy is when nothing else tells
SHOP_GUESS = 0.3       # an item nothing tells, of a shop that sells mostly one class
# A medicine's strength printed with it ("240MG", "1,5MG", "50 mcg", "1000 I.E."): an item
# nothing else on its line tells is then a guessed medicine (a supplement, "MAGNESIUM
# 400MG", is known by its name); OCR may read its zeros as O's ("5OOMG")
STRENGTH = re.compile(r"(?<![a-z])\d[\do]*(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|i\.?e\.?|i\.?u\.?)(?![a-z])",
                      re.IGNORECASE)
# ... or its count of a form only medicines come in, as pharmacies print it: capsules,
# tablets, dragées, suppositories ("30KPS", "20 TABL", "16 GLES", "20 CPR", "10 SUPP"; not
# "tabs" nor "caps", which dishwasher tablets and coffee come in too)
DOSE_UNITS = ("kps", "kaps", "tbl", "tabl", "drg", "supp", "zpf", "cpr", "cprs", "cps", "gles",
              "compr", "filmtabl", "ftbl")
DOSES = re.compile(rf"(?<![a-z])\d+\s?(?:{'|'.join(DOSE_UNITS)})\.?(?![a-z])", re.IGNORECASE)
# ... or its cycles of 21 or 28 tablets, one, three or six to a box, as the pill is sold
# ("3X21", "6 x 28"): a contraceptive
CYCLES = re.compile(r"(?<![\d.,])[136]\s?x\s?(?:21|28)(?![\d.,]|\s?(?:cm|mm|m|g|kg|ml|cl|l)\b)",
                    re.IGNORECASE)
# ... or its count of tablets, capsules or caplets where nothing on the line says what they
# are ("MAXIGESIC 24 TABS", "D0LO 650 TAB 15S", "TREUPEL COMPRIMES 20"): dishwasher tablets
# and coffee capsules are mostly named by their kind or a brand the lexicon knows
PACK_UNITS = ("tab", "tabs", "tablet", "tablets", "caps", "capsules", "caplets", "comp",
              "comprimes", "comprimido", "comprimidos", "compresse", "capsulas", "gelules",
              "doses", "sprays", "spr")  # a spray counted in doses is a medicine's ("60SPR")
_PACK = "|".join(PACK_UNITS)
PACKS = re.compile(rf"(?<![a-z])(?:\d+\s?(?:{_PACK})\.?(?![a-z])|(?:{_PACK})\.?\s?\d+s?(?![\d.,a-z]))",
                   re.IGNORECASE)
# ... or its release before its strength ("GLYCOMET SR 500", "TEGRETOL XR 200": sustained,
# extended, modified release), which only medicines are made in (not "CR", a battery's
# "CR2032")
RELEASES = ("sr", "xr", "er", "mr")
RELEASE = re.compile(rf"(?<![a-z])(?:{'|'.join(RELEASES)})\s?\d{{2,4}}(?![\d.,a-z])",
                     re.IGNORECASE)
# ... or one tablet of levonorgestrel 1.5 mg, or two of 0.75 mg: the emergency pill as it is
# sold everywhere (WHO), a contraceptive
EMERGENCY_PILL = re.compile(r"(?<![\d.,])(?:1[.,]5|0?[.,]75)\s?mg(?![a-z])", re.IGNORECASE)
PRINTED = ("exact", "ending")  # a word found as printed, maybe with an ending
MIN_SAYING_HEAD = 5     # a compound's head this long says what an unknown brand's line is
# the units of all these as redaction's words hold them
STRENGTH_UNITS = {"mg", "mcg", "ug", "ie", "iu", *DOSE_UNITS, *PACK_UNITS, *RELEASES}


def classify(text: str, context: str | None = None) -> Product:
    """What the item line ``text`` is. ``context="restaurant"`` (a receipt with table,
    server or tip lines) makes food and drink "restaurants, cafés and the like" (11.1.1), as
    COICOP counts them, and an item not understood there a low-confidence 11.1.1.
    ``context="pharmacy"`` (``products.context``), or a line that says "Rx", "pharmacy" or
    "Apotheke", makes an item left unknown, or known with confidence under 0.5 (a guessed
    abbreviation is such), health (06, signal ``pharmacy_item``): a pharmacy's unknown brand
    is most likely a medicine; what is known to be ordinary (toothpaste) stays what it is.
    A context that is a class (``"05.1.1"``: the receipt of a shop that mostly sells it,
    ``products.context.shop_class``) makes an item left unknown a guess of that class,
    confidence 0.3."""
    if context != RESTAURANT and says_pharmacy(text):
        context = PHARMACY
    return product(*read(text), context)


def sensitive_meaning(text: str, context: str | None = None) -> Product | None:
    """``classify(text, context)`` where the line means something sensitive (a sensitive
    word, a sensitive class, or an unknown item of a pharmacy), else None: redaction's quick
    question of a line."""
    if context != RESTAURANT and says_pharmacy(text):
        context = PHARMACY
    votes, brand, signals = read(text)
    if context != PHARMACY and not signals and not any(
            code.startswith(SENSITIVE_CLASSES) for code in votes):
        return None
    found = product(votes, brand, signals, context)
    return found if found.signals else None


def product(votes: dict[str, float], brand: str | None, signals: set[str],
            context: str | None = None) -> Product:
    plain = {code.removeprefix(ORDINARY) for code in votes if code.startswith(ORDINARY)}
    merged: dict[str, float] = defaultdict(float)
    for code, weight in votes.items():
        merged[code.removeprefix(ORDINARY)] += weight
    code, confidence = decide(merged)
    if code is None and signals - {ORDINARY}:  # "PENISRING": a sensitive word no class holds
        code, confidence = signal_class(signals), SIGNAL_CONFIDENCE
    if code in plain and code not in votes:  # its votes came from ordinary words alone
        signals = signals | {ORDINARY}
    if context == RESTAURANT and (code is None or code.startswith(SERVED)):
        code, confidence = RESTAURANT_CLASS, (confidence if code else 0.3)
    signals = (signals | signals_for(code, signals)) - {ORDINARY}
    if context == PHARMACY and not signals and (code is None or confidence < PHARMACY_SURE):
        code, confidence, signals = PHARMACY_CLASS, PHARMACY_SURE * 0.6, {PHARMACY_ITEM}
    if is_shop_class(context) and code is None:  # "SKANKA N" at IKEA: furniture, a guess
        code, confidence = context, SHOP_GUESS
    return Product(code=code, name=title(code) if code else None, confidence=confidence,
                   brand=brand, signals=tuple(sorted(signals)))


def sensitive_words(words: Iterable[str]) -> set[str]:
    """Of the (folded) words of a receipt, those that may make a line sensitive
    (``Lexicon.may_be_sensitive``): a line with none of them has no sensitive meaning, and
    redaction reads in full only the lines that hold one."""
    lex = lexicon()
    return {word for word in words if lex.may_be_sensitive(word) or may_matter(word)
            or organisations.may_matter(word) or word in STRENGTH_UNITS}


def counts_cycles(text: str) -> bool:
    """The line counts a pill's cycles ("MICROGYNON 30 3X21"): a medicine, though none of
    its words (``sensitive_words``) may say so."""
    return CYCLES.search(text) is not None


def read(text: str) -> tuple[dict[str, float], str | None, set[str]]:
    """The line's votes per class, its brand and the sensitive words found on it."""
    lex = lexicon()
    brand, words = own_label(expand(tokens(text), lex), lex)
    votes: dict[str, float] = defaultdict(float)
    sold_as: dict[str, float] = defaultdict(float)  # the votes of forms ("cream", "Tabl.")
    signals = set()
    first = FIRST_BONUS
    guesses: dict[str, float] = defaultdict(float)  # what abbreviations may stand for
    said = False  # a word other than a form ("Tabl.", "capsules") says what the item is
    pet = False   # a word names a pet ("HUND", "CAES"): its medicine is a pet product
    for start, end, key, found in matches(words, lex):
        weight = FOUND_WEIGHT[found] * first * (1 + PHRASE_BONUS * (end - start - 1))
        if found == "abbrev":  # counts only where nothing else on the line is understood
            for code, share in lex.votes[key]:
                guesses[code] += share * weight
            continue
        sure = signal_found(key, found, words[start:end])
        plain = plain_modifier(words, start, key, found)
        if plain:  # "Schokotropfen" is chocolate, "soil test kit" a garden thing
            for code, share in lex.votes[plain]:
                votes[code] += share * weight
            first = 1.0
            continue
        for code, share in lex.votes.get(key, ()):
            if code.startswith(SENSITIVE_CLASSES):
                if not sure:
                    continue  # "paris" is not "parish", "ultra" not "ultraschall"
                if key in lex.ordinary:
                    code = ORDINARY + code  # counted for the class, telling nothing sensitive
            votes[code] += share * weight
            if is_form(key.rsplit(" ", 1)[-1]):  # "cream", "foot cream"
                sold_as[code] += share * weight
            said = said or not (is_form(key) or found == "start" or (
                found == "head" and len(key) < MIN_SAYING_HEAD)  # "traumeel" is no "meel"
                or words[start] in STRENGTH_UNITS)  # "12 CAPS" are capsules, not caps to wear
            pet = pet or (code.startswith(PET_CLASSES) and found in PRINTED and not (
                is_form(key)))  # not "chews", nor "preparacao" by its head "racao"
            first = 1.0
        brand = brand or lex.brands.get(key)
        if key in lex.signals and sure:
            signals |= lex.signals[key]
        if found == "exact":
            signals |= lex.generic_signals.get(key, set())
        if found in PRINTED and key in lex.medicines:  # "BOOTS PARACETAMOL": whatever the
            signals.add(MEDICINE)  # line's other words say, a medicine's name is one
    if not votes and guesses:  # "APTITLIG Schnbr": a chopping board, but only a guess
        scale = min(1.0, GUESS / sum(guesses.values()))
        votes.update({code: weight * scale for code, weight in guesses.items()})
    named = health_parts(words, pet)
    if named:  # "Hustenloeser", "yeast infection treatment", "Warzenpflaster"
        signals.add(named[0])
        for code, weight in sold_as.items():  # "athletes foot cream" is no foot cream
            votes[code] -= weight
            if votes[code] <= 0:
                del votes[code]
        votes[named[1]] += PARTS_VOTE
    signs = set() if said or signals else medicine_signs(text, words)
    if signs:  # what abbreviations or a form alone may stand for: a medicine here
        votes.clear()
        votes[MEDICINES] = GUESS
        signals |= signs
    paid = organisations.organisation_signals(words, text)  # "GRUENE MITGLIEDSBEITRAG"
    if paid:
        signals |= paid
        votes[PARTIES_AND_UNIONS] += PARTS_VOTE
    signals |= compound_signals(words, lex)
    if pet:  # "BRAVECTO HUND 1 TABL": a pet's medicine is a pet product (COICOP)
        for code in [code for code in votes if code.removeprefix(ORDINARY).startswith("06")]:
            votes[PET_PRODUCTS] += votes.pop(code)
        signals -= HEALTH_SIGNALS
    return votes, brand, signals


def own_label(words: list[str], lex: Lexicon) -> tuple[str | None, list[str]]:
    """A chain's own label printed first on the line, and the words after it ("BOOTS
    PARACETAMOL 500MG": the chain's paracetamol, no footwear); no label and all the words
    where none is, or where nothing follows it."""
    for length in (3, 2, 1):
        label = lex.own_labels.get(" ".join(words[:length]))
        if label and len(words) > length:
            return label, words[length:]
    return None, words


def medicine_signs(text: str, words: list[str]) -> set[str]:
    """The signals of a medicine that nothing on its line names: its strength ("TEBONIN
    KONZENT 240MG"), its count in a form ("SOLEDUM 20KPS", "MAXIGESIC 24 TABS"), a form
    nothing but medicines comes in ("VOMEX A DRAGEES"), or the pill's cycles or the
    emergency pill's dose ("MICROGYNON 30 3X21", "POSTDAY 0.75MG": sex life too)."""
    if CYCLES.search(text) or EMERGENCY_PILL.search(text):
        return {MEDICINE, SEXUAL_WELLNESS}
    if any(sign.search(text) for sign in (STRENGTH, DOSES, PACKS, RELEASE)) or any(
            map(medicine_only, words)):
        return {MEDICINE}
    return set()


def expand(words: list[str], lex: Lexicon) -> list[str]:
    """Abbreviations written out (``chkn`` -> ``chicken``, ``oj`` -> ``orange juice``); a
    preposition or an article is none (Spanish ``para`` is no paracetamol)."""
    expanded = []
    for word in words:
        if word in lex.abbreviations and not lex.known(word) and word not in LINKING:
            expanded += lex.abbreviations[word]
        else:
            expanded.append(word)
    return expanded


def matches(words: list[str], lex: Lexicon):
    """(start, end, vocabulary key, how found) for the phrases and words of the line: the
    longest phrase first, from the left; words of no phrase alone, stop words left out."""
    position = 0
    while position < len(words):
        for length in range(min(MAX_PHRASE, len(words) - position), 1, -1):
            key = " ".join(words[position:position + length])
            if key in lex.phrases or key in lex.signals:
                yield position, position + length, key, "exact"
                position += length
                break
        else:
            word = words[position]
            if len(word) >= 2 and word not in lex.stopwords:
                found = lex.find_word(word) if len(word) >= 4 else (
                    (word, "exact") if lex.known(word) else None)
                if found:
                    yield position, position + 1, found[0], found[1]
            position += 1


def signal_found(key: str, found: str, printed: list[str]) -> bool:
    """A sensitive word counts as printed, or cut off or misprinted only when long enough
    that it cannot be another word (``part`` is not ``partei``)."""
    if found in SIGNAL_KINDS:
        return True
    if found in ("start", "abbrev"):
        return False  # the first part of a compound, or a guess, is no meaning of its own
    word = printed[0] if printed else ""
    if found == "cut":  # "schuppen" is no "schuppenflechte"
        return len(word) >= MIN_SIGNAL_CUT and len(word) >= SIGNAL_CUT_SHARE * len(key)
    return len(word) >= MIN_SIGNAL_FUZZY and len(key) >= MIN_SIGNAL_FUZZY


def compound_signals(words: list[str], lex: Lexicon) -> set[str]:
    """Sensitive words at the start of a compound: ``diabetikerschokolade``."""
    found = set()
    for word in words:
        for end in range(MIN_SIGNAL_PART, len(word) - 2):
            part = word[:end]
            if part in lex.signals and part not in lex.whole_only:
                found |= lex.signals[part]
    return found


def decide(votes: dict[str, float]) -> tuple[str | None, float]:
    if len(votes) > 1 and any(weight >= NAMED and not code.startswith(FOOD_AND_DRINK)
                              for code, weight in votes.items()):
        # food words name the flavour or scent of other things ("Katzenfutter Huhn",
        # "Duschgel Vanille"); other things rarely name food's. A phrase stays a phrase.
        votes = {code: weight * (FLAVOUR if code.startswith(FOOD) and weight < PHRASE else 1.0)
                 for code, weight in votes.items()}
    if len(votes) > 1 and any(not code.startswith(FRUIT) for code in votes):
        # fruit names the taste of yoghurt, jam, juice and tea ("Joghurt Erdbeer")
        votes = {code: weight * (FLAVOUR if code.startswith(FRUIT) else 1.0)
                 for code, weight in votes.items()}
    total = sum(votes.values())
    if not total:
        return None, 0.0
    code, best = max(votes.items(), key=lambda item: (item[1], item[0]))
    strength = min(1.0, best)  # one word as printed is enough to be sure of it
    if best / total >= CLASS_SHARE:
        return code, round(min(MAX_CONFIDENCE, strength * best / total), 2)
    divisions: dict[str, float] = defaultdict(float)
    for other, weight in votes.items():
        divisions[division_of(other)] += weight
    division, weight = max(divisions.items(), key=lambda item: (item[1], item[0]))
    if weight / total >= DIVISION_SHARE:
        return division, round(min(MAX_CONFIDENCE, min(1.0, weight) * weight / total) * 0.8, 2)
    return code, round(strength * best / total * 0.6, 2)
