"""Policy decisions: category -> action, and what a decision holds."""
import pytest

from ocr.types import Box
from redaction import Decision, Policy, analyze


@pytest.fixture
def page(make_page):
    return make_page("SHOP", "Hauptstr. 1", "x", "y", "z",
                     "Kunde max@example.de",               # 5: masked
                     "Milch 1,29",                          # 6
                     "VISA 4111 1111 1111 1111",            # 7: masked
                     "Kirchensteuer 12,00")                 # 8: religion, line removed


def test_default_actions():
    policy = Policy()
    assert policy.action_for("prescription") == "receipt_removed"
    for category in ("health", "religion", "political", "trade_union", "sex_life"):
        assert policy.action_for(category) == "line_removed"
    for category in ("card_number", "iban", "email", "phone", "person_name", "loyalty_id"):
        assert policy.action_for(category) == "masked"
    assert policy.action_for("something_new") == "masked"


def test_masking_decision(page):
    decision = Policy().decide(analyze(page), page)
    assert isinstance(decision, Decision)
    assert not decision.remove_receipt and decision.reason is None
    assert decision.removed_lines == frozenset({8})
    assert decision.masked_spans == {5: [(6, 20)], 7: [(5, 24)]}
    card_words = [w.box for w in page.lines[7].words[1:]]
    card_box = card_words[0].union(card_words[-1])  # one box over the number, gaps included
    band = Box(0, page.lines[8].box.top, page.width, page.lines[8].box.height)
    assert decision.paint_boxes == [band, page.lines[5].words[1].box, card_box]
    assert decision.counts == [("card_number", "masked", 1), ("email", "masked", 1),
                               ("religion", "line_removed", 1)]
    assert decision.page_size == (page.width, page.height)


def test_prescription_removes_the_receipt(make_page):
    page = make_page("Stadt-Apotheke", "RX#123456", "Ibuprofen 2,99", "VISA 4111111111111111")
    decision = Policy().decide(analyze(page), page)
    assert decision.remove_receipt and decision.reason == "prescription"
    assert ("prescription", "receipt_removed", 1) in decision.counts


def test_line_removal_paints_the_whole_line_and_wins_over_masks(page):
    from redaction.findings import Finding

    religion = Finding("religion", "test", 8, 0, 13, 0.9, (page.lines[8].words[0].box,))
    card_on_same_line = Finding("card_number", "test", 8, 14, 19, 0.9,
                                (page.lines[8].words[1].box,))
    decision = Policy().decide([religion, card_on_same_line], page)
    assert decision.removed_lines == frozenset({8})
    assert decision.masked_spans == {}
    line = page.lines[8].box  # a band across the page: words the OCR missed are covered too
    assert decision.paint_boxes == [Box(0, line.top, page.width, line.height)]
    assert decision.counts == [("card_number", "masked", 1), ("religion", "line_removed", 1)]


def test_overrides_and_kept(page):
    decision = Policy({"email": "kept", "card_number": "line_removed"}).decide(analyze(page), page)
    assert decision.removed_lines == frozenset({7, 8}) and decision.masked_spans == {}
    assert decision.counts == [("card_number", "line_removed", 1), ("email", "kept", 1),
                               ("religion", "line_removed", 1)]


@pytest.mark.parametrize("text, category, action", [
    ("email=kept, phone=line_removed", "email", "kept"),
    ("email=kept, phone=line_removed", "phone", "line_removed"),
    ("email=kept", "card_number", "masked"),              # defaults stay
    ("*=line_removed", "some_new_category", "line_removed"),
    ("health=masked; religion=receipt_removed", "religion", "receipt_removed"),
    ("", "prescription", "receipt_removed"),
])
def test_policy_from_text(text, category, action):
    assert Policy.from_text(text).action_for(category) == action


@pytest.mark.parametrize("text", ["email", "=kept", "email=shredded"])
def test_policy_text_errors(text):
    with pytest.raises(ValueError):
        Policy.from_text(text)


def test_policy_from_environment():
    policy = Policy.from_environment({"REDACTION_POLICY": "person_name=kept"})
    assert policy.action_for("person_name") == "kept"
    assert Policy.from_environment({}).actions == Policy().actions


def test_unknown_action_is_refused():
    with pytest.raises(ValueError):
        Policy({"email": "shredded"})


def test_nothing_found_means_nothing_to_do(page):
    decision = Policy().decide([], page)
    assert decision == Decision(page_size=(page.width, page.height))
