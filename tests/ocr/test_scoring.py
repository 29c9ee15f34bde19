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
    # a label's store number, also glued on as some labels print it, is no part of the name
    ("McDonald's Restaurant #3100", "McDonald's", True),
    ("BESTBUY#994", "Bestbuy", True),
    ("Steak'nshakeNo:11", "Steak'nshake", True),
    ("BESTBUY#994", "Aid", False),
])
def test_merchant_matches(label, name, expected):
    assert merchant_matches(label, name) is expected
