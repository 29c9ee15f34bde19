"""The per-line report (redaction.line_report): which line was removed or masked and why, by
its number from the top of the receipt, with its place on the image, never its text."""
from redaction import Finding, Policy, analyze, line_report, widen
from redaction.evalset.real import page_from_text

TEXT = ("SUPERMARKT MUSTER\nHauptstr. 1\n10115 Berlin\nBROT 1,99\nHUSTENLOESER 4,99\n"
        "VISA 4111 1111 1111 1111\nSUMME 6,98")


def report(text=TEXT, policy=None):
    page, _ = page_from_text(text)
    decision = (policy or Policy()).decide(analyze(page), page)
    return page, decision, line_report(decision, page)


def test_each_removed_or_masked_line_is_reported_by_number_and_category():
    page, _, marks = report()
    assert [(m.line, m.action, m.reasons) for m in marks] == [
        (5, "line_removed", ("health",)), (6, "masked", ("card_number",))]
    for mark in marks:  # the place of the line on the image, as shares of its height
        line = page.lines[mark.line - 1]
        centre = (line.words[0].box.top + line.words[0].box.height / 2) / page.height
        assert 0 <= mark.top < centre < mark.top + mark.height <= 1


def test_the_report_holds_no_text_of_the_receipt():
    _, _, marks = report()
    written = repr(marks).lower()
    for word in ("husten", "loeser", "4111", "visa", "brot", "4,99"):
        assert word not in written


def test_kept_lines_and_a_receipt_removed_whole_give_no_marks():
    _, _, marks = report(policy=Policy.from_text("health=kept, card_number=kept"))
    assert marks == []
    _, decision, marks = report(TEXT + "\nRezept Nr. 448812\nAtorvastatin 20 mg 12,50",
                                policy=Policy.from_text("health=receipt_removed"))
    assert decision.remove_receipt and marks == []


def test_a_leak_found_on_verification_is_reported_with_its_category():
    page, decision, _ = report()
    bread = page.lines[3]  # BROT: the second reading found a phone number there, say
    leak = Finding("phone", "verify", 0, 0, 0, 1.0, (bread.words[0].box,))
    marks = line_report(widen(decision, [leak], page), page)
    assert [(m.line, m.action, m.reasons) for m in marks][0] == (4, "masked", ("phone",))
