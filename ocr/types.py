"""Plain data passed between the OCR engine, the parser, redaction and the pipeline.

Coordinates are pixels of the image that was handed to the engine (the prepared image),
origin top-left. Nothing here knows about Flask, databases or storage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Below this confidence on any key field a person reviews the receipt (the pipeline, the
# evaluation and the confidences the parser gives are set against it).
REVIEW_THRESHOLD = 0.6
KEY_FIELDS = ("merchant", "purchase_date", "total")


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def union(self, other: "Box") -> "Box":
        left, top = min(self.left, other.left), min(self.top, other.top)
        right, bottom = max(self.right, other.right), max(self.bottom, other.bottom)
        return Box(left, top, right - left, bottom - top)


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    confidence: float  # 0..1


@dataclass
class Line:
    """One printed line of the receipt, words left to right, joined by single spaces."""

    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        box = self.words[0].box
        for word in self.words[1:]:
            box = box.union(word.box)
        return box

    def word_spans(self) -> list[tuple[int, int]]:
        """Character span of each word inside ``self.text``."""
        spans, pos = [], 0
        for word in self.words:
            spans.append((pos, pos + len(word.text)))
            pos += len(word.text) + 1
        return spans


# The engine name of a page read from a document's own text (a PDF's text layer), not by OCR.
TEXT_LAYER = "text_layer"


@dataclass
class OcrPage:
    width: int
    height: int
    lines: list[Line]
    engine: str = ""

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class ParsedItem:
    description: str
    amount: Decimal
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    line_index: int = -1  # index into OcrPage.lines
    confidence: float = 1.0
    repaired: bool = False  # price read without its separator, put right by the sum (ocr.parse.repair)


@dataclass
class ParsedReceipt:
    merchant: str | None = None
    purchase_date: date | None = None
    currency: str | None = None
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    items: list[ParsedItem] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)  # per field, 0..1
    country: str | None = None  # where the receipt reads as printed (ocr.parse.locale)
    day_first: bool = True  # how its numeric dates were read
    order_sure: bool = True  # that order follows from the receipt, not from a guess

    @property
    def items_add_up(self) -> bool:
        return items_add_up(self.items, self.subtotal, self.total)

    @property
    def needs_review(self) -> bool:
        return min(self.confidence.get(key, 0.0) for key in KEY_FIELDS) < REVIEW_THRESHOLD


def items_add_up(items: list[ParsedItem], subtotal: Decimal | None,
                 total: Decimal | None) -> bool:
    """The items sum to the subtotal, or to the total where no subtotal was read."""
    target = subtotal if subtotal is not None else total
    return bool(items) and target is not None and sum(
        (item.amount for item in items), Decimal(0)) == target
