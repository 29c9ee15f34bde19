"""The synthetic phone photos: reproducible from a seed, with ground truth that adds up."""
import random
from decimal import Decimal

from ocr.synthetic import TODAY, synthetic_receipt
from ocr.synthetic.content import make_receipt


def test_same_seed_same_photo_and_truth():
    first, truth = synthetic_receipt(seed=5)
    again, truth_again = synthetic_receipt(seed=5)
    assert truth == truth_again and first.tobytes() == again.tobytes()
    assert synthetic_receipt(seed=6)[1] != truth
    assert first.mode == "RGB" and min(first.size) > 300


def test_truth_is_consistent():
    for seed in range(50):
        rows, truth = make_receipt(random.Random(seed), TODAY)
        items = sum(Decimal(i["amount"]) for i in truth["items"])
        total = Decimal(truth["total"])
        if truth["locale"] == "en-US":  # tax added on top of the items
            assert total > items
        else:
            assert total == items
        assert truth["num_items"] == len(truth["items"]) >= 2
        assert truth["merchant"] and truth["date_iso"] <= "2026-03-10"
        digits = truth["total"].replace(".", "")
        assert any(right.replace(".", "").replace(",", "") == digits for _, right, _ in rows)


def test_every_labelled_item_is_printed_as_labelled():
    # ground truth must be what the paper shows: each item's name and amount on its row
    from ocr.synthetic.locales import LOCALES, money
    for seed in range(50):
        rows, truth = make_receipt(random.Random(seed), TODAY)
        locale = next(loc for loc in LOCALES.values() if loc.code == truth["locale"]
                      and loc.currency == truth["currency"])
        printed = [(left, right) for left, right, _ in rows]
        for item in truth["items"]:
            amount = money(Decimal(item["amount"]), locale)
            assert any(left.startswith(item["description"]) and right.startswith(amount)
                       for left, right in printed), (seed, item)
