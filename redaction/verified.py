"""Painting that is checked: paint, read the painted image again, widen over whatever is
still readable, and repeat, until a reading finds nothing or the receipt must go."""
from __future__ import annotations

import dataclasses

from PIL import Image

from ocr.types import OcrPage
from redaction.findings import Finding
from redaction.operators import paint
from redaction.policy import KEPT, MASKED, RECEIPT_REMOVED, Decision, Policy, merge_spans
from redaction.unread import UNREAD, unread
from redaction.verify import Engine, verify
from redaction.verify_painted import verify_painted
from redaction.widen import widen

WIDEN_ROUNDS = 2  # readings of the painted image that may still find something to paint
UNVERIFIABLE = "unverifiable"
SCOPES = ("painted", "page")


def paint_unread(image: Image.Image, page: OcrPage, decision: Decision,
                 policy: Policy) -> Decision:
    """``decision`` with the bands over unread text below the items painted too, and the
    text of lines read as noise masked (``redaction.unread``), unless the policy keeps
    them."""
    if policy.action_for(UNREAD) == KEPT:
        return decision
    noise, boxes = unread(image, page)
    boxes = [box for box in boxes if box not in decision.paint_boxes]
    if not boxes:
        return decision
    masked = [Finding(MASKED, "kept", index, start, end, 1.0, ())
              for index, spans in decision.masked_spans.items() for start, end in spans]
    masked += [Finding(MASKED, UNREAD, index, 0, len(page.lines[index].text), 1.0, ())
               for index in noise if index not in decision.removed_lines]
    counts = [*decision.counts, (UNREAD, policy.action_for(UNREAD), len(boxes))]
    return dataclasses.replace(decision, paint_boxes=[*decision.paint_boxes, *boxes],
                               masked_spans=merge_spans(masked), counts=sorted(counts))


def paint_verified(image: Image.Image, page: OcrPage, decision: Decision, engine: Engine,
                   policy: Policy | None = None, rounds: int = WIDEN_ROUNDS,
                   scope: str = "painted") -> tuple[Decision, Image.Image | None]:
    """The final decision and the painted image; no image when the receipt is to be removed
    (a leak of a category that removes receipts, or something still readable after
    ``rounds`` widenings, which removes it as ``unverifiable``). Text below the items that
    the reading could not read is painted too (``redaction.unread``).

    ``scope="painted"`` reads again only bands around the paint (``verify_painted``: the
    rest of the page is unchanged and its first reading stands); ``scope="page"`` reads the
    whole painted page again (``verify``), a second, different reading of everything."""
    policy = policy or Policy()
    if scope not in SCOPES:
        raise ValueError(f"unknown verification scope {scope!r}; choose from {SCOPES}")
    if decision.remove_receipt:
        return decision, None

    def check(painted: Image.Image, decision: Decision) -> list:
        if scope == "page" or (image.width, image.height) != (page.width, page.height):
            return verify(painted, engine, policy=policy)
        return verify_painted(painted, page, decision, engine, policy=policy)

    if (image.width, image.height) == (page.width, page.height):
        decision = paint_unread(image, page, decision, policy)
    painted = paint(image, decision)
    for _ in range(rounds):
        leaks = check(painted, decision)
        if not leaks:
            return decision, painted
        decision = widen(decision, leaks, page, policy)
        if decision.remove_receipt:
            return decision, None
        painted = paint(image, decision)
    if check(painted, decision):
        counts = [*decision.counts, (UNVERIFIABLE, RECEIPT_REMOVED, 1)]
        return dataclasses.replace(decision, remove_receipt=True, reason=UNVERIFIABLE,
                                   counts=counts), None
    return decision, painted
