"""Rebuilding printed lines from word boxes, whatever the engine returned."""
import pytest

from ocr.read.layout import build_lines, same_row, split_run
from ocr.types import Box, Word


def word(text, left, top, width=40, height=30):
    return Word(text, Box(left, top, width, height), 0.9)


def test_description_and_price_split_by_the_engine_are_one_line():
    groups = [[word("Milch", 10, 100), word("1L", 60, 100)], [word("1,29", 500, 104)],
              [word("Brot", 10, 140)], [word("2,49", 500, 141)]]
    assert [line.text for line in build_lines(groups)] == ["Milch 1L 1,29", "Brot 2,49"]


def test_rows_of_a_slightly_skewed_photo_stay_apart():
    # The page slopes down 3 px per 100 px; a row's price sits 15 px lower than its name.
    groups = []
    for row in range(4):
        top = 100 + 36 * row
        groups.append([word(f"item{row}", 10, top), word("x", 60, top + 2), word("y", 120, top + 3)])
        groups.append([word(f"{row},99", 500, top + 15)])
    lines = build_lines(groups)
    assert [line.text for line in lines] == [f"item{r} x y {r},99" for r in range(4)]


@pytest.mark.parametrize("a, b, expected", [
    (Box(0, 100, 50, 30), Box(400, 104, 50, 30), True),
    (Box(0, 100, 50, 30), Box(400, 132, 50, 30), False),
    (Box(0, 100, 50, 30), Box(400, 90, 50, 60), True),
])
def test_same_row(a, b, expected):
    assert same_row(a, b) is expected


def test_split_run_gives_each_word_its_share_of_the_box():
    words = split_run("SUMME EUR 12,07", Box(100, 50, 150, 30), 0.8)
    assert [w.text for w in words] == ["SUMME", "EUR", "12,07"]
    assert words[0].box.left == 100 and words[-1].box.right == 250
    assert all(w.box.top == 50 and w.box.height == 30 and w.confidence == 0.8 for w in words)
    assert words[0].box.right <= words[1].box.left
