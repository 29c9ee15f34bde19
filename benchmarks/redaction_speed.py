"""Text analysis speed of redaction: ``analyze`` over receipt lines, on one core.

    python -m benchmarks.redaction_speed [--receipts 400] [--repeat 3]

The lines are those of generated receipts (``redaction.evalset``: items, card slips,
pharmacy, personal data, ordinary receipts) and, when ``../shared/eval`` is there, the text
lines of the 48 real receipts. The baseline, in the same run, is one compiled regex (a digit
run, as a card recognizer needs) over the same lines: the floor any regex analysis pays.
Prints lines per second for both; the goal is at least 5,000 lines/s for ``analyze``.
"""
from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path

from redaction import Policy, analyze
from redaction.evalset.content import generate
from redaction.evalset.real import page_from_text

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "softmatic"


def pages(receipts: int) -> list:
    texts = ["\n".join(f"{row.left} {row.right}".strip() for row in receipt.rows)
             for receipt in generate(receipts, seed=1)]
    texts += [path.read_text(encoding="utf-8") for path in sorted(REAL.glob("*.textract.txt"))]
    return [page_from_text(text)[0] for text in texts]


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--receipts", type=int, default=400, help="generated receipts")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest counts")
    options = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    all_pages = pages(options.receipts)
    lines = [line.text for page in all_pages for line in page.lines]
    baseline = re.compile(r"(?<![\d+])\d+(?:[ -]\d+)*(?!\d)")
    policy = Policy()
    analyze(all_pages[0])  # load word lists and compile patterns before timing

    regex_seconds = best_of(options.repeat, lambda: [baseline.findall(line) for line in lines])
    analyze_seconds = best_of(options.repeat, lambda: [analyze(page) for page in all_pages])
    decide_seconds = best_of(options.repeat, lambda: [
        policy.decide(analyze(page), page) for page in all_pages])
    print(f"receipts: {len(all_pages)}, lines: {len(lines)}, one core, best of {options.repeat}")
    print(f"{'':34}{'lines/s':>12}{'ms/receipt':>12}")
    for name, seconds in (("one compiled regex (baseline)", regex_seconds),
                          ("analyze (all recognizers)", analyze_seconds),
                          ("analyze + policy decision", decide_seconds)):
        print(f"{name:34}{len(lines) / seconds:12,.0f}{1000 * seconds / len(all_pages):12.2f}")
    print(f"analyze / baseline: {analyze_seconds / regex_seconds:.1f}x the time of one regex")


if __name__ == "__main__":
    main()
