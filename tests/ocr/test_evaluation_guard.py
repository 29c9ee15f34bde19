"""Regression guard: the evaluation on a small subset must not fall below what was measured.

Six real scans kept in the repository (tests/data/eval, copied from ../shared/eval, see its
ATTRIBUTION.md) and six synthetic phone photos, read with the default engine and
the price column read again where the items do not add up (``ocr.second_reading.price_look``).
Thresholds sit one receipt under the rates measured on these subsets, and the share sent to
review one receipt above (real: 6/6 merchant, date and total, and with the price look 6/6
adding up and none to review, without it 4/6 and 1/6; synthetic: 6/6 everything, item
recall 1.0, none to review); the full sets are run by hand with ``python -m ocr.evaluate``
(see README, "OCR engines and accuracy").
"""
import json
from pathlib import Path

import pytest

from ocr.evaluate import evaluate
from ocr.read.engine import DEFAULT_ENGINE
from ocr.synthetic import write_set
from tests.support.eval_sets import IN_REPOSITORY, external_set

REAL_SET = IN_REPOSITORY
REAL_SUBSET = ["A_aldi_18042020_11_00883.jpg", "A_lidl_07042020_06_01569.jpg",
               "A_marktkauf_08042020_15_02742.jpg", "A_toom_04042020_03_04877.jpg",
               "B_marktkauf_15052020_15_02712.jpg", "C_saturn_15022020_01_05999.jpg"]
MINIMUM = {
    "real": {"merchant": 0.83, "date": 0.83, "total": 0.83, "adds_up": 0.83},
    "synthetic": {"merchant": 0.83, "date": 0.83, "total": 0.83, "adds_up": 0.83,
                  "item_recall": 0.95},
}
# Six US phone photos of ../shared/eval/srd (not licensed for the repository: the test
# needs that folder, and fails without it in CI).
PHOTO_SUBSET = ["1012-receipt.jpg", "1022-receipt.jpg", "1031-receipt.jpg",
                "1037-receipt.jpg", "1046-receipt.jpg", "1057-receipt.jpg"]
# Measured on this subset: merchant 5/6, date 6/6, total 4/6, adding up 3/6, review 4/6,
# none wrong without review; floors one receipt under, ceilings one above.
PHOTO_MINIMUM = {"merchant": 0.66, "date": 0.83, "total": 0.5, "adds_up": 0.33}
PHOTO_MAXIMUM = {"needs_review": 0.84, "wrong_unreviewed": 0.17}
MAXIMUM = {"real": {"needs_review": 0.17}, "synthetic": {"needs_review": 0.17}}


@pytest.fixture(scope="module")
def synthetic_set(tmp_path_factory):
    return write_set(tmp_path_factory.mktemp("synthetic"), count=6, seed=3)


def test_the_real_evaluation_set_is_present():
    assert {Path(e["image"]).name for e in json.loads(
        (REAL_SET / "manifest.json").read_text())} >= set(REAL_SUBSET)


@pytest.mark.parametrize("name", ["real", "synthetic"])
def test_rates_stay_above_the_measured_figures(name, synthetic_set):
    folder = REAL_SET if name == "real" else synthetic_set
    names = REAL_SUBSET if name == "real" else None
    summary = evaluate(folder, [DEFAULT_ENGINE], jobs=2, names=names)[DEFAULT_ENGINE]["summary"]
    assert summary["receipts"] == 6
    for field, minimum in MINIMUM[name].items():
        assert summary[field] >= minimum, (field, summary)
    for field, maximum in MAXIMUM[name].items():
        assert summary[field] <= maximum, (field, summary)


def test_phone_photos_stay_above_the_measured_figures():
    manifest = external_set() / "srd-manifest.json"
    summary = evaluate(manifest, [DEFAULT_ENGINE], jobs=2,
                       names=PHOTO_SUBSET)[DEFAULT_ENGINE]["summary"]
    assert summary["receipts"] == 6
    for field, minimum in PHOTO_MINIMUM.items():
        assert summary[field] >= minimum, (field, summary)
    for field, maximum in PHOTO_MAXIMUM.items():
        assert summary[field] <= maximum, (field, summary)
