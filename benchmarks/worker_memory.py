"""Peak memory and seconds of one worker job: the worst upload the limits allow, beside a
normal receipt.

    python -m benchmarks.worker_memory [--unbounded]

Each receipt is uploaded through the API (SQLite, local storage, the default limits), then
processed by the pipeline in a fresh child process, as a worker would, which reports its
resident memory before the job (the app made, the libraries loaded), its peak during the job
and the seconds. The peak is Linux's ``VmHWM``, reset before the job (``/proc/self/clear_refs``):
``getrusage``'s ``ru_maxrss`` would also count the parent's memory, which Linux carries into
a child across ``exec``. Tesseract runs as a process of its own on the
prepared image (at most 16 million pixels, ``ocr.prepare.steps``), not counted here.

- normal: one 12-megapixel phone photo (3024 x 4032) of a receipt of 30 lines;
- worst uploads the limits allow: six pages of 10 megapixels each, the 60 million pixels
  ``UPLOAD_MAX_RECEIPT_PIXELS`` allows, each a different receipt of 25 lines (more pages to
  read); and one page of 40 megapixels, ``UPLOAD_MAX_PIXELS``, a sheet with nothing printed on
  a table (nothing to crop away: the largest image to read; a blank page alone would be the
  same, a blank page beside others is dropped at upload);
- with ``--unbounded``, the worst again with ``WORKER_MAX_PIXELS`` so high that nothing is
  reduced: what the job cost before the budget (several GB; it takes a minute or more).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from PIL import Image  # noqa: E402

from benchmarks.table import Figure, render  # noqa: E402
from tests.ocr.synthetic import render_receipt  # noqa: E402
from tests.support.apps import make_app  # noqa: E402
from tests.support.factories import BOUGHT_PRINTED, register, upload  # noqa: E402

UNBOUNDED = 10**12
JOB_BUDGET_MB = 512  # what README.md promises a job holds at most, above the idle worker


def receipt_lines(shop: int, items: int) -> list[tuple[str, str]]:
    prices = [(f"Artikel {shop}-{n} Sorte {n * 7 % 13}", f"{(n * 37 + shop) % 900 / 100 + 1:.2f}")
              for n in range(items)]
    total = sum(float(price) for _, price in prices)
    return ([(f"MARKT NUMMER {shop}", ""), ("Hauptstr. 5, 10115 Berlin", ""),
             (f"{BOUGHT_PRINTED} 1{shop % 10}:33", "")]
            + [(name, price.replace(".", ",")) for name, price in prices]
            + [("SUMME EUR", f"{total:.2f}".replace(".", ","))])


def phone_photo(lines: list[tuple[str, str]], size: tuple[int, int]) -> bytes:
    """The receipt on a darker table, filling most of a photo of ``size``."""
    paper = render_receipt(lines)
    scale = min(size[0] * 0.8 / paper.width, size[1] * 0.9 / paper.height)
    paper = paper.resize((round(paper.width * scale), round(paper.height * scale)))
    photo = Image.new("RGB", size, (96, 90, 84))
    photo.paste(paper, ((size[0] - paper.width) // 2, (size[1] - paper.height) // 2))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=90)
    return out.getvalue()


def uploaded(app, pages: list[bytes]) -> str:
    """Upload the pages as one receipt of a new panelist; its id."""
    client = app.test_client()
    response = upload(client, register(app, client), *pages)
    if response.status_code != 202:
        raise RuntimeError(f"upload refused: {response.get_json()}")
    return response.get_json()["id"]


def job_in_child(folder: Path, receipt_id: str, max_pixels: int) -> dict:
    """Process the receipt in a fresh process; what it reports (memory in MB, seconds)."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker_memory", "--job", str(folder), receipt_id,
         "--max-pixels", str(max_pixels)], capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_job(folder: Path, receipt_id: str, max_pixels: int) -> None:
    """The child: make the app, then one job; print one line of JSON."""
    from panel.db import db
    from panel.models import Receipt
    from panel.tasks.pipeline import process_receipt
    app = make_app(folder, f"sqlite:///{folder / 'panel.sqlite3'}", WORKER_MAX_PIXELS=max_pixels)
    with app.app_context():
        import ocr  # noqa: F401  (loaded before the job, as in a worker that has run one)
        Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from now
        before = memory_kb("VmRSS")
        started = time.perf_counter()
        process_receipt(receipt_id)
        seconds = time.perf_counter() - started
        receipt = db.session.get(Receipt, receipt_id)
        outcome = f"{receipt.status} {receipt.status_reason or ''}".strip()
    print(json.dumps({
        "before_mb": before / 1024, "seconds": seconds, "outcome": outcome,
        "peak_mb": memory_kb("VmHWM") / 1024}))


def memory_kb(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (the peak) of this process, in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def sheet_on_a_table(side: int) -> bytes:
    photo = Image.new("RGB", (side, side), (96, 90, 84))
    photo.paste((248, 248, 244), (side // 8, side // 16, side * 7 // 8, side * 15 // 16))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=90)
    return out.getvalue()


def measure(unbounded: bool = False) -> tuple[list[Figure], str]:
    folder = Path(tempfile.mkdtemp(prefix="worker-memory-"))
    app = make_app(folder, f"sqlite:///{folder / 'panel.sqlite3'}")
    budget = app.config["WORKER_MAX_PIXELS"]
    side = int((app.config["UPLOAD_MAX_RECEIPT_PIXELS"] / 6 * 2 / 3) ** 0.5) - 1
    def six_pages(first_shop: int) -> list[bytes]:  # other shops: not a duplicate
        return [phone_photo(receipt_lines(shop, 21), (side, side * 3 // 2))
                for shop in range(first_shop, first_shop + 6)]
    one_page = [sheet_on_a_table(int(app.config["UPLOAD_MAX_PIXELS"] ** 0.5))]
    cases = {"normal": [phone_photo(receipt_lines(0, 26), (3024, 4032))],
             "6 pages of 10 MP": six_pages(1), "1 page of 40 MP": one_page}
    if unbounded:
        cases.update({"6 pages of 10 MP, nothing reduced": six_pages(11),
                      "1 page of 40 MP, nothing reduced": one_page})
    runs = {name: job_in_child(folder, uploaded(app, pages),
                               UNBOUNDED if "nothing reduced" in name else budget)
            for name, pages in cases.items()}
    normal = runs.pop("normal")
    figures = []
    for name, run in runs.items():
        job_mb = run["peak_mb"] - run["before_mb"]
        bounded = "nothing reduced" not in name
        figures += [
            Figure(f"{name}: MB of the job, above the idle worker", job_mb,
                   normal["peak_mb"] - normal["before_mb"],
                   f"at most {JOB_BUDGET_MB} MB" if bounded else "-",
                   job_mb <= JOB_BUDGET_MB if bounded else None),
            Figure(f"{name}: seconds", run["seconds"], normal["seconds"])]
    notes = "; ".join(f"{name}: {run['outcome']}" for name, run in
                      [("normal", normal), *runs.items()])
    return figures, (f"baseline: one normal 12-megapixel receipt photo; WORKER_MAX_PIXELS "
                     f"{budget:,}; the idle worker {normal['before_mb']:.0f} MB; {notes}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--unbounded", action="store_true",
                        help="also the worst upload with nothing reduced (slow, several GB)")
    parser.add_argument("--job", nargs=2, metavar=("FOLDER", "RECEIPT"), help=argparse.SUPPRESS)
    parser.add_argument("--max-pixels", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.job:
        run_job(Path(options.job[0]), options.job[1], options.max_pixels)
        return
    figures, note = measure(options.unbounded)
    print(render(figures))
    print(note)


if __name__ == "__main__":
    main()
