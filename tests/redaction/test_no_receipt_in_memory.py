"""Nothing of a receipt outlives its processing in memory: after a receipt went the worker's
way (read, parse, second readings, analyse, decide, paint and verify, redact the text), no
string holding its text can be reached from any loaded module (no cache of receipt text)."""
from __future__ import annotations

import gc
import sys
import types
import uuid
from datetime import date

import ocr
from ocr.second_reading import look_again
from redaction import Policy, analyze, paint_verified, redact_receipt
from tests.redaction.test_end_to_end import CARD, render

LETTERS = "ABCDEFHKMNPRSTUVWXYZ"  # letters OCR does not take for digits or for each other


def unique_word() -> str:
    """A word made now, so no code or data file holds it."""
    return "".join(LETTERS[int(digit, 16) % len(LETTERS)] for digit in uuid.uuid4().hex[:12])


def process(lines: list[str], engine, marker: str) -> None:
    """The worker's steps (panel/tasks/steps.py) on a rendered receipt."""
    image = ocr.prepare([render(lines)])
    page = engine.read(image)
    assert marker in page.text  # the reading saw it, so the check below can find it
    parsed = ocr.parse(page, today=date(2024, 3, 20))
    page, parsed = look_again(image, engine, page, parsed, date(2024, 3, 20))
    policy = Policy()
    decision = policy.decide(analyze(page, parsed), page)
    decision, painted = paint_verified(image, page, decision, engine, policy)
    assert painted is not None and decision.paint_boxes  # the card number was painted
    redact_receipt(page, parsed, decision)


def reachable_from_modules(*needles: str) -> list[str]:
    """Where a string holding one of ``needles`` can be reached from a loaded module (its
    globals, caches, class attributes, closures: anything referenced): the nearest named
    holder of each (a function, class or module)."""
    found, holder = set(), {}
    stack = [(module, None) for module in list(sys.modules.values()) if module is not None]
    while stack:
        value, parent = stack.pop()
        if id(value) in holder:
            continue
        holder[id(value)] = parent
        if isinstance(value, str):
            if any(needle in value for needle in needles):
                found.add(named_holder(parent, holder))
            continue
        stack.extend((referent, value) for referent in gc.get_referents(value))
    return sorted(found)


def named_holder(value, holder: dict) -> str:
    while value is not None and not hasattr(value, "__qualname__") \
            and not isinstance(value, types.ModuleType):
        value = holder[id(value)]
    if isinstance(value, types.ModuleType):
        return value.__name__
    return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', value)}"


def test_no_text_of_a_processed_receipt_stays_in_module_state(tesseract_engine):
    marker = unique_word()
    lines = ["SUPERMARKT MUSTER", f"Kunde {marker.title()} {marker}", f"{marker} 1,29",
             "SUMME EUR 1,29", "Kartenzahlung VISA", f"Karte {CARD}", "Datum 12.03.2024 14:35"]
    process(lines, tesseract_engine, marker)
    gc.collect()
    assert reachable_from_modules(marker, marker.lower(), CARD.replace(" ", "")[4:12]) == []
