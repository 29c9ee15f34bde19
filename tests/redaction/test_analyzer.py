"""The analyzer over the default registry: findings are data with spans and word boxes."""
from redaction import Finding, analyze, default_registry
from redaction.recognizers import Pattern, Recognizer, Registry


def test_findings_carry_span_and_word_boxes_but_no_text(make_page):
    page = make_page("SHOP", "Milch 1,29", "Karte: 4111 1111 1111 1111 EUR")
    [finding] = analyze(page)
    assert finding.category == "card_number" and finding.line_index == 2
    assert page.lines[2].text[finding.start:finding.end] == "4111 1111 1111 1111"
    assert finding.boxes == tuple(word.box for word in page.lines[2].words[1:5])
    assert not any(isinstance(value, str) and "4111" in value for value in vars(finding).values())


def test_a_receipt_with_nothing_sensitive_has_no_findings(make_page):
    page = make_page("SUPERMARKT MUSTER", "Hauptstr. 1", "Tel 030 1234567", "Milch 1,29",
                     "Brot 2,49", "4006381333931 Butter 1,99", "SUMME EUR 5,77",
                     "12.03.2024 14:35 Bon 4711", "Vielen Dank")
    assert analyze(page) == []


def test_findings_come_in_line_order(make_page):
    page = make_page("SHOP", "x", "y", "z", "w", "Kunde max@example.de", "VISA 4111111111111111")
    assert [(f.category, f.line_index) for f in analyze(page)] == [
        ("email", 5), ("card_number", 6)]


def test_registry_can_be_extended_with_a_new_recognizer(make_page):
    class LoyaltyRecognizer(Recognizer):
        name = "loyalty"
        category = "loyalty_id"
        patterns = (Pattern("payback", r"\b\d{10}\b", 0.3),)
        context_words = ("payback",)

    registry = default_registry()
    registry.add(LoyaltyRecognizer())
    page = make_page("SHOP", "PAYBACK Karte 1234567890", "Milch 1,29", "Bon 1234567890")
    assert [(f.category, f.line_index) for f in analyze(page, registry=registry)] == [
        ("loyalty_id", 1)]
    assert "loyalty" in registry.names and "loyalty_id" in registry.categories


def test_same_category_findings_inside_each_other_count_once(make_page):
    page = make_page("SHOP", "Kassenrezept Rezept")
    found = analyze(page, registry=Registry([default_registry().get("prescription")]))
    assert all(isinstance(f, Finding) for f in found)
    spans = [(f.start, f.end) for f in found]
    assert len(spans) == len(set(spans)) == 2  # "Kassenrezept" once, the second "Rezept" once
