"""Write a set of synthetic receipt photos with its manifest, for ``python -m ocr.evaluate DIR``.

    python -m ocr.synthetic OUT --count 60 --seed 1                  # the classic receipts
    python -m ocr.synthetic OUT --count 60 --seed 1 --locales world  # other countries' styles
    python -m ocr.synthetic OUT --count 20 --locales en-MY,en-SG
"""
from __future__ import annotations

import argparse

from ocr.synthetic import write_set
from ocr.synthetic.styles import GROUPS, STYLES, resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--locales", default=None,
                        help=f"comma-separated groups {sorted(GROUPS)} or styles {sorted(STYLES)}; "
                             "default: the classic receipts")
    options = parser.parse_args()
    locales = options.locales.split(",") if options.locales else None
    if locales:
        try:
            resolve(locales)
        except ValueError as error:
            parser.error(str(error))
    print(write_set(options.folder, options.count, options.seed, locales))


if __name__ == "__main__":
    main()
