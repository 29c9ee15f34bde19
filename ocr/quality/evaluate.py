"""How often the photo quality check refuses a good photo, and how often it catches a bad
one: ``python -m ocr.quality.evaluate [EVAL_DIR]`` (default ``../shared/eval``).

Good photos: the 55 US phone photos (``srd/``) and the 48 German scans (``softmatic/``).
Bad photos are made from each good one: blurred (Gaussian, sigma 1/300 and 1/150 of the
shorter side), cut (the bottom or the top 40 % of the frame gone), darkened (to a fifth of
its light) and shrunk (shorter side 150 px). Every copy is saved as a JPEG and read back at
reduced scale exactly as an upload is (``load``), then checked.

Generated photos (``ocr.synthetic.framed``, ``GENERATED`` seeds): each receipt on a table
framed whole (a good photo), and framed so that 10 to 40 % of it runs out of the picture at
the top, and at the bottom (bad photos, to be refused as cut off)."""
from __future__ import annotations

import io
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from PIL import Image, ImageFilter

from ocr.quality.check import WORK_SIDE, judge, measure
from ocr.synthetic.framed import framed

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"
GENERATED = 60  # generated receipts, seeds 1..GENERATED


def spoiled(photo: Image.Image) -> dict[str, tuple[str, Image.Image]]:
    """Bad copies of a good photo, by name, with the problem they should be refused for."""
    width, height = photo.size
    short = min(width, height)
    return {
        "blurred": ("blurred", photo.filter(ImageFilter.GaussianBlur(short / 300))),
        "blurred_more": ("blurred", photo.filter(ImageFilter.GaussianBlur(short / 150))),
        "cut_bottom": ("cut_off", photo.crop((0, 0, width, round(height * 0.6)))),
        "cut_top": ("cut_off", photo.crop((0, round(height * 0.4), width, height))),
        "dark": ("too_dark", photo.point(lambda value: value // 5)),
        "small": ("too_small", photo.resize((round(width * 150 / short),
                                             round(height * 150 / short)))),
    }


def load(data: bytes) -> tuple[Image.Image, tuple[int, int]]:
    """A JPEG decoded as the upload check decodes it: grey, at the smallest DCT scale whose
    shorter side still has ``WORK_SIDE`` pixels."""
    image = Image.open(io.BytesIO(data))
    size = image.size
    scale = min(size) / WORK_SIDE
    image.draft("L", (round(size[0] / scale), round(size[1] / scale)) if scale > 1 else size)
    return image.convert("L"), size


def as_jpeg(photo: Image.Image) -> bytes:
    out = io.BytesIO()
    photo.convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


def good_photos(folder: Path) -> list[Path]:
    return sorted((folder / "srd").glob("*.jpg")) + sorted((folder / "softmatic").glob("*.jpg"))


def checked(photo: Image.Image):
    return judge(measure(*load(as_jpeg(photo))))


def generated(count: int) -> tuple[list[str], Counter]:
    """Generated whole photos refused (names), and cut frames caught by kind."""
    refused, caught = [], Counter()
    for seed in range(1, count + 1):
        whole, cut_top, cut_bottom = framed(seed)
        problem = checked(whole)
        if problem:
            refused.append(f"generated seed {seed}: {problem.code} {problem.edge or ''}")
        for name, copy in (("gen_cut_top", cut_top), ("gen_cut_bottom", cut_bottom)):
            found = checked(copy)
            caught[name] += found is not None and found.code == "cut_off"
    return refused, caught


def rate(part: int, whole: int) -> str:
    return f"{part:3} of {whole} ({100 * part / whole:.1f} %)"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_DIR
    photos = good_photos(folder)
    if not photos:
        print(f"no photos under {folder}/srd and {folder}/softmatic")
        return 1
    refused, caught, seen = [], Counter(), Counter()
    wrong_reason: dict[str, Counter] = defaultdict(Counter)
    seconds = []
    for path in photos:
        data = path.read_bytes()
        started = time.perf_counter()
        problem = judge(measure(*load(data)))
        seconds.append(time.perf_counter() - started)
        if problem:
            refused.append(f"{path.parent.name}/{path.name}: {problem.code} {problem.edge or ''}")
        original = Image.open(io.BytesIO(data)).convert("RGB")
        for name, (expected, copy) in spoiled(original).items():
            found = checked(copy)
            seen[name] += 1
            if found is not None:
                caught[name] += 1
                wrong_reason[name][found.code] += found.code != expected
    print(f"good photos refused: {rate(len(refused), len(photos))}")
    for line in refused:
        print("  ", line)
    for name in seen:
        others = sum(wrong_reason[name].values())
        print(f"{name:>14} caught: {rate(caught[name], seen[name])}, {others} for another reason")
    bad = sum(seen.values())
    print(f"bad photos caught: {rate(sum(caught.values()), bad)}")
    seconds.sort()
    print(f"check time per photo (decode at reduced scale + check): median "
          f"{1000 * seconds[len(seconds) // 2]:.0f} ms, max {1000 * seconds[-1]:.0f} ms")
    count = int(argv[1]) if len(argv) > 1 else GENERATED
    gen_refused, gen_caught = generated(count)
    print(f"generated whole photos refused: {rate(len(gen_refused), count)}")
    for line in gen_refused:
        print("  ", line)
    for name, number in sorted(gen_caught.items()):
        print(f"{name:>14} caught as cut_off: {rate(number, count)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
