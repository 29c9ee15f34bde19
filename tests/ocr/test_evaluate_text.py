"""The text-level evaluation (``ocr.evaluate_text``) on two invented receipts in the layout
of the SROIE dataset: box lines of four corners and a text, keys as JSON."""
import json
from pathlib import Path

from ocr.evaluate_text import evaluate, key_dates, page_of, read_segments

DATA = Path(__file__).resolve().parents[1] / "data" / "transcribed"


def test_segments_on_one_line_are_read_as_one_line():
    page = page_of(read_segments((DATA / "R001.txt").read_text()))
    assert [line.text for line in page.lines][3:5] == ["DATE: 07/03/2019 10:02",
                                                       "PENSEL 2B 3.50"]


def test_each_receipt_is_scored_against_its_key():
    results = {r["receipt"]: r for r in evaluate(DATA, DATA / "keys")}
    assert set(results) == {"R001", "R002"}
    first, second = results["R001"], results["R002"]
    assert (first["merchant"], first["date"], first["total"]) == (True, True, True)
    assert not first["wrong_unreviewed"]
    assert second["merchant"] and second["date"] and not second["total"]  # labelled 7.45
    assert second["found"]["total"] == "9.99"


def test_labelled_dates_read_day_first():
    assert {str(d) for d in key_dates("07/03/2019")} == {"2019-03-07"}
    assert {str(d) for d in key_dates("25 DEC 2018")} == {"2018-12-25"}
    assert {str(d) for d in key_dates("20180428")} == {"2018-04-28"}
    assert key_dates("no date") == set()


def test_a_field_the_key_leaves_out_is_not_scored(tmp_path):
    (tmp_path / "R9.txt").write_text((DATA / "R002.txt").read_text())
    (tmp_path / "R9.key.json").write_text('{"company": "TOKO MAJU JAYA", "total": null}')
    [result] = evaluate(tmp_path, tmp_path)
    assert result["merchant"] and "date" not in result and "total" not in result


def test_labelled_totals_read_as_money():
    from decimal import Decimal

    from ocr.evaluate_text import key_total
    assert [key_total(t) for t in ("RM 10.60", "Eur154,40", "1,007.50", "205.5", "-6.42")] == [
        Decimal("10.60"), Decimal("154.40"), Decimal("1007.50"), Decimal("205.5"),
        Decimal("-6.42")]


def test_labelled_dates_in_either_order_where_the_set_mixes_countries():
    from ocr.evaluate_text import key_dates
    assert {str(d) for d in key_dates("07/05/2017", either_order=True)} == {
        "2017-05-07", "2017-07-05"}
    assert {str(d) for d in key_dates("07/05/2017")} == {"2017-05-07"}


def test_a_total_labelled_with_three_decimals_may_be_in_whole_units():
    from decimal import Decimal

    from ocr.evaluate_text import key_totals
    assert key_totals("197.285") == {Decimal("197.285"), Decimal("197285")}
    assert key_totals("Rp 45.000") == {Decimal("45.000"), Decimal("45000")}
    assert key_totals("1,007.50") == {Decimal("1007.50")}


def test_a_key_may_name_the_company_in_more_than_one_right_way(tmp_path):
    (tmp_path / "r1.boxes.txt").write_text(
        "10,10,200,10,200,40,10,40,BASIL THAI\n10,50,200,50,200,80,10,80,12 MAIN STREET\n"
        "10,90,200,90,200,120,10,120,TOTAL 30.94\n", encoding="utf-8")
    key = {"company": ["BASIL THAI RESTAURANT & BAR OF OLD TOWN", "BASIL THAI"]}
    (tmp_path / "r1.key.json").write_text(json.dumps(key), encoding="utf-8")
    assert evaluate(tmp_path, tmp_path)[0]["merchant"] is True
    (tmp_path / "r1.key.json").write_text(json.dumps({"company": key["company"][0]}),
                                          encoding="utf-8")
    assert evaluate(tmp_path, tmp_path)[0]["merchant"] is False
