"""``redact``: the one way a read receipt is redacted, for the service, the evaluation and
the benchmarks alike: analyze, decide by the policy, paint and verify the paint
(``redaction.paint_verified``), and apply the decision to the text and fields."""
from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ocr.types import OcrPage, ParsedReceipt
from redaction.analyzer import analyze
from redaction.operators import redact_receipt
from redaction.policy import Decision, Policy
from redaction.verified import paint_verified
from redaction.verify import Engine


@dataclass
class Redacted:
    page: OcrPage  # the text with the decision applied (the first reading when removed)
    parsed: ParsedReceipt  # likewise
    decision: Decision
    painted: Image.Image | None  # None when the receipt is removed
    reason: str | None  # why it was removed


def redact(image: Image.Image, page: OcrPage, parsed: ParsedReceipt, engine: Engine,
           policy: Policy | None = None, scope: str = "painted") -> Redacted:
    """The receipt as it may be kept: its painted image, text and fields, and the decision
    (``scope``: what the verification reads again, ``painted`` bands or the whole ``page``)."""
    policy = policy or Policy()
    decision = policy.decide(analyze(page, parsed), page)
    decision, painted = paint_verified(image, page, decision, engine, policy, scope=scope)
    if painted is None:
        return Redacted(page, parsed, decision, None, decision.reason)
    page, parsed = redact_receipt(page, parsed, decision)
    return Redacted(page, parsed, decision, painted, None)
