"""What the pipeline's redact step does, for the evaluation (and as a reference for it):
read, analyze, decide, paint; then up to ``WIDEN_ROUNDS`` times verify, widen the decision
with the leaks and paint again; a final reading must find nothing. A leak whose category
removes receipts, or anything still readable at the end, removes the receipt."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image

from ocr.types import OcrPage, ParsedItem, ParsedReceipt
from redaction import Decision, Policy, analyze, paint_verified

PRICE = re.compile(r"\s+(-?\d+,\d{2})\s*[A-C]?$")


@dataclass
class Redacted:
    page: OcrPage
    parsed: ParsedReceipt
    decision: Decision
    painted: Image.Image | None  # None when the receipt is removed
    reason: str | None           # why it was removed


def parse_items(page: OcrPage) -> ParsedReceipt:
    """A stand-in for the project's parser: every line ending in a price is an item."""
    items = []
    for index, line in enumerate(page.lines):
        match = PRICE.search(line.text)
        if match and not line.text.upper().startswith(("SUMME", "TOTAL")):
            amount = Decimal(match.group(1).replace(",", "."))
            items.append(ParsedItem(line.text[:match.start()], amount, line_index=index))
    return ParsedReceipt(merchant=page.lines[0].text if page.lines else None, items=items)


def redact_photo(image: Image.Image, engine, policy: Policy | None = None,
                 scope: str = "painted") -> Redacted:
    policy = policy or Policy()
    page = engine.read(image)
    parsed = parse_items(page)
    decision = policy.decide(analyze(page, parsed), page)
    decision, painted = paint_verified(image, page, decision, engine, policy, scope=scope)
    return Redacted(page, parsed, decision, painted, decision.reason if painted is None else None)
