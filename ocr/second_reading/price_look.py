"""A second reading of the price column, for receipts whose items do not add up.

Watermarks, show-through and logos printed behind the prices make tesseract misread them
(``0589: 6`` for ``0,89 C``). RapidOCR's recogniser, given only the price column of a line
(``ocr.second_reading.price_column``) with faint print whitened, reads them well and cheaply (tens of
milliseconds a line, no detection). The line's words in the column are replaced by the new
reading, boxed around the ink it came from, and the page is parsed again.

In two steps, the second only when the first did not make the items add up: first the item
lines whose price tesseract did not read or read unsure (a word below ``SURE``; those above
agreed with RapidOCR on 140 of 144 prices of the real scans), then the others. Where the two
readings give different prices (at most ``MAX_DOUBTS`` lines), each choice is tried.

The new reading is kept only when its items add up, the total is confirmed at least as well
as before (the same total when it was confirmed already), merchant and date stay, and no
other choice adds up with other prices: a receipt never becomes silently wrong. Lines with
masking marks in the column (``XXXX1155``) are left as they are, so redaction finds them as
the first reading had them; where tesseract read eight digits or more there (a terminal id,
or a garbled price), only a plain price read surely replaces them.
"""
from __future__ import annotations

import re
from datetime import date
from itertools import product

from PIL import Image

from ocr.parse import parse
from ocr.parse.amounts import item_amount_at_end
from ocr.parse.totals import CONFIRMED
from ocr.read.engine import OcrEngine, TesseractEngine, engine_input
from ocr.read.layout import split_run
from ocr.second_reading.price_column import (
    band,
    column_words,
    description,
    ink_box,
    item_rows,
    long_number,
    masked,
    price_column,
    price_words,
)
from ocr.types import Line, OcrPage, ParsedReceipt

MIN_SCORE = 0.5  # RapidOCR readings below this score are left out
PLAIN_SCORE = 0.9  # a plain price read where tesseract read a long number: this sure
PLAIN_PRICE = re.compile(r"-?\d{1,4}[.,]\d{2}-?(?: ?[A-Z0-9])?")  # 29,98 1 / 0,89C / 12.99
SURE = 0.8  # tesseract's confidence in every word of a price it need not read again
MAX_DOUBTS = 3  # lines where both readings hold different prices, each choice tried
# Marks the recogniser puts before an amount (``¥0,89C``, ``.0,99C``): not part of it.
MARKS_BEFORE_AMOUNT = re.compile(r"(?<!\S)[^\w\s-]+(?=\d)")
# Chinese characters the recogniser (trained on Chinese too) reads for a blot (``3,99日``)
CHINESE = re.compile(r"[\u3000-\u9fff]+")
# A tax class letter closing the reading, which the recogniser may read small (``1,59 v``)
CLASS_LETTER = re.compile(r"(?<=\d )[a-z]$")


def price_look(image: Image.Image, engine: OcrEngine, page: OcrPage, receipt: ParsedReceipt,
               today: date | None = None) -> tuple[OcrPage, ParsedReceipt]:
    """The first reading, or one with prices read again when only that one adds up. Only
    after tesseract: RapidOCR reading first needs no second look."""
    if receipt.items_add_up or not isinstance(engine, TesseractEngine):
        return page, receipt
    from ocr.read.rapid import recognise_lines  # optional dependency, imported when used
    rows = item_rows(page)
    if not rows:
        return page, receipt
    left, right = price_column(page, rows)
    bands = {i: band(page.lines[i], left, right, page.height) for i in rows}
    whitened = whitened_column(image, min(b[0] for b in bands.values()), right)
    column = {i: column_words(page.lines[i], bands[i][0]) for i in rows}
    inks = {i: ink for i in rows if not masked(column[i])
            and (ink := ink_box(whitened, bands[i])) is not None}  # rows with print to read
    numbers = {i for i in inks if long_number(column[i])}
    unsure = [i for i in inks if i not in numbers and not sure(page.lines[i])]
    new_lines: dict[int, Line] = {}
    for step in (unsure, [i for i in inks if i not in unsure]):
        if not step:
            continue
        readings = recognise_lines([whitened.crop(bands[i]) for i in step])
        for index, (text, score) in zip(step, readings):
            text = cleaned(text)
            if index in numbers and not (score >= PLAIN_SCORE and PLAIN_PRICE.fullmatch(text)):
                continue
            if score >= MIN_SCORE and item_amount_at_end(text):
                kept = description(page.lines[index], bands[index][0])
                new_lines[index] = Line(kept + split_run(text, inks[index], score))
        chosen = choose(page, receipt, new_lines, today)
        if chosen:
            return chosen
    return page, receipt


def whitened_column(image: Image.Image, left: int, right: int) -> Image.Image:
    """The image as the tesseract engine sees it, faint print whitened, in the column only
    (the rest left white): a third to half the time of the whole image."""
    whitened = Image.new("L", image.size, 255)
    whitened.paste(engine_input(image.crop((left, 0, right, image.height)), True, True),
                   (left, 0))
    return whitened


def cleaned(text: str) -> str:
    """RapidOCR's reading of a price, without what it reads for blots and marks."""
    text = MARKS_BEFORE_AMOUNT.sub("", CHINESE.sub(" ", text)).strip()
    return CLASS_LETTER.sub(lambda letter: letter.group().upper(), text)


def sure(line: Line) -> bool:
    """Tesseract read a price closing the line, every word of it confidently."""
    words = price_words(line)
    return bool(words) and min(w.confidence for w in words) >= SURE


def choose(page: OcrPage, first: ParsedReceipt, new_lines: dict[int, Line],
           today: date | None) -> tuple[OcrPage, ParsedReceipt] | None:
    """The page with the new lines where that adds up better than the first reading; each
    choice between two different prices tried (all new first); None when no choice, or
    more than one choice with different items, adds up."""
    doubts = sorted(i for i, line in new_lines.items() if price_of(page.lines[i]) is not None
                    and price_of(page.lines[i]) != price_of(line))
    if len(doubts) > MAX_DOUBTS:
        doubts = []  # all new only
    found: list[tuple[OcrPage, ParsedReceipt]] = []
    for keep_old in product((False, True), repeat=len(doubts)):
        old = {i for i, keep in zip(doubts, keep_old) if keep}
        lines = [page.lines[i] if i in old else new_lines.get(i, page.lines[i])
                 for i in range(len(page.lines))]
        if all(a is b for a, b in zip(lines, page.lines)):
            continue
        page_again = OcrPage(page.width, page.height, lines, page.engine)
        again = parse(page_again, today=today, country=first.country)
        if better(again, first):
            found.append((page_again, again))
    amounts = {tuple(item.amount for item in receipt.items) for _, receipt in found}
    return found[0] if len(amounts) == 1 else None


def price_of(line: Line):
    found = item_amount_at_end(line.text)
    return found[0] if found else None


def better(again: ParsedReceipt, first: ParsedReceipt) -> bool:
    """The new reading adds up, its total is confirmed at least as well (the same total
    when the first was confirmed), and merchant and date stay as they were."""
    total_first = first.confidence.get("total", 0.0)
    total_again = again.confidence.get("total", 0.0)
    return (again.items_add_up and total_again >= total_first
            and (total_first < CONFIRMED or again.total == first.total)
            and (again.merchant, again.purchase_date) == (first.merchant, first.purchase_date))
