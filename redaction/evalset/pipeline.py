"""The evaluation's way through redaction: read, then ``redaction.redact`` as the pipeline
does (analyze, decide, paint; up to ``WIDEN_ROUNDS`` times verify, widen the decision with
the leaks and paint again; a final reading must find nothing; a leak whose category removes
receipts, or anything still readable at the end, removes the receipt). Items come from a
stand-in for the parser, so the figures measure redaction alone."""
from __future__ import annotations

import re
from decimal import Decimal

from PIL import Image

from ocr.types import OcrPage, ParsedItem, ParsedReceipt
from redaction import Policy, Redacted, redact

PRICE = re.compile(r"\s+(-?\d+,\d{2})\s*[A-C]?$")


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
    """Read with ``engine``, items by the stand-in above, then ``redaction.redact``, as the
    pipeline does. The result's page and fields are the first reading's, so the evaluation
    can find where each labelled finding was."""
    page = engine.read(image)
    parsed = parse_items(page)
    result = redact(image, page, parsed, engine, policy, scope)
    return Redacted(page, parsed, result.decision, result.painted, result.reason)
