"""Sensitive items found by what they are, not only by the words of a list.

Each item line (the parsed items' lines, or without a parse every line ending in an amount)
is read by the product classifier (``products.classify``): a line whose class is sensitive
(medicines, medical products and devices, health services, devotional articles, religion,
political parties and unions) or which holds a sensitive word in any of its forms
(``HIV``, ``SCHWANGERSCHAFSTEST`` misprinted, ``Diabetikerschokolade``) gives one finding per
special category over the whole line. The finding carries the signals and the class, so
that the policy can decide by them (``06.1.1=kept``, ``medicine=masked``).
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
        lines = {index: set(WORD.findall(folded[index]))
                 for index in self.lines_to_check(page, parsed, folded)}
        telling = products.sensitive_words(set().union(*lines.values()))
        findings = []
        for index, words in lines.items():
            if telling.isdisjoint(words):
                continue  # no word of the line can mean anything sensitive: most lines
            line = page.lines[index]
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
