"""An authorisation code whose cue OCR garbled past reading ("Fee gate ; 153838",
"avene Nags Nr 209020", "BAULOF-NF.: LJCHFO", "u u 600941"), on a card payment slip.

Card terminals print the code as six letters and digits (ISO 8583's approval code) on a line
of the slip beside its label. The slip's other six-character values have labels a terminal
always prints (Trace-Nr, TA-Nr, Referenznummer, Vertragsnr, Beleg-Nr, ...), which OCR reads
most of the time, also with a letter wrong ("Traoe-Nr", "Trecenr"). So on the slip a
six-character code whose label reads as none of them, or is no readable label at all, counts
as the authorisation code and is masked: at worst a trace number is masked with it, never an
item (a line with an amount on it is not looked at, nor anything outside the slip)."""
from __future__ import annotations

import re

from ocr.types import OcrPage, ParsedReceipt
from redaction.findings import Finding, span_boxes
from redaction.fuzzy import distance, skeleton
from redaction.recognizers.base import Recognizer
from redaction.recognizers.card_number import CARD_WORDS, DATE_OR_TIME
from redaction.text import fold, lines_matching, strip_noise, trie_pattern

SLIP_WORDS = (*CARD_WORDS, "kartenzahlung", "terminal", "kundenbeleg", "handlerbeleg",
              "contactless", "kontaktlos", "emv", "trace", "vu-n", "zahlung erfolgt")
SLIP = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in SLIP_WORDS if len(w) <= 3)
                  + r")(?![^\W_])|" + trie_pattern([w for w in SLIP_WORDS if len(w) > 3]))
AFTER_SLIP = 8  # lines after the last slip word that still belong to the slip
# the code at the end of the line: six letters and digits, maybe a garbled sign after them
CODE_AT_END = re.compile(r"(?<!\S)[*#]?(?P<code>[A-Za-z0-9]{6})[^\s\w]?\s*$")
AMOUNT = re.compile(r"\d+[.,]\d{2}(?!\d)")
VOWELS = set("AEIOU")
# labels a terminal prints beside its other values (letters only, as printed or nearly)
HARMLESS_LABELS = (
    "terminal", "trace", "tracenr", "beleg", "bnr", "tanr", "vunr", "vunummer", "posinfo",
    "aszeit", "zeit", "proc", "capt", "ref", "referenz", "betrag", "eur", "datum", "uhrzeit",
    "kartenfolge", "folge", "vertrag", "emv", "aid", "app", "kasse", "filiale", "bon",
    "transaktion", "vorgang", "steuer", "ust", "mwst", "netto", "brutto", "summe", "bediener",
    "kassierer", "lade", "tse", "serien", "signatur", "punkte", "artikel", "art", "ean", "plu",
    "menge", "stnr", "betreiber", "astrace", "snnr", "agentur", "karte", "girocard", "debit",
    "credit", "maestro", "visa", "mastercard", "kunde", "mitglied", "payback", "filialnr",
    "markt", "station", "zapf", "saule", "pumpe", "liter", "datum", "konto", "kto", "blz",
    "iban", "bic", "mandat", "glaubiger", "telefon", "tel", "fax", "plz", "uid", "bestell",
    "auftrag", "rechnung", "lieferschein", "quittung", "order", "invoice", "receipt", "trans",
    "stan", "rrn", "tid", "mid", "batch", "seq", "merchant", "date", "time", "amount",
)

LONG_LABELS = tuple(label for label in HARMLESS_LABELS if len(label) >= 5)


def harmless_label(label: str) -> bool:
    """True when a word of ``label`` begins with one of the slip's harmless labels, as printed
    or (labels of five letters or more) with one letter wrong."""
    for word in label.split():
        letters = skeleton(word)
        if letters.startswith(HARMLESS_LABELS):
            return True
        for known in LONG_LABELS:
            if distance(letters[:len(known)], known, 1) <= 1 and (
                    len(letters) >= len(known) - 1):
                return True
    return False


def ends_in_code(text: str) -> bool:
    """A cheap test: the line's last word has six to eight characters, the sixth a letter or
    a digit."""
    last = text[-9:].rsplit(None, 1)[-1] if text.strip() else ""
    return 6 <= len(last) <= 8 and last[-1] != "," and bool(CODE_AT_END.match(last))


def code_like(code: str) -> bool:
    """Letters and digits as an approval code has them: a digit among them, or capitals
    with at most one vowel (a word such as ONLINE or CREDIT is no code)."""
    if any(char.isdigit() for char in code):
        return not code.isdigit() or len(set(code)) > 1  # "000000" is filler
    return code.isupper() and sum(char in VOWELS for char in code) <= 1


class SlipCodeRecognizer(Recognizer):
    name = "slip_code"
    category = "auth_code"
    score = 0.8

    def analyze(self, page: OcrPage, parsed: ParsedReceipt | None = None) -> list[Finding]:
        texts = [line.text for line in page.lines]
        ends = [index for index, text in enumerate(texts) if ends_in_code(text)]
        if not ends:  # few lines end in a code: look at those first
            return []
        marked = lines_matching(SLIP, fold("\n".join(texts)))
        if not marked:
            return []
        findings = []
        for index in ends:
            if not marked[0] <= index <= marked[-1] + AFTER_SLIP:
                continue
            line = texts[index]
            match = CODE_AT_END.search(line)
            if (not match or not code_like(match.group("code")) or AMOUNT.search(line)
                    or DATE_OR_TIME.search(line)):
                continue
            if harmless_label(self.label(page, index, match.start())):
                continue
            start, end = match.start(), len(line.rstrip())
            findings.append(Finding(self.category, self.name, index, start, end, self.score,
                                    span_boxes(page.lines[index], start, end)))
        return findings

    @staticmethod
    def label(page: OcrPage, index: int, end: int) -> str:
        """The words before the code on its line; if there are none but noise, the line above
        (a label printed above its value), unless that holds digits of its own."""
        text = page.lines[index].text[:end]
        start, stop = strip_noise(text)
        if any(char.isalpha() for char in text[start:stop]) or index == 0:
            return text[start:stop]
        above = page.lines[index - 1].text
        return "" if any(char.isdigit() for char in above) else above
