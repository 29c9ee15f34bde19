"""The cut-off rule of the upload check (ocr.quality.cut) on generated phone photos, each
saved as a JPEG and decoded at reduced scale as an upload is: a receipt framed whole passes,
one running out of the picture with print up to the edge is refused, one whose paper merely
touches the frame with a blank margin passes. Real pixels, no mocks."""
from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image

from ocr.quality.evaluate import checked
from ocr.synthetic import TODAY
from ocr.synthetic.framed import framed
from ocr.synthetic.photo import draw_paper
from ocr.synthetic.world import make_content

SEEDS = range(1, 13)
# One xdist worker runs the module: the photos are drawn once (about 20 s).
pytestmark = pytest.mark.xdist_group("photo_quality_cut")


@pytest.fixture(scope="module")
def photos():
    return {seed: framed(seed) for seed in SEEDS}


def test_generated_receipts_framed_whole_are_accepted(photos):
    refused = {seed: checked(whole) for seed, (whole, _, _) in photos.items()}
    assert not any(refused.values()), refused


def test_generated_receipts_cut_at_the_bottom_are_refused_as_cut_off_bottom(photos):
    found = {seed: checked(cut_bottom) for seed, (_, _, cut_bottom) in photos.items()}
    missed = [seed for seed, problem in found.items()
              if problem is None or (problem.code, problem.edge) != ("cut_off", "bottom")]
    assert not missed, found


def test_most_generated_receipts_cut_at_the_top_are_refused_as_cut_off_top(photos):
    """A frame edge that falls in the blank gap between two printed lines looks like a tight
    frame and passes (measured: 63 to 87 % of top cuts caught); most run through print."""
    found = {seed: checked(cut_top) for seed, (_, cut_top, _) in photos.items()}
    caught = [seed for seed, problem in found.items()
              if problem is not None and (problem.code, problem.edge) == ("cut_off", "top")]
    assert len(caught) >= len(SEEDS) // 3, found
    assert all(problem is None or problem.code == "cut_off" for problem in found.values())


def on_table(paper: Image.Image) -> Image.Image:
    """The paper flat and square on a dark table, background on every side."""
    table = Image.new("RGB", (int(paper.width * 1.3), int(paper.height * 1.2)), (60, 50, 45))
    table.paste(paper.convert("RGB"), ((table.width - paper.width) // 2,
                                       (table.height - paper.height) // 2))
    return table


@pytest.mark.parametrize("seed", [3, 4])
def test_paper_touching_the_frame_with_a_blank_margin_passes_and_print_cut_through_does_not(
        seed):
    rng = random.Random(seed)
    paper = draw_paper(make_content(rng, TODAY, None)[0], rng)
    photo = on_table(paper)
    paper_top = (photo.height - paper.height) // 2
    ink_top = paper_top + int(np.flatnonzero(np.asarray(paper).min(axis=1) < 128)[0])
    assert ink_top - paper_top > 10  # the printed receipt's blank top margin
    assert checked(photo) is None
    touching = photo.crop((0, paper_top, photo.width, photo.height))
    through_print = photo.crop((0, ink_top + 6, photo.width, photo.height))
    assert checked(touching) is None
    problem = checked(through_print)
    assert problem is not None and (problem.code, problem.edge) == ("cut_off", "top")
