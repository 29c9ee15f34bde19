"""How the evaluation compares a parsed merchant with a label (shared/eval/README.md)."""
import pytest

from ocr.evaluation.scoring import merchant_matches


@pytest.mark.parametrize("label, name, expected", [
    ("aldi", "Aldi", True),
    ("apotheke", "Delphin Apotheke", True),
    ("tanke", "Auto Spreves Gmbh Tankstelle", True),  # the label names a petrol station
    ("marchécentral", "Marche Central", True),  # accents folded on both sides
    ("müller", "Muller", True),
    ("lidl", "Bulgur-kräuter Ze", False),
    ("tanke", "Hermann Michael", False),
    ("aldi", None, False),
])
def test_merchant_matches(label, name, expected):
    assert merchant_matches(label, name) is expected
