"""Medicines, remedies and medical tests named by their parts, in words no list holds.

A German compound is split into a modifier and a head (``Hustenloeser`` = husten + loeser,
``Kopfschmerztabl`` = kopfschmerz + tabl, ``Warzenpflaster`` = warzen + pflaster); English
and German names of two or three words are read the same way (``yeast infection treatment``,
``MIGRAENE TABLETTEN``). A condition before the form a remedy is sold in (``data/
health_parts.tsv``: tablets, drops, ointment, spray, test ...) names a medicine (06.1.1) or a
test (06.1.2); a body part needs a form that is a medicine whatever it is for (``Augentropfen``,
but ``Handcreme``, ``eye shadow``); a medicine name before any form is a medicine
(``Ibuprofensaft``); ``anti`` before a condition is a medicine (``antifungal``). Words are
compared without their endings (``hemorrhoidal``, ``allergies``, linking ``-s-``, ``-n-``).
Not for animals: the classification counts pets' medicines as pet products (09.3.2), so a line
the lexicon reads as a pet's is left alone. Phrases the policy calls ordinary (``cough drops``)
stay ordinary.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from products.lexicon import (
    DRUG_BRAND,
    MEDICINES,
    SENSITIVE_CLASSES,
    Lexicon,
    lexicon,
    read_rows,
)
from products.meaning import MEDICAL_DEVICE, MEDICINE
from products.text import LINKING, tokens, umlaut_spellings

MEDICAL_PRODUCTS = "06.1.2"
PET_CLASSES = ("09.3.2", "09.4.5")
MIN_MODIFIER = 3   # the modifier of a compound keeps at least this many letters
MIN_HEAD = 3       # a compound's form at least this many ("gel", "tabl")
MIN_INNER = 4      # a condition inside a longer modifier ("kopf|schmerz") this many
MIN_MEDICINE = 6   # a medicine name as a modifier at least this many ("ibuprofen|saft")
MIN_INN = 7        # a word ending in an INN stem is a medicine from this length ("april" is not)
LINKS = ("es", "en", "s", "n", "e", "")   # linking letters of a German compound, and none
ENDINGS = ("ies", "es", "al", "s", "l", "")  # English endings tried ("allergies", "diarrheal")
MAX_AFTER = 3      # the words after a form that may say what it is for ("contre la toux")


@dataclass(frozen=True)
class Parts:
    forms: frozenset[str]
    strong: frozenset[str]
    only: frozenset[str]           # forms nothing but medicines comes in
    devices: frozenset[str]
    conditions: frozenset[str]
    organs: frozenset[str]
    organ_starts: frozenset[str]   # German body parts: also the start of a compound
    specimens: frozenset[str]
    not_forms: frozenset[str]
    bound: frozenset[str]
    inn_stems: tuple[str, ...]
    telling_ends: tuple[str, ...]  # forms and INN stems: what may_matter looks for
    telling_words: frozenset[str]
    form_lengths: tuple[int, ...]


@lru_cache(maxsize=1)
def parts() -> Parts:
    kinds: dict[str, set[str]] = {}
    for kind, terms in read_rows("health_parts.tsv"):
        words = kinds.setdefault(kind.strip(), set())
        for term in terms.split(","):
            for spelling in umlaut_spellings(term.strip()):
                key = " ".join(tokens(spelling)).replace("'s", "s")
                if key:
                    words.add(key)
    conditions = kinds["condition"] | {  # the sensitive conditions the lexicon knows
        key.replace("'s", "s") for key, signals in lexicon().signals.items()
        if "health_condition" in signals and len(key.split()) <= 2 and len(key) >= 4}
    forms = frozenset(kinds["form"])
    return Parts(forms, frozenset(kinds["strong"]), frozenset(kinds["only"]),
                 frozenset(kinds["device"]),
                 frozenset(conditions), frozenset(kinds["organ"] | kinds["organ_en"]),
                 frozenset(kinds["organ"]), frozenset(kinds["specimen"]),
                 frozenset(kinds["not_form"]), frozenset(kinds["bound"]),
                 tuple(sorted(kinds["inn_stem"])),
                 tuple(sorted({*(f for f in forms if len(f) >= MIN_HEAD), *kinds["inn_stem"]})),
                 frozenset(forms | conditions),
                 tuple(sorted({len(form) for form in forms if len(form) >= MIN_HEAD},
                              reverse=True)))


def health_parts(words: list[str], for_pet: bool = False) -> tuple[str, str] | None:
    """(signal, COICOP class) of a medicine or test the line names by its parts, or None;
    None where a word of the line names a pet (``for_pet``, as ``products.classify.read``
    finds one: "Wurmtabletten Hund"; "chews" alone is no pet's)."""
    if for_pet:
        return None
    known, lex = parts(), lexicon()
    words = [word.replace("'s", "s") for word in words]
    for index, word in enumerate(words):
        if word.startswith("anti") and is_condition(word[4:], known, lex):
            return MEDICINE, MEDICINES
        if word == "anti" and index + 1 < len(words) and is_condition(words[index + 1], known,
                                                                      lex):
            return MEDICINE, MEDICINES
        if inn_name(word, known, lex):  # "Rosuvastatin", "Bisoprolol"
            return MEDICINE, MEDICINES
        found = compound(word, known, lex)
        form = form_of(word, known) if found is None else None
        if form:
            found = named_before(words, index, form, known, lex) or named_after(
                words, index, form, known, lex)  # "sirop toux", "gotas para los ojos"
        if found:
            return found
    return None


def named_before(words: list[str], index: int, form: str, known: Parts,
                 lex: Lexicon) -> tuple[str, str] | None:
    """German and English name what a form is for before it: the one or two words before
    the form ``words[index]`` (``cough syrup``, ``yeast infection treatment``), or a
    condition before the body part the form is for (``fungal foot cream``)."""
    for start in (index - 2, index - 1):
        if start >= 0 and " ".join(words[start:index + 1]) not in lex.ordinary:
            found = named(" ".join(words[start:index]), form, known, lex)
            if found:
                return found
    if index > 1 and " ".join(words[index - 1:index + 1]) not in lex.ordinary and (
            is_condition(words[index - 2], known, lex)):
        return named(words[index - 2], form, known, lex)
    return None


def named_after(words: list[str], index: int, form: str, known: Parts,
                lex: Lexicon) -> tuple[str, str] | None:
    """French, Spanish and Italian name the form first and what it is for after it, maybe
    behind a preposition or an article: the complaint of one to three words after the form
    ``words[index]`` (``toux``, ``mal d auto``, ``para los ojos``)."""
    after = words[index + 1:index + 1 + MAX_AFTER]
    while after and after[0] in LINKING:
        after = after[1:]
    for length in range(len(after), 0, -1):
        found = named(" ".join(after[:length]), form, known, lex)
        if found:
            return found
    return None


def compound(word: str, known: Parts, lex: Lexicon) -> tuple[str, str] | None:
    """A modifier and a form in one word: ``hustenloeser``, ``schlaftabletten``."""
    if word in lex.ordinary:
        return None
    for length in known.form_lengths:
        if len(word) - length < MIN_MODIFIER:
            continue
        head = word[-length:]
        if head in known.forms:
            found = named(word[:-length].rstrip("-"), head, known, lex)
            if found:
                return found
    return None


def form_of(word: str, known: Parts) -> str | None:
    """The form ``word`` is, or ends in (``kautabl``, ``fruehtest``)."""
    if word in known.bound:
        return None
    if word in known.forms:
        return word
    if word in known.not_forms:
        return None
    for length in known.form_lengths:
        if len(word) > length and word[-length:] in known.forms and length >= 4:
            return word[-length:]
    return None


def named(modifier: str, form: str, known: Parts, lex: Lexicon) -> tuple[str, str] | None:
    """What ``modifier`` + ``form`` is: a remedy, a test, or nothing sensitive."""
    if not modifier or form in known.not_forms:
        return None
    strong = form in known.strong
    if form in known.devices and is_specimen(modifier, known):
        return MEDICAL_DEVICE, MEDICAL_PRODUCTS  # "Stuhltest", "urine test strips"
    if is_condition(modifier, known, lex) or (strong and is_organ(modifier, known)) or (
            is_medicine(modifier, lex)):
        return (MEDICAL_DEVICE, MEDICAL_PRODUCTS) if form in known.devices else (
            MEDICINE, MEDICINES)
    return None


def stems(word: str) -> set[str]:
    found = set()
    for ending in (*LINKS, *ENDINGS):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_MODIFIER:
            found.add(word[:len(word) - len(ending)] if ending else word)
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    return found


def is_condition(modifier: str, known: Parts, lex: Lexicon) -> bool:
    if any(stem in known.conditions for stem in stems(modifier)):
        return True
    if " " in modifier or is_food(modifier, lex):
        return False  # "steinpilz" is a mushroom, not a fungus
    # a compound modifier ending in a condition ("kopfschmerz", "nagelpilz", "reizhusten")
    return any(modifier[start:] in known.conditions and not is_food(modifier[start:], lex)
               for start in range(2, len(modifier) - MIN_INNER + 1))


def is_food(word: str, lex: Lexicon) -> bool:
    votes = lex.votes.get(word, ())
    return bool(votes) and all(code.startswith("01") for code, _ in votes)


def is_organ(modifier: str, known: Parts) -> bool:
    if any(stem in known.organs for stem in stems(modifier)):
        return True
    # a German compound modifier starting with a body part ("magen|schutz", "augen|pflege")
    return " " not in modifier and any(
        modifier[:end] in known.organ_starts for end in range(MIN_INNER, len(modifier) - 2))


def is_specimen(modifier: str, known: Parts) -> bool:
    return any(stem in known.specimens for stem in stems(modifier))


def inn_name(word: str, known: Parts, lex: Lexicon) -> bool:
    """A word no vocabulary knows, ending in an INN stem: a medicine's generic name."""
    return len(word) >= MIN_INN and word.endswith(known.inn_stems) and not lex.known(word) and (
        word not in lex.stopwords)


def is_medicine(modifier: str, lex: Lexicon) -> bool:
    """A medicine name of the lexicon (DrugBank's, ICD-10-CM's, the project's 06.1.1 words
    that are not ordinary, such as vitamins); not a brand's, which counts only as printed
    alone (``servier`` is a maker's name, ``Serviertablett`` a tray)."""
    if len(modifier) < MIN_MEDICINE or modifier in lex.ordinary:
        return False
    if inn_name(modifier, parts(), lex):
        return True
    return any(entry.code == MEDICINES and entry.source != DRUG_BRAND
               for entry in lex.phrases.get(modifier, ()))


def plain_modifier(words: list[str], start: int, key: str, found: str) -> str | None:
    """The word that makes the form ``key`` (matched at ``start`` of ``words``) a thing of
    an ordinary class, or None: the modifier of ``schokotropfen``, ``soil`` of ``soil test
    kit``. A form names what something is sold as; what it is, the word before tells."""
    known, lex = parts(), lexicon()
    if not all(part in known.forms for part in key.split()) or not any(
            code.startswith(SENSITIVE_CLASSES) for code, _ in lex.votes.get(key, ())):
        return None  # "Orangensaft" is juice as its head says
    if found == "head":
        modifier = words[start][:-len(key)].rstrip("-")
        candidates = [modifier[:len(modifier) - len(link)] if link else modifier
                      for link in LINKS if modifier.endswith(link)]
    elif start > 0:
        before = start - 1
        while before > 0 and len(words[before]) < MIN_MODIFIER:
            before -= 1  # "soil pH test kit": a unit or a measure stands between
        candidates = [words[before]]
    else:
        return None
    for word in candidates:
        votes = lex.votes.get(word, ())
        if votes and word not in lex.signals and not is_condition(word, known, lex) and not (
                is_organ(word, known)) and not is_specimen(word, known) and not any(
                code.startswith(SENSITIVE_CLASSES) for code, _ in votes):
            return word
    return None


def is_form(key: str) -> bool:
    """``key`` names only what a remedy is sold as ("cream", "eye drops" is not)."""
    forms = parts().forms
    return all(part in forms for part in key.split())


def medicine_only(word: str) -> bool:
    """``word`` is a form nothing but medicines comes in (``dragees``, ``pomada``, ``zalf``):
    an item named by nothing else is then a guessed medicine (``products.classify``)."""
    return word in parts().only


def may_matter(word: str) -> bool:
    """False where ``word`` can play no part in ``health_parts``: the quick test of
    ``products.sensitive_words``."""
    known = parts()
    return word in known.telling_words or word.endswith(known.telling_ends) or (
        word.startswith("anti"))
