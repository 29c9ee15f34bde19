"""The policy: which action each category gets, and the decision for one receipt."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from ocr.types import Box, OcrPage
from products import CLASS_SIGNALS, SIGNALS
from products.coicop import is_code
from products.meaning import PHARMACY_ITEM
from redaction.bands import paint_boxes
from redaction.findings import Finding

RECEIPT_REMOVED = "receipt_removed"
LINE_REMOVED = "line_removed"
MASKED = "masked"
KEPT = "kept"  # allowed to remain; counted, nothing done
ACTIONS = (RECEIPT_REMOVED, LINE_REMOVED, MASKED, KEPT)

DEFAULT_ACTIONS: dict[str, str] = {
    "prescription": RECEIPT_REMOVED,
    **{category: LINE_REMOVED
       for category in ("health", "religion", "political", "trade_union", "sex_life")},
    **{category: MASKED
       for category in ("card_number", "card_expiry", "auth_code", "iban", "bank_account",
                        "email", "phone", "person_name", "loyalty_id", "address",
                        "licence_plate")},
}
POLICY_VARIABLE = "REDACTION_POLICY"
STRENGTH = {KEPT: 0, MASKED: 1, LINE_REMOVED: 2, RECEIPT_REMOVED: 3}


@dataclass
class Decision:
    """What to do with one receipt. Holds positions only, never any removed text."""

    remove_receipt: bool = False
    reason: str | None = None  # the category that forced removal of the receipt
    removed_lines: frozenset[int] = frozenset()
    masked_spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    paint_boxes: list[Box] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # category, action, n
    page_size: tuple[int, int] | None = None  # (width, height) the boxes refer to
    # why each removed or masked line was: its categories, by line index (redaction.report)
    line_reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)


class Policy:
    def __init__(self, actions: Mapping[str, str] | None = None,
                 default_action: str = MASKED) -> None:
        self.actions = {**DEFAULT_ACTIONS, **(actions or {})}
        self.default_action = default_action  # for a category the table does not name
        for action in [*self.actions.values(), default_action]:
            if action not in ACTIONS:
                raise ValueError(f"unknown redaction action {action!r}")

    @classmethod
    def from_text(cls, text: str) -> "Policy":
        """A policy from ``"category=action, category=action"`` (``*=action`` sets the action
        for categories the table does not name), e.g. ``"email=kept, *=line_removed"``. An
        entry may also name a sensitive-meaning signal (``medicine=masked``) or a COICOP 2018
        class, group or division (``06.1.2=kept``, see ``Policy.action_of``)."""
        actions, default_action = {}, MASKED
        for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
            category, sep, action = (s.strip() for s in part.partition("="))
            if not sep or not category:
                raise ValueError(f"a policy entry must read category=action, not {part!r}")
            if category == "*":
                default_action = action
            elif category[:1].isdigit() and not is_code(category):
                raise ValueError(f"{category!r} is no COICOP 2018 code")
            else:
                actions[category] = action
        return cls(actions, default_action)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> "Policy":
        """The deployment's policy: ``REDACTION_POLICY`` (see ``from_text``) over the defaults."""
        environ = os.environ if environ is None else environ
        return cls.from_text(environ.get(POLICY_VARIABLE, ""))

    def action_for(self, category: str) -> str:
        return self.actions.get(category, self.default_action)

    def action_of(self, finding: Finding) -> str:
        """An item's action by what it is: an entry for its COICOP class, group or division
        (``06.1.1``, ``06.1``, ``06``) first, then for its sensitive-meaning signals
        (``medicine``; of several, the strongest action), then its category's."""
        meaning = finding.meaning
        for code in (item for item in meaning if item[:1].isdigit()):
            for level in coicop_levels(code):
                if level in self.actions:
                    return self.actions[level]
        signals = [self.actions[signal] for signal in meaning
                   if signal in self.actions and SIGNALS.get(signal) == finding.category]
        if signals:
            return max(signals, key=STRENGTH.__getitem__)
        return self.action_for(finding.category)

    def table(self) -> list[tuple[str, str]]:
        """Every (category, signal or COICOP code) and its action, for operators to see:
        the default categories, the signals and sensitive classes, and what the policy adds."""
        keys = [*self.actions, *SIGNALS, *CLASS_SIGNALS]
        rows = {key: self.action_for_key(key) for key in keys}
        return sorted(rows.items()) + [("*", self.default_action)]

    def action_for_key(self, key: str) -> str:
        """What the policy does with an item of class ``key`` (its sensitive signal taken
        from the class), with signal ``key``, or of category ``key``."""
        if key in CLASS_SIGNALS:
            signal = CLASS_SIGNALS[key]
            return self.action_of(Finding(SIGNALS[signal], "", 0, 0, 0, 1.0, (),
                                          (signal, key)))
        if key in SIGNALS:
            return self.actions.get(key, self.action_for(SIGNALS[key]))
        return self.action_for(key)

    def decide(self, findings: Iterable[Finding], page: OcrPage) -> Decision:
        findings = list(findings)
        actions = [self.action_of(f) for f in findings]
        removing = [f.category for f, a in zip(findings, actions) if a == RECEIPT_REMOVED]
        removed_lines = frozenset(f.line_index for f, a in zip(findings, actions)
                                  if a == LINE_REMOVED)
        masked = [f for f, a in zip(findings, actions)
                  if a == MASKED and f.line_index not in removed_lines]
        return Decision(
            remove_receipt=bool(removing),
            reason=removing[0] if removing else None,
            removed_lines=removed_lines,
            masked_spans=merge_spans(masked),
            paint_boxes=paint_boxes(page, removed_lines, masked),
            counts=sorted((c, a, n) for (c, a), n in
                          Counter(zip((f.category for f in findings), actions)).items()),
            page_size=(page.width, page.height),
            line_reasons=reasons_by_line(
                (f.line_index, reason) for f, a in zip(findings, actions)
                if a in (LINE_REMOVED, MASKED) for reason in reasons_of(f)),
        )


def reasons_by_line(pairs: Iterable[tuple[int, str]],
                    known: Mapping[int, tuple[str, ...]] | None = None
                    ) -> dict[int, tuple[str, ...]]:
    """(line index, category) pairs, added to ``known``, as each line's sorted categories."""
    reasons = {index: set(categories) for index, categories in (known or {}).items()}
    for index, category in pairs:
        reasons.setdefault(index, set()).add(category)
    return {index: tuple(sorted(categories)) for index, categories in sorted(reasons.items())}


def reasons_of(finding: Finding) -> tuple[str, ...]:
    """What the per-line report says caused a finding: its category, and ``pharmacy_item``
    where the line counted as health only because a pharmacy sold it."""
    return (finding.category, *(signal for signal in finding.meaning if signal == PHARMACY_ITEM))


def coicop_levels(code: str) -> list[str]:
    """``06.1.1`` -> ``["06.1.1", "06.1", "06"]``: most specific first."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def merge_spans(findings: list[Finding]) -> dict[int, list[tuple[int, int]]]:
    """Per line, the masked character spans, sorted, overlapping ones joined."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for finding in sorted(findings, key=lambda f: (f.line_index, f.start)):
        line = spans.setdefault(finding.line_index, [])
        if line and finding.start <= line[-1][1]:
            line[-1] = (line[-1][0], max(line[-1][1], finding.end))
        else:
            line.append((finding.start, finding.end))
    return spans
