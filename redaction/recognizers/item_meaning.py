"""Sensitive items found by what they are, not only by the words of a list.

Each item line (the parsed items' lines, or without a parse every line ending in an amount)
is read by the product classifier (``products.classify``): a line whose class is sensitive
(medicines, medical products and devices, health services, devotional articles, religion,
political parties and unions) or which holds a sensitive word in any of its forms
(``HIV``, ``SCHWANGERSCHAFSTEST`` misprinted, ``Diabetikerschokolade``) gives one finding per
special category over the whole line. The finding carries the signals and the class, so
that the policy can decide by them (``06.1.1=kept``, ``medicine=masked``).

On a pharmacy's receipt (``products.shop_context``: its merchant name or header lines name a
pharmacy, not a drugstore) every item line is read, and one the classifier leaves unknown or
knows with confidence under 0.5 is health, signal ``pharmacy_item`` (``pharmacy_item=kept``
in the policy turns this off). Without a parse, the lines ending in an amount that name a
total, tax, payment or change (``NOT_ITEM``) are no items there.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

import products
from ocr.types import OcrPage, ParsedReceipt
from redaction.findings import Finding, span_boxes
from redaction.recognizers.base import Candidate, Recognizer
from redaction.text import folded_text

# a line that ends in an amount (and maybe a tax letter), in folded text
AMOUNT_AT_END = re.compile(r"\d[.,]\d{2}\s*(?:[a-z*]{1,2}\s*)?$")
WORD = re.compile(r"[a-z]{2,}")  # every word the classifier could read, and some more
SURE = 1.0      # a sensitive class read with some confidence, or a sensitive word
UNSURE = 0.6    # a sensitive class guessed from little: still reported (min_score 0.5)
CONFIDENT = 0.5
# the words of totals, tax, payment, change and discount lines, as ``ocr.parse.vocabulary``
# has them for its roles (redaction may import only ``ocr.types``): the languages' common ones
NOT_ITEM = re.compile(
    r"\b(?:summe|gesamt\w*|zwischensumme|zu zahlen|betrag|mwst|ust|steuer|netto|brutto|bar|"
    r"bargeld|gegeben|r[uo]e?ckgeld|zur[uo]e?ck|wechselgeld|ec|\w*karte|\w*zahlung|rabatt|"
    r"nachlass|gutschein|einzelpreis|total|subtotal|sub total|tax|vat|gst|cash|change|"
    r"tendered|card|visa|mastercard|amex|debit|credit|payment|paid|discount|savings|coupon|"
    r"balance|due|montant|tva|especes|rendu|totale|iva|contanti|resto|importe|efectivo|"
    r"cambio|btw|contant|wisselgeld|moms|kontant|suma|reszta|gotowka)\b")
NAME = re.compile(r"[a-z]{3,}")  # an item has a word of three letters or more
CURRENCIES = {"eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "czk"}


class ItemMeaningRecognizer(Recognizer):
    name = "item_meaning"
    category = "health"  # one of several: each finding names its own

    def applies_to(self, page: OcrPage) -> bool:
        return True

    def lines_to_check(self, page: OcrPage, parsed: ParsedReceipt | None = None,
                       folded: list[str] | None = None) -> Iterable[int]:
        if parsed is not None and parsed.items:
            return sorted({item.line_index for item in parsed.items if item.line_index >= 0})
        folded = folded if folded is not None else folded_text(page).split("\n")
        return [index for index, text in enumerate(folded) if AMOUNT_AT_END.search(text)]

    def analyze(self, page: OcrPage, parsed: ParsedReceipt | None = None) -> list[Finding]:
        folded = folded_text(page).split("\n")  # the analyzer folds the page once
        # each line's words as the classifier folds them: redaction's own fold keeps the
        # text's length and leaves "ø", "ł", "å" standing inside a word ("ØJENDRÅBER")
        lines = {index: set(WORD.findall(products.fold(page.lines[index].text)))
                 for index in self.lines_to_check(page, parsed, folded)}
        telling = products.sensitive_words(set().union(*lines.values()))
        context = pharmacy(page, parsed, lines)
        findings = []
        for index, words in lines.items():
            line = page.lines[index]
            if context and (parsed is not None and parsed.items or may_be_item(folded[index])):
                product = products.sensitive_meaning(line.text, context)
            elif telling.isdisjoint(words) and not products.says_pharmacy(folded[index]) \
                    and not products.counts_cycles(folded[index]):
                continue  # no word of the line can mean anything sensitive: most lines
            else:
                product = products.sensitive_meaning(line.text)
            if product is None:
                continue
            score = SURE if product.confidence >= CONFIDENT or not product.code else UNSURE
            meaning = (*product.signals, *([product.code] if product.code else []))
            boxes = span_boxes(line, 0, len(line.text))
            for category in sorted(products.categories(product.signals)):
                findings.append(Finding(category, self.name, index, 0, len(line.text), score,
                                        boxes, meaning))
        return findings

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        return iter(())  # analyze() above reads whole lines


def pharmacy(page: OcrPage, parsed: ParsedReceipt | None, items: dict[int, set]) -> str | None:
    """``products.PHARMACY`` when the receipt is a pharmacy's: its merchant's name or the
    lines above its first item (at most ``HEADER_LINES``) say so."""
    first = min(items, default=len(page.lines))
    header = [line.text for line in page.lines[:min(first, products.HEADER_LINES)]]
    return products.shop_context(header, parsed.merchant if parsed is not None else None)


def may_be_item(folded: str) -> bool:
    """A line ending in an amount, read without a parse, may be an item: it has a name and
    no word of a total, tax, payment or change line."""
    return any(word not in CURRENCIES for word in NAME.findall(folded)) and not (
        NOT_ITEM.search(folded))
