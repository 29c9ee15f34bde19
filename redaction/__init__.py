"""Redaction: find sensitive content on an OCR'd receipt, decide, and remove it.

analyze(page) -> findings; Policy().decide(findings, page) -> Decision;
redact_receipt(page, parsed, decision) and paint(image, decision) apply it;
verify(painted_image, engine) reads the result again and returns anything that leaked;
widen(decision, leaks, page) adds those leaks to the decision (text and paint);
line_report(decision, page) tells which lines were removed or masked and why, without text.
"""
from redaction.analyzer import analyze
from redaction.findings import Finding
from redaction.operators import paint, redact_receipt
from redaction.policy import Decision, Policy
from redaction.recognizers import default_registry
from redaction.redact import Redacted, redact
from redaction.report import LineMark, line_report
from redaction.verified import paint_verified
from redaction.verify import verify
from redaction.widen import widen

__all__ = ["redact", "Redacted", "analyze", "Policy", "Decision", "Finding", "redact_receipt", "paint", "verify",
           "default_registry", "widen", "paint_verified", "LineMark", "line_report"]
