"""Medicine brand names for ``products/data/drug_brands.tsv``, from published sources.

Source: the drug dictionary of the PyPI package ``drug-named-entity-recognition`` 2.0.9 (Fast
Data Science; names and synonyms, brand names among them, gathered from DrugBank, MeSH,
MedlinePlus, the NHS website and Wikipedia), each name with the generic name it stands for.
Ordinary words are filtered out with two word lists of Debian (``wamerican``, ``wngerman``),
used at build time only: a brand that is an English or German word, or holds a word the
project's own or Open Food Facts vocabularies give an ordinary class, is left out ("Bananas"
must not make bananas a medicine). See ``products/data/SOURCES.md``.

The source files (``BRANDS_SOURCES``) are staged in one folder and checked by SHA-256.
"""
from __future__ import annotations

import bz2
import hashlib
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

from products.lexicon import (
    MEDICINES,
    ORDINARY,
    abbreviations,
    brand_rows,
    own_terms,
    read_rows,
    stopwords,
)
from products.text import fold, tokens, umlaut_spellings

BRANDS_SOURCES = {
    "drug_ner_dictionary.pkl.bz2":  # drug-named-entity-recognition 2.0.9, PyPI wheel
        "ec10a1c7b633fc4bae8d0eecff053892c0e37f49e18eaf59c8a1e9f40fc80d9d",
    "american-english":  # Debian wamerican 2020.12.07-2, /usr/share/dict
        "9f513f1ceadb6a01c5485b7dbdfd5118dc66cd70b59cae2851292112d4066a32",
    "ngerman":  # Debian wngerman 20161207-11, /usr/share/dict
        "4864ca7300aae638c611114092ed566ba232b35e42280fcfb5509c5d121b307d",
    "synonyms.dat":  # drugstandards 0.6, PyPI sdist, drugstandards/data/synonyms.dat
        "b6db150205894125a959919388fad65c6bfc0369c3d14c7931fa2d15da3410f6",
    "french":  # Debian wfrench 1.2.7-2, /usr/share/dict
        "33b3a15b7c47c4b85aaafa7c8b41d3fee9c7ca1383381bb8f710372ce7474f06",
    "spanish":  # Debian wspanish 1.0.30
        "6b26adc955ec682e41e98d626d0ed1f778511065ee1f7f19c28e8b3cb574b9b6",
    "italian":  # Debian witalian 1.10
        "096f728b7b63073f32604dfaa7c5dbf5b2d32123880f0b05fe462670630f6218",
    "dutch":  # Debian wdutch 1:2.20.19-2
        "2e5128e8e7f9a5bdfc427c784c839986b0df1386cc53aef90ed2df71644f3987",
}
# the other languages' lists, for the second, larger source's names (its brands come from
# many countries); their common nouns are written in lower case, as English ones are
OTHER_LANGUAGES = ("french", "spanish", "italian", "dutch")
MIN_BRAND = 5       # a brand at least this many letters: shorter ones are too often words
BRAND_WORD = re.compile(r"^[a-z]+$")
# generic names the item policy counts as ordinary (vitamins, minerals, supplements), or that
# are no medicine bought as such: their brands are not medicines either
ORDINARY_GENERIC = re.compile(r"vitamin|supplement|mineral|calcium|magnesium|zinc|iron\b|"
                              r"fish oil|omega|caffeine|alcohol|ethanol|sodium chloride|water|"
                              r"sugar|glucose|dextrose|menthol|camphor|lanolin|glycerin|"
                              r"petrolatum|fluoride|toothpaste|sunscreen|oxybenzone|zinc oxide")


class _DictsOnly(pickle.Unpickler):
    """The dictionary is plain dicts, lists, sets and strings: refuse any other object."""

    def find_class(self, module: str, name: str):
        if module == "builtins" and name in ("dict", "list", "set", "frozenset", "tuple"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def checked(folder: Path, name: str, recorded: dict[str, str] | None = None) -> Path:
    """The staged file, refused unless its SHA-256 is the one recorded (``recorded``: name ->
    digest, as in SOURCES.md; the brand sources by default)."""
    path = folder / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != (recorded or BRANDS_SOURCES)[name]:
        raise SystemExit(f"{path}: SHA-256 {digest} is not the one recorded in SOURCES.md")
    return path


def lower_case_words(folder: Path, names: tuple[str, ...]) -> set[str]:
    """The lower case entries of the word lists ``names``: their capitalised ones are names,
    brands among them."""
    return {fold(w).removesuffix("'s") for name in names
            for w in checked(folder, name).read_text("utf-8").split() if w.islower()}


def dictionary_words(folder: Path) -> set[str]:
    """Ordinary English words and every German word (German capitalises its nouns)."""
    german = checked(folder, "ngerman").read_text("utf-8").split()
    return lower_case_words(folder, ("american-english",)) | {fold(w) for w in german}


def ordinary_words(food: list[tuple[str, str, str]]) -> set[str]:
    """Every word the project's vocabularies know for something not sensitive."""
    words = {word for term, code, _ in food for word in term.split()}
    words |= {word for term, code, _ in own_terms() if not code.startswith("06")
              for word in term.split()}
    words |= {word for brand, code in brand_rows() for word in tokens(brand)
              if not code.startswith("06")}
    return words | set(abbreviations()) | set(stopwords()) | policy_ordinary()


def policy_ordinary() -> set[str]:
    """The words the item policy counts as ordinary (``meanings.tsv``: vitamins, creatine)."""
    return {word for signal, terms in read_rows("meanings.tsv") if signal.strip() == ORDINARY
            for term in terms.split(",") for spelling in umlaut_spellings(term.strip())
            for word in tokens(spelling) if len(word) >= MIN_BRAND}


def source_names(folder: Path) -> dict[str, str]:
    """Every name of drug-named-entity-recognition's dictionary with the generic name it
    stands for."""
    with bz2.open(checked(folder, "drug_ner_dictionary.pkl.bz2")) as f:
        data = _DictsOnly(f).load()
    names = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        if canonicals:
            names[fold(variant).strip()] = fold(sorted(canonicals)[0]).strip()
    return names


def synonym_names(folder: Path) -> dict[str, str]:
    """Every name of drugstandards' table (a pickle of Python 2 strings) with its generic."""
    with checked(folder, "synonyms.dat").open("rb") as f:
        synonyms = _DictsOnly(f, encoding="latin-1").load()
    return {fold(name).strip(): fold(generic).strip() for name, generic in synonyms.items()}


def drug_brands(folder: Path, food: list[tuple[str, str, str]],
                generics: set[str]) -> list[tuple[str, str, str]]:
    """(brand, generic name, class) for every name of one word in the sources that is not a
    generic name already known (``generics``), an English or German word (of the second
    source: nor French, Spanish, Italian or Dutch), a word of the
    project's ordinary vocabularies, nor a name of an ordinary generic (a vitamin's brand).
    Names of several words are left out: in this source they are mostly MeSH's scientific
    phrases ("receptor tryptamine"), and a brand's own word is listed alone as well."""
    ordinary, policy = ordinary_words(food), policy_ordinary()
    common = dictionary_words(folder)
    first = source_names(folder)
    sources = ((first, Words(common, ordinary, policy, generics)),
               ({name: generic for name, generic in synonym_names(folder).items()
                 if name not in first},  # the first source's generic where both hold a name
                Words(common | lower_case_words(folder, OTHER_LANGUAGES), ordinary, policy,
                      generics)))
    rows = set()
    for names, words in sources:
        for name, generic in names.items():
            printed = tokens(name)
            if len(printed) == 1 and is_kept(printed[0], generic, words):
                rows.add((printed[0], generic, MEDICINES))
    return sorted(rows)


@dataclass(frozen=True)
class Words:
    common: set[str]     # English and German words (and others': ``OTHER_LANGUAGES``)
    ordinary: set[str]   # words of the project's vocabularies for something not sensitive
    policy: set[str]     # words the item policy counts as ordinary (vitamins, creatine)
    generics: set[str]   # generic medicine names already known (drug_terms.tsv)


def is_kept(brand: str, generic: str, words: Words) -> bool:
    """A brand name is kept if it is letters only, long enough, no generic name already
    known, no dictionary or ordinary word, and not the brand of an ordinary generic."""
    return bool(BRAND_WORD.match(brand)) and len(brand) >= MIN_BRAND and not (
        brand in words.generics or brand in words.common or brand in words.ordinary
        or brand == generic or ORDINARY_GENERIC.search(generic)
        or any(word in words.policy for word in tokens(generic)))
