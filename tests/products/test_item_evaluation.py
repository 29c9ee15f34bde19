"""A guard on the labelled item lines (products/evalset): the classifier and redaction by
meaning keep their measured quality (figures: python -m products.evaluate and
python -m redaction.evaluate_items)."""
from products import evaluate
from redaction import Policy
from redaction.evalset.items import measure


def test_the_written_set_is_large_bilingual_and_labelled():
    items = evaluate.written()
    assert len(items) >= 400
    assert sum(bool(item.sensitive) for item in items) >= 100
    assert {"health", "religion", "political", "trade_union", "sex_life"} <= {
        item.sensitive for item in items}


def test_classes_and_divisions_of_the_written_set():
    tally = evaluate.evaluate(evaluate.written())
    assert tally.division / tally.products >= 0.9, tally.wrong
    assert tally.covered / tally.products >= 0.95


def test_redaction_removes_sensitive_lines_and_keeps_ordinary_ones():
    sensitive, found, ordinary, wrongly, wrong = measure(evaluate.written(), Policy())
    assert found / sensitive >= 0.98, wrong
    assert wrongly / ordinary <= 0.01, wrong
