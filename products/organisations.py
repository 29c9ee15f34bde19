"""Payments to a party or a union named by one word of its name, or by its short name.

A line that pays a membership fee or a donation (the fee words below) and holds a word of the name of a political party, a trade union
that ``data/meanings.tsv`` lists (``GRUENE`` of "die Grünen", ``LABOUR`` of "Labour
Party", ``METALL`` of "IG Metall") is a payment to it: the name's other words, which the list needs as a phrase, need not be printed.
Without a fee word the same words stay ordinary ("Grüne Bohnen", "Party cups").
"""
from __future__ import annotations

import re
from functools import lru_cache

from products.lexicon import lexicon, read_rows
from products.meaning import POLITICAL, TRADE_UNION

ORGANISED = (POLITICAL, TRADE_UNION)  # a religious body's name words are also things'
# what a line paying a member's fee or a donation says, German, English, French, Spanish,
# Italian and Dutch (CC0)
FEES = frozenset({
    "beitrag", "mitgliedsbeitrag", "jahresbeitrag", "monatsbeitrag", "beitraege", "spende",
    "spenden", "mitgliedschaft", "foerderbeitrag", "dues", "donation", "donations",
    "membership", "contribution", "contributions", "pledge", "subs", "subscription",
    "cotisation", "cotisations", "adhesion", "don", "dons", "cuota", "cuotas", "afiliado",
    "afiliada", "afiliacion", "donacion", "donativo", "aportacion", "tessera", "quota",
    "iscrizione", "contributo", "donazione", "contributie", "lidmaatschap", "donatie",
    "bijdrage", "colaboracion", "versamento",
    # Portuguese, Polish, Swedish, Danish, Norwegian, Finnish, Czech, Slovak, Hungarian,
    # Croatian, Slovenian, Estonian, Turkish, Malay and Indonesian (session 10)
    "quotas", "quotizacao", "mensalidade", "contribuicao", "filiacao", "anuidade", "doacao",
    "donativos", "skladka", "skladki", "skladke", "darowizna", "darowizny", "czlonkowska",
    "czlonkowskie", "medlemsavgift", "medlemsavgifter", "arsavgift", "medlemskap", "bidrag",
    "gava", "kontingent", "medlemskontingent", "medlemskab", "indmeldelse", "jasenmaksu",
    "jasenmaksut", "lahjoitus", "kannatusmaksu", "prispevek", "prispevky", "prispevok",
    "clensky", "clenske", "clenstvi", "clenstvo", "dar", "tagdij", "tagdijak", "adomany",
    "hozzajarulas", "tagsag", "clanarina", "donacija", "doprinos", "liikmemaks",
    "liikmemaksud", "annetus", "toetus", "aidat", "aidati", "bagis", "bagisi", "uyelik",
    "yuran", "iuran", "sumbangan", "keahlian", "keanggotaan", "donasi",
    # session 11: what a member pays besides dues (English, Dutch)
    "fee", "fees", "renewal", "lidgeld", "lidmaatschapsbijdrage"})
CHARGES = frozenset({"fee", "fees"})  # what any service charges, too
FEE_ENDINGS = ("beitrag", "spende")  # German compounds: "Mitgliedsbeitrag", "Parteispende"
# a fee line of a party or a union that names itself so ("DONATION AAM AADMI PARTY", "SDA
# UNION FEES", "UNIFOR LOCAL 444 DUES": the local branch of a North American union by its
# number); a credit union is a bank, a student union not a workers'
PARTY_WORDS = frozenset({"party", "partei", "parti", "partido", "partito", "partij"})
UNION_WORDS = frozenset({"union", "unions", "gewerkschaft", "syndicat", "sindicato",
                         "sindacato", "vakbond", "ig"})  # IG: a German Industriegewerkschaft
NOT_UNIONS = frozenset({"credit", "student", "students", "european", "eu"})
BRANCH = re.compile(r"\blocal\s?#?\d+\b")
MIN_NAME_WORD = 4
# words of the names that say nothing of whom alone ("Unite Here", "Super PAC", "Freie Wähler")
GENERIC = frozenset({
    "fund", "here", "super", "unite", "united", "trade", "strike", "reform", "junge", "freie",
    "action", "committee", "campaign", "cockpit", "political", "politische", "party", "partei",
    "union", "labor", "vereinigung",
    # session 10: "movement", "association", "organisation", "party" (Hungarian "párt" is
    # English "part"), "page", "law", "freedom" (and the commonest Czech surname), "workers",
    # "civil servant" (a Turkish housing cooperative's dues), "initiative", "platform"
    "part", "strana", "strane", "stranka", "stranke", "svaz", "zvaz", "zvaez", "zwiazek",
    "zwiazki", "zawodowy", "zawodowe", "organizace", "organizacia", "prawo", "platforma",
    "svoboda", "gibanje", "pokret", "hareket", "adalet", "yeniden", "kalkinma", "memur",
    "pekerja", "iniciativa", "forca"})
ENDINGS = ("en", "n", "e", "s", "")


def stem(word: str) -> str:
    for ending in ENDINGS:
        if ending and word.endswith(ending) and len(word) - len(ending) >= MIN_NAME_WORD:
            return word[:-len(ending)]
    return word


@lru_cache(maxsize=1)
def name_words() -> dict[str, frozenset[str]]:
    """Stem of each word of a listed organisation's name of several words, and each short
    name of ``data/organisations.tsv`` as it stands -> its signals."""
    lex, found = lexicon(), {}
    for signal, names in read_rows("organisations.tsv"):
        for name in names.split(","):
            key = name.strip()
            found[key] = found.get(key, frozenset()) | {signal.strip()}
    for key, signals in lex.signals.items():
        organised = signals & set(ORGANISED)
        if " " not in key or not organised:
            continue
        for word in key.split():
            if len(word) >= MIN_NAME_WORD and word not in lex.stopwords and word not in FEES \
                    and word not in GENERIC \
                    and not lex.votes.get(word):  # "super", "fund": words of products too
                found[stem(word)] = found.get(stem(word), frozenset()) | organised
    return found


def organisation_signals(words: list[str], text: str = "") -> set[str]:
    """The signals of a fee or donation line naming an organisation by one word of its name,
    or calling itself a party's or a union's (``text``: the line as printed, for a union
    local's number). A fee alone ("ATM FEE", "GREENS FEE") names nobody's membership: a name
    or a party counts on a line of dues, a membership or a donation."""
    paid = not FEES.isdisjoint(set(words) - CHARGES) or any(
        word.endswith(FEE_ENDINGS) for word in words)
    if not paid and CHARGES.isdisjoint(words):
        return set()
    found: set[str] = set()
    if paid:
        names = name_words()
        found = set().union(*(names.get(word, frozenset()) | names.get(stem(word), frozenset())
                              for word in words))
        if not PARTY_WORDS.isdisjoint(words):
            found.add(POLITICAL)  # a party's donation or membership; a birthday party's fee not
    if not UNION_WORDS.isdisjoint(words) or BRANCH.search(text.lower()):
        found.add(TRADE_UNION)
    if not NOT_UNIONS.isdisjoint(words):
        found.discard(TRADE_UNION)
    return found


@lru_cache(maxsize=1)
def telling_words() -> frozenset[str]:
    """Every word ``organisation_signals`` may look at: fee words and names' words with
    each ending."""
    return FEES | {name + ending for name in name_words() for ending in ENDINGS}


def may_matter(word: str) -> bool:
    return word in telling_words() or word.endswith(FEE_ENDINGS)
