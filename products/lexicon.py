"""The vocabularies of ``products/data``, indexed for looking words up as OCR prints them.

A word is found as printed (``joghurt``), without a plural ending (``bananas``), as the head
of a German compound (``erdbeerjoghurt`` -> ``joghurt``), cut off (``schokol`` ->
``schokolade``) or with one letter wrong, lost or added (``schwangerschafstest``); phrases
of up to four words are found as printed (``orange juice``, ``ritter sport``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from products.text import tokens, umlaut_spellings, unlinked

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_PHRASE = 4
MIN_HEAD = 4        # a compound's head (its last part) has at least this many letters
MIN_CUT = 5         # a cut-off word keeps at least this many letters ...
CUT_SHARE = 0.5     # ... and at least this share of the word ...
MIN_CUT_WORD = 8    # ... of eight letters or more
MIN_INN_SPELLING = 7  # a German INN spelling ("tilidin" for "tilidine") at least this long
MIN_ABBREVIATION = 4  # a till's abbreviation of a compound ("toipa", "schnbr") this long ...
MAX_SEGMENTS = 3      # ... made of at most this many starts of the word's parts,
MAX_SPREAD = 4        # ... of a word at most four times as long
MIN_FUZZY = 6       # words compared with one letter wrong have at least this many letters
ENDINGS = ("es", "en", "s", "n", "e")  # plural and case endings tried when a word is not found
# a word ending so takes "-es" in the plural: "churchs" is a name's possessive, not "churches"
SIBILANTS = ("ch", "sh", "ss", "x", "z")

# where a word comes from, and how far that source is trusted for a class
OWN, BRAND, OFF, DRUG, DRUG_BRAND = "own", "brand", "off", "drug", "drug brand"
SOURCE_WEIGHT = {OWN: 1.0, BRAND: 0.7, OFF: 0.8, DRUG: 0.9, DRUG_BRAND: 0.9}
# medicine lists: their names count only as printed (never cut off, misread or abbreviated)
MEDICINE_LISTS = (DRUG, DRUG_BRAND)
NAMES = (*MEDICINE_LISTS, BRAND)  # names count only as printed: "SUPER" is no "Supercoat"
MEDICINES = "06.1.1"
ORDINARY = "ordinary"  # meanings.tsv: words of a sensitive class that tell nothing sensitive
# classes whose items are sensitive by what they are (products.meaning.CLASS_SIGNALS)
SENSITIVE_CLASSES = ("06", "13.2.2", "14.6")


@dataclass(frozen=True)
class Entry:
    code: str | None      # COICOP class, or None (a brand that says nothing of the class)
    source: str
    label: str = ""       # the brand as printed, or the signal of a sensitive word


def read_rows(name: str) -> list[list[str]]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def own_terms() -> list[tuple[str, str, str]]:
    """(term as tokens joined by spaces, class, "own") from ``terms.tsv`` and the other
    languages' ``terms_*.tsv`` (``terms_fr.tsv``, ...)."""
    rows = []
    names = ["terms.tsv"] + sorted(path.name for path in DATA_DIR.glob("terms_*.tsv"))
    for code, terms in (row for name in names for row in read_rows(name)):
        for term in terms.split(","):
            if any(char.isdigit() for char in term):
                continue  # "covid-19 test" would read as "test": digits never match
            for spelling in umlaut_spellings(term.strip()):
                key = " ".join(tokens(spelling))
                for variant in (key, unlinked(key)):
                    if variant:
                        rows.append((variant, code.strip(), OWN))
    return rows


# brands with the class they usually mean: the first list, the world's shop brands, and
# vitamin and supplement brands, which the policy calls ordinary (``SUPPLEMENT_BRANDS``)
SUPPLEMENT_BRANDS = "supplement_brands.tsv"
BRAND_FILES = ("brands.tsv", "brands_world.tsv", SUPPLEMENT_BRANDS)


def brand_rows(names=BRAND_FILES) -> list[tuple[str, str]]:
    """(brand as printed, class or "-") of the brand files ``names``."""
    return [(row[0].strip(), row[1].strip()) for name in names for row in read_rows(name)]


def abbreviations() -> dict[str, list[str]]:
    return {row[0].strip(): tokens(row[1]) for row in read_rows("abbreviations.tsv")}


def stopwords() -> frozenset[str]:
    return frozenset(row[0].strip() for row in read_rows("stopwords.tsv"))


class Lexicon:
    def __init__(self) -> None:
        self.phrases: dict[str, list[Entry]] = defaultdict(list)
        self.signals: dict[str, set[str]] = defaultdict(set)  # sensitive word -> signals
        self.whole_only: set[str] = set()  # short sensitive words: only as a whole word
        for term, code, source in own_terms():
            self.add(term, Entry(code, source))
        for brand, code in brand_rows():
            self.add(" ".join(tokens(brand)),
                     Entry(None if code == "-" else code, BRAND, brand))
        for row in read_rows("off_terms.tsv"):
            self.add(row[0], Entry(row[1], OFF))
        for row in read_rows("drug_terms.tsv"):
            self.add(row[0], Entry(MEDICINES, DRUG))
        generics = {}
        for row in read_rows("drug_brands.tsv"):  # brand, generic name, class
            self.add(row[0], Entry(row[2].strip(), DRUG_BRAND, row[0].title()))
            generics[row[0]] = row[1]
        self.ordinary: set[str] = {" ".join(tokens(brand))
                                   for brand, _ in brand_rows((SUPPLEMENT_BRANDS,))}
        for signal, terms in read_rows("meanings.tsv"):
            if signal.strip() == ORDINARY:
                self.ordinary |= {" ".join(tokens(spelling)) for term in terms.split(",")
                                  for spelling in umlaut_spellings(term.strip())}
                continue
            for term in terms.split(","):
                term = term.strip()
                whole = term.startswith("=")
                for spelling in umlaut_spellings(term.lstrip("=")):
                    key = " ".join(tokens(spelling))
                    for variant in (key, unlinked(key)):
                        if variant:
                            self.signals[variant].add(signal.strip())
                            if whole or len(variant) <= 4:
                                self.whole_only.add(variant)
        # a medicine brand means what its generic means ("cerazette" is desogestrel, a
        # contraceptive): counted only as printed, as medicine names are
        self.generic_signals: dict[str, set[str]] = {}
        for brand, generic in generics.items():
            meant = set().union(*(self.signals.get(word, set()) for word in tokens(generic)))
            if meant:
                self.generic_signals[brand] = meant
        # each key's votes (class, weight of its source, shared among its classes) and brand
        self.votes: dict[str, tuple[tuple[str, float], ...]] = {}
        self.brands: dict[str, str] = {}
        for key, entries in self.phrases.items():
            voting = best_entries(entries)
            self.votes[key] = tuple((e.code, SOURCE_WEIGHT[e.source] / len(voting))
                                    for e in voting)
            brand = next((e.label for e in entries if e.source in (BRAND, DRUG_BRAND)), None)
            if brand:
                self.brands[key] = brand.title() if brand.islower() else brand
        # the words of every key that may make a line sensitive: a sensitive word, or a
        # word of a phrase with a vote for a sensitive class
        # word of a phrase with a vote for a sensitive class (of a phrase, its longest word:
        # a line holds all of a phrase's words or does not hold the phrase)
        self.sensitive_words = {max(key.split(), key=len) for key in self.signals} | {
            max(key.split(), key=len) for key, votes in self.votes.items()
            if key not in self.ordinary
            and any(code.startswith(SENSITIVE_CLASSES) for code, _ in votes)}
        # the medicine names of the DrugBank and ICD-10-CM lists, of one word: an English INN
        # ends in "e" where the German drops it ("sertraline", "Sertralin")
        self.medicines = frozenset(key for key, entries in self.phrases.items()
                                   if " " not in key and key not in self.ordinary
                                   and any(e.source == DRUG for e in entries))
        self.own_labels = {  # key -> the label as shown ("CVS", "Boots")
            " ".join(tokens(label)): label.upper() if len(label) <= 3 else label.title()
            for label, *_ in read_rows("own_labels.tsv")}
        self.abbreviations = abbreviations()
        self.stopwords = stopwords()
        self.words = {key for key, entries in self.phrases.items() if " " not in key
                      and any(entry.source not in NAMES for entry in entries)} | {
            key for key in self.signals if " " not in key}
        self.brand_names = frozenset(key for key, entries in self.phrases.items()
                                     if all(entry.source == BRAND for entry in entries))
        # one letter wrong leaves a word of six letters or more its first three or its last
        # three letters (a compound's head ends like the compound, a cut word starts like it)
        telling = (self.sensitive_words & self.words) | set(self.signals)
        self._telling_starts = {word[:3] for word in telling}
        self._telling_ends = {word[-3:] for word in telling}
        # long words of ordinary classes by their first two letters: what a till's
        # abbreviation may stand for (never a sensitive class: an abbreviation is a guess)
        self._abbreviated: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            votes = self.votes.get(word, ())
            if len(word) >= MIN_CUT_WORD and votes and word not in self.signals and not any(
                    code.startswith(SENSITIVE_CLASSES) for code, _ in votes):
                self._abbreviated[word[:2]].append(word)
        self._cuts: dict[str, set[str]] = defaultdict(set)
        self._deletions: dict[str, set[str]] = defaultdict(set)
        # medicine names count only as printed: among twenty thousand of them, a brand or a
        # misread word would too often come within one letter of one
        for word in self.words:
            if len(word) < MIN_CUT_WORD:
                continue  # tills cut long words; a short one cut is another word ("short")
            for end in range(max(MIN_CUT, int(len(word) * CUT_SHARE + 0.5)), len(word)):
                self._cuts[word[:end]].add(word)
            if len(word) >= MIN_FUZZY:
                for position in range(len(word)):
                    self._deletions[word[:position] + word[position + 1:]].add(word)

    def add(self, key: str, entry: Entry) -> None:
        if key and entry not in self.phrases[key]:
            self.phrases[key].append(entry)

    def known(self, word: str) -> bool:
        """A word of the vocabularies as printed (medicine names included)."""
        return word in self.phrases or word in self.signals

    def find_word(self, word: str, guess: bool = True) -> tuple[str, str] | None:
        """The vocabulary word ``word`` stands for and how it was found: ``exact``, ``ending``
        (a plural or case ending off), ``head`` (the last part of a compound), ``cut`` (a
        word cut off by the till), ``fuzzy`` (one letter wrong, lost or added) or, with ``guess``,
        ``abbrev`` (a till's abbreviation of a compound: ``_abbreviation``)."""
        if self.known(word):
            return word, "exact"
        if len(word) >= MIN_INN_SPELLING and word + "e" in self.medicines:
            return word + "e", "ending"  # the German INN: "Sertralin", "Venlafaxin"
        for ending in ENDINGS:
            stem = word[:-len(ending)]
            if word.endswith(ending) and len(stem) >= 3 and self.known(stem) and not (
                    ending == "s" and stem.endswith(SIBILANTS)) and stem not in self.brand_names:
                return stem, "ending"
        if len(word) >= MIN_HEAD + 3:
            for start in range(2, len(word) - MIN_HEAD + 1):
                head = word[start:]
                if head in self.words and head not in self.whole_only:
                    return head, "head"
        if len(word) >= 2 * MIN_HEAD:  # the first part of a compound with an unknown head
            for end in range(len(word) - MIN_HEAD, MIN_HEAD - 1, -1):
                if word[:end] in self.words and word[:end] not in self.whole_only:
                    return word[:end], "start"
        cut = self._cuts.get(word)
        if cut:
            return min(cut, key=lambda w: (len(w), w)), "cut"
        if len(word) >= MIN_FUZZY - 1:
            found = self._fuzzy(word)
            if found:
                return found
        return self._abbreviation(word) if guess else None

    def _abbreviation(self, word: str) -> tuple[str, str] | None:
        """The word a till abbreviated to ``word`` by keeping the start of its parts
        (``toipa``: toilettenpapier, ``schnbr``: schneidebrett, ``spbl``: spannbettlaken):
        the words beginning as ``word`` does that hold its letters in order in the fewest
        runs (two or three: one run is a cut word), the shortest of them; None when they
        disagree on the division. A guess: ``products.classify`` counts it only where nothing
        else on the line is understood."""
        if len(word) < MIN_ABBREVIATION:
            return None
        ranked = sorted((segments(word, candidate), len(candidate), candidate)
                        for candidate in self._abbreviated.get(word[:2], ())
                        if len(word) + 3 <= len(candidate) <= MAX_SPREAD * len(word))
        best = [(runs, length, w) for runs, length, w in ranked
                if 1 < runs <= MAX_SEGMENTS and (runs, length) == ranked[0][:2]]
        if not best or len({code[:2] for *_, w in best for code, _ in self.votes[w]}) != 1:
            return None
        return best[0][2], "abbrev"

    def may_be_sensitive(self, word: str) -> bool:
        """False only where ``word`` cannot make a line sensitive in any form the classifier
        reads it (as printed, written out, the head or start of a compound, cut off or
        misprinted): the quick test before a line is read in full."""
        if word in self.sensitive_words or word + "e" in self.medicines:
            return True
        if word in self.abbreviations:
            return any(part in self.sensitive_words for part in self.abbreviations[word])
        if len(word) < 4 or word in self.phrases or (
                word[:3] not in self._telling_starts and word[-3:] not in self._telling_ends):
            return False
        found = self.find_word(word, guess=False)  # an abbreviation is never sensitive
        if found and found[0] in self.sensitive_words:
            return True
        return any(word[:end] in self.signals for end in range(6, len(word) - 2))

    def _fuzzy(self, word: str) -> tuple[str, str] | None:
        candidates = set(self._deletions.get(word, ()))  # a letter lost in print
        for position in range(len(word)):
            shorter = word[:position] + word[position + 1:]
            if shorter in self.words and len(shorter) >= MIN_FUZZY:
                candidates.add(shorter)  # a letter added
            candidates |= self._deletions.get(shorter, set())  # a letter wrong
        candidates -= self.whole_only
        return (min(candidates), "fuzzy") if candidates else None


def segments(short: str, word: str) -> int:
    """In how few runs of ``word`` the letters of ``short`` stand in order, each run after
    the last (greedy: each run as long as it goes); a large number when they do not."""
    runs, position, index = 0, 0, 0
    while index < len(short):
        position = word.find(short[index], position)
        if position < 0:
            return MAX_SEGMENTS + 1
        runs += 1
        while index < len(short) and position < len(word) and word[position] == short[index]:
            index, position = index + 1, position + 1
    return runs


def best_entries(entries: list[Entry]) -> list[Entry]:
    """The entries with a class from the most trusted source (the project's own lists where
    they name the key)."""
    coded = [e for e in entries if e.code is not None]
    if not coded:
        return []
    best = max(SOURCE_WEIGHT[e.source] for e in coded)
    return [e for e in coded if SOURCE_WEIGHT[e.source] == best]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The one lexicon of the process, built on first use from ``products/data``."""
    return Lexicon()
