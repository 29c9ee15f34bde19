"""How well ``prepare`` finds the receipt in synthetic scenes, without reading anything.

The first step ``prepare`` takes on a page (a crop, a perspective warp, or none) decides
what part of the photo is kept; the turns after it keep everything. That part is drawn as
a polygon in the photo's pixels and compared with the scene's masks: the share of the
receipt's print kept (all of it, or the crop lost text) and the share of the kept part that
is not the receipt's paper (background).

    python -m ocr.synthetic.crop_check --count 100 --seed 1 --white-pages 0.3
"""
from __future__ import annotations

import argparse
import statistics

import numpy as np
from PIL import Image, ImageDraw

from ocr.prepare.steps import find_paper
from ocr.synthetic.scenes import kinds, scene

WHOLE = 0.995  # share of the print kept for "the whole receipt"
LITTLE_BACKGROUND = 0.3  # at most this share of the kept part is not the receipt's paper


def kept_region(photo: Image.Image) -> Image.Image:
    """Mask (mode "L") of the photo's pixels that the first step of ``prepare`` keeps."""
    step = find_paper(photo)
    region = Image.new("L", photo.size, 0 if step else 255)
    if step is not None:
        ImageDraw.Draw(region).polygon(step.outline(), fill=255)
    return region


def measure(photo: Image.Image, ink: Image.Image, paper: Image.Image) -> dict:
    kept = np.asarray(kept_region(photo)) > 127
    ink, paper = np.asarray(ink) > 127, np.asarray(paper) > 127
    print_kept = (ink & kept).sum() / max(1, ink.sum())
    background = (kept & ~paper).sum() / max(1, kept.sum())
    return {"print_kept": float(print_kept), "background": float(background),
            "whole": bool(print_kept >= WHOLE),
            "good": bool(print_kept >= WHOLE and background <= LITTLE_BACKGROUND)}


def run(count: int, seed: int, white_pages: float, upside_down: float) -> dict:
    results = {"table": [], "white page": []}
    for number in range(count):
        white, flipped = kinds(seed, number, white_pages, upside_down)
        photo, _, ink, paper = scene(seed * 100_000 + number, white, flipped)
        results["white page" if white else "table"].append(measure(photo, ink, paper))
    return {kind: summary(rows) for kind, rows in results.items() if rows}


def summary(rows: list[dict]) -> dict:
    return {"photos": len(rows),
            "whole_receipt": sum(r["whole"] for r in rows) / len(rows),
            "whole_and_little_background": sum(r["good"] for r in rows) / len(rows),
            "median_background": statistics.median(r["background"] for r in rows),
            "worst_print_kept": min(r["print_kept"] for r in rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--white-pages", type=float, default=0.3)
    parser.add_argument("--upside-down", type=float, default=0.0)
    options = parser.parse_args()
    for kind, figures in run(options.count, options.seed, options.white_pages,
                             options.upside_down).items():
        print(f"{kind:<11}", "  ".join(f"{key} {value:.3g}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
