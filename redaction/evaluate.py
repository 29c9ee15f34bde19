"""Measure redaction on labelled receipts.

    python -m redaction.evaluate [--count 48] [--seed 4] [--real ../shared/eval]

Generated: ``--count`` receipt photos from ``--seed`` (cards, prescriptions, special
categories, personal data, deliveries, fuel, ordinary receipts; varied fonts, rotation, blur,
lighting, noise), read with tesseract, redacted as the pipeline does, and compared with their
labels pixel by pixel and in the stored text. Real: the text lines of the real receipts in
``--real`` with the labels in ``redaction/data/real_labels.json``; with ``--real-images``
also the real photos, read by tesseract (what was removed and masked). Prints recall per category,
the share of ordinary item lines wrongly removed and the time per receipt; only counts and
file names, never receipt text.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from products.evaluate import DEFAULT_EVAL
from redaction.evalset.content import generate
from redaction.evalset.items import evaluate_items
from redaction.evalset.photo import deskew, render
from redaction.evalset.reader import TesseractReader
from redaction.evalset.real import evaluate_real
from redaction.evalset.real_images import evaluate_real_images
from redaction.evalset.score import Tally, process, score, table
from redaction.verified import SCOPES


def evaluate_generated(count: int, seed: int, lang: str = "deu+eng",
                       progress=None, scope: str = "painted") -> Tally:
    tally = Tally()
    engine = TesseractReader(lang)
    for index, receipt in enumerate(generate(count, seed)):
        photo = deskew(render(receipt, random.Random(seed * 1000 + index)))
        outcome = process(photo.image, engine, scope=scope)
        score(receipt, photo, outcome, tally)
        if progress:
            progress(f"{receipt.name}: {'removed' if outcome.removed else 'kept'}"
                     f" in {outcome.seconds:.2f} s ({photo.style})")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m redaction.evaluate")
    parser.add_argument("--count", type=int, default=48, help="generated photos (0: none)")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--lang", default="deu+eng", help="tesseract languages")
    parser.add_argument("--real", type=Path, help="folder of the real eval set (../shared/eval)")
    parser.add_argument("--real-images", action="store_true",
                        help="also read the real photos in --real with tesseract (slow)")
    parser.add_argument("--quiet", action="store_true", help="no line per receipt")
    parser.add_argument("--items", action="store_true",
                        help="item lines by meaning (products/evalset; --real for the shared sets)")
    parser.add_argument("--lists-only", action="store_true",
                        help="with --items: without the meaning recognizer (the word lists)")
    parser.add_argument("--wrong", action="store_true", help="with --items: the lines missed")
    parser.add_argument("--pharmacy", action="store_true",
                        help="with --items: also each line on a pharmacy's receipt")
    parser.add_argument("--verify", choices=SCOPES, default="painted",
                        help="read again the bands around the paint (as the pipeline does) "
                             "or the whole painted page")
    args = parser.parse_args(argv)
    if args.count:
        log = None if args.quiet else lambda message: print("  " + message, file=sys.stderr)
        tally = evaluate_generated(args.count, args.seed, args.lang, log, args.verify)
        print(f"generated photos: {args.count} (seed {args.seed}, verification: "
              f"{args.verify})")
        print("\n".join(table(tally)))
        if tally.missed:
            print("missed: " + ", ".join(tally.missed))
    if args.real:
        print(f"\nreal receipts, text lines: {args.real}")
        print("\n".join(evaluate_real(args.real)))
    if args.items:
        print("\nitem lines by meaning (products/evalset)")
        print("\n".join(evaluate_items(args.real or DEFAULT_EVAL, args.lists_only, args.wrong,
                                        args.pharmacy)))
    if args.real and args.real_images:
        print(f"\nreal receipts, photos read by tesseract: {args.real}")
        print("\n".join(evaluate_real_images(args.real, TesseractReader(args.lang),
                                              scope=args.verify)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
