"""Operators: apply a decision to the OCR text, the parsed receipt and the image."""
from __future__ import annotations

import copy
import dataclasses

from PIL import Image, ImageDraw

from ocr.types import Box, Line, OcrPage, ParsedReceipt, Word
from redaction.policy import Decision

MASK = "*"


def redact_receipt(page: OcrPage, parsed: ParsedReceipt,
                   decision: Decision) -> tuple[OcrPage, ParsedReceipt]:
    """Copies of ``page`` and ``parsed`` with the decision applied.

    Masked spans become ``*`` (the whole span, card digits included). Removed lines keep their
    place, so line indexes stay valid, but every character of them becomes ``*``. Items on a
    removed line, or whose description is (part of) a removed line's text, are dropped; a
    merchant name printed on a removed line is dropped too. Item descriptions (and the merchant)
    lose masked fragments. Totals, date and currency are left alone: they are what was paid.
    """
    if decision.remove_receipt:
        raise ValueError("the receipt is to be removed, not redacted")
    lines = []
    fragments: list[str] = []
    for index, line in enumerate(page.lines):
        if index in decision.removed_lines:
            spans = [(0, len(line.text))]
        else:
            spans = decision.masked_spans.get(index, [])
            fragments += [part for start, end in spans for part in line.text[start:end].split()]
        lines.append(mask_line(line, spans))
    removed_texts = [squeeze(page.lines[index].text) for index in decision.removed_lines]
    items = [dataclasses.replace(item, description=mask_fragments(item.description, fragments))
             for item in parsed.items if item.line_index not in decision.removed_lines
             and not on_removed_line(item.description, removed_texts)]
    merchant = parsed.merchant
    if merchant and on_removed_line(merchant, removed_texts):
        merchant = None
    merchant = mask_fragments(merchant, fragments) if merchant else merchant
    new_page = dataclasses.replace(page, lines=lines)
    new_parsed = dataclasses.replace(parsed, items=items, merchant=merchant,
                                     confidence=copy.copy(parsed.confidence))
    return new_page, new_parsed


def squeeze(text: str) -> str:
    return " ".join(text.casefold().split())


def on_removed_line(text: str, removed_texts: list[str]) -> bool:
    """True when ``text`` (an item description, a merchant) was read from a removed line."""
    text = squeeze(text)
    return bool(text) and any(text in removed or (len(removed) > 3 and removed in text)
                              for removed in removed_texts)


def mask_line(line: Line, spans: list[tuple[int, int]]) -> Line:
    """A copy of ``line`` whose characters inside ``spans`` are ``*``; word boxes are kept."""
    hidden = {position for start, end in spans for position in range(start, end)}
    words = []
    for word, (start, _) in zip(line.words, line.word_spans()):
        text = "".join(MASK if start + offset in hidden else char
                       for offset, char in enumerate(word.text))
        words.append(Word(text, word.box, word.confidence))
    return Line(words)


def mask_fragments(text: str, fragments: list[str]) -> str:
    """Replace each masked fragment found in ``text`` by stars (longest fragments first)."""
    for fragment in sorted(set(fragments), key=len, reverse=True):
        text = text.replace(fragment, MASK * len(fragment))
    return text


def paint(image: Image.Image, decision: Decision, margin: int = 4) -> Image.Image:
    """A new image with a solid black rectangle over every paint box, grown by ``margin``.

    Boxes are in the coordinates of the page the engine read (``decision.page_size``); if
    ``image`` is a resized copy of that page the boxes are scaled to it.
    """
    if decision.remove_receipt:
        raise ValueError("the receipt is to be removed, not painted")
    painted = image.copy() if image.mode in ("1", "L", "RGB", "RGBA") else image.convert("RGB")
    scale_x, scale_y = 1.0, 1.0
    if decision.page_size and min(decision.page_size) > 0:
        scale_x = image.width / decision.page_size[0]
        scale_y = image.height / decision.page_size[1]
    black = (0, 0, 0, 255) if painted.mode == "RGBA" else (0, 0, 0) if painted.mode == "RGB" else 0
    draw = ImageDraw.Draw(painted)
    for box in decision.paint_boxes:
        draw.rectangle(scaled_rectangle(box, scale_x, scale_y, margin), fill=black)
    return painted


def scaled_rectangle(box: Box, scale_x: float, scale_y: float,
                     margin: int) -> tuple[int, int, int, int]:
    """Inclusive pixel corners of ``box`` in image coordinates, grown by ``margin``."""
    margin_x, margin_y = margin * max(scale_x, 1.0), margin * max(scale_y, 1.0)
    left = int(box.left * scale_x - margin_x)
    top = int(box.top * scale_y - margin_y)
    right = int(box.right * scale_x + margin_x + 0.999) - 1
    bottom = int(box.bottom * scale_y + margin_y + 0.999) - 1
    return max(left, 0), max(top, 0), right, bottom
