"""The synthetic phone photos: reproducible from a seed, with ground truth that adds up."""
from decimal import Decimal

from ocr.synthetic import synthetic_receipt


def test_same_seed_same_photo_and_truth():
    first, truth = synthetic_receipt(seed=5)
    again, truth_again = synthetic_receipt(seed=5)
    assert truth == truth_again and first.tobytes() == again.tobytes()
    assert synthetic_receipt(seed=6)[1] != truth


def test_truth_is_consistent():
    for seed in range(20):
        photo, truth = synthetic_receipt(seed)
        assert photo.mode == "RGB" and min(photo.size) > 300
        items = sum(Decimal(i["amount"]) for i in truth["items"])
        total = Decimal(truth["total"])
        if truth["locale"] == "en-US":  # tax added on top of the items
            assert total > items
        else:
            assert total == items
        assert truth["num_items"] == len(truth["items"]) >= 2
        assert truth["merchant"] and truth["date_iso"] <= "2026-03-10"
