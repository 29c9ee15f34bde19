"""The CI guard: redaction measured on labelled receipts, not asserted.

A small generated subset (12 photos from a fixed seed, read by real tesseract, redacted as the
pipeline does and checked pixel by pixel) and the text of all 48 real eval receipts (in
../shared/eval: skipped, saying so, where that is missing).
"""
import pytest

from redaction.evalset.content import generate
from redaction.evalset.real import evaluate_real
from redaction.evaluate import evaluate_generated
from tests.support.eval_sets import external_set

LINE_CATEGORIES = ("health", "religion", "political", "trade_union", "sex_life")
# One xdist worker runs the module: the subset is read and redacted once (about 15 s).
pytestmark = pytest.mark.xdist_group("redaction_evaluation")


@pytest.fixture(scope="module")
def tally():
    return evaluate_generated(12, seed=4)


def test_the_subset_holds_every_kind_of_receipt():
    receipts = generate(12, seed=4)
    labels = {row.label for receipt in receipts for row in receipt.rows}
    assert {"card_number", "masked_card_number", "item"} <= labels
    assert any(receipt.prescription for receipt in receipts)
    assert labels & set(LINE_CATEGORIES)


def test_cards_and_prescriptions_are_all_caught(tally):
    for category in ("card_number", "prescription_receipt"):
        assert tally.total[category] > 0
        assert tally.found[category] == tally.total[category], tally.missed
    assert tally.found["masked_card_number"] == tally.total["masked_card_number"] > 0


def test_special_categories_are_caught(tally):
    total = sum(tally.total[c] for c in LINE_CATEGORIES)
    found = sum(tally.found[c] for c in LINE_CATEGORIES)
    assert total >= 4 and found / total >= 0.98, tally.missed


def test_personal_and_payment_details_are_caught(tally):
    for category in ("card_expiry", "auth_code", "person_name", "email", "phone",
                     "loyalty_id", "address", "licence_plate", "iban", "bank_account"):
        assert tally.found[category] == tally.total[category] > 0, (category, tally.missed)


def test_no_artefact_holds_a_secret_of_a_caught_receipt(tally):
    # image, kept text, items, merchant, redaction record and log: counted per artefact
    assert sum(tally.leaks.values()) == 0, {key: n for key, n in tally.leaks.items() if n}


def test_ordinary_items_are_rarely_removed(tally):
    assert tally.items > 50 and tally.items_removed / tally.items <= 0.01


def test_real_receipts_text():
    report = evaluate_real(external_set())
    recall_rows = [line.split() for line in report[1:] if line.endswith("%")]
    assert len(recall_rows) >= 5
    for category, found, total, _ in recall_rows:
        assert found == total, f"{category}: {found} of {total}"
    removal = next(line for line in report if line.startswith("ordinary lines wrongly removed"))
    removed, lines = (int(n) for n in removal.split(":")[1].split("(")[0].split(" of "))
    assert lines > 3000 and removed / lines <= 0.01
    assert "receipts removed: 0 of 48" in removal
