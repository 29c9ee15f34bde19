"""How far a labelled set overlaps the other sets and the vocabularies it is measured against.

    python -m products.overlap [third.tsv]

Prints the lines of the set whose text another set holds too (as printed, or the same once
case, umlauts and pieces holding a digit are left out), and the lines that, so normalised,
are an entry of a file of ``products/data`` as a whole (a plain product name such as
``BANANEN`` is; a set cannot avoid all of those, but should know how many it has).
"""
from __future__ import annotations

import argparse
import re

from products.evaluate import WRITTEN_SETS, rows
from products.lexicon import DATA_DIR
from products.text import fold

SETS = tuple(WRITTEN_SETS.values())


def normalised(text: str) -> str:
    folded = fold(text).replace("ae", "a").replace("oe", "o").replace("ue", "u")
    words = re.split(r"[^a-z0-9]+", folded)
    return " ".join(word for word in words if word and not any(c.isdigit() for c in word))


def overlap(name: str) -> tuple[list[str], list[str], list[str]]:
    lines = [row[0] for row in rows(name)]
    others = [row[0] for other in SETS if other != name for row in rows(other)]
    printed = {text.casefold() for text in others}
    alike = {normalised(text) for text in others}
    entries = set()
    for path in DATA_DIR.glob("*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                entries.update(normalised(cell) for cell in re.split(r"[\t,]", line))
    same = [text for text in lines if text.casefold() in printed]
    similar = [text for text in lines if text not in same and normalised(text) in alike]
    in_data = [text for text in lines if normalised(text) in entries]
    return same, similar, in_data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", nargs="?", default="third.tsv")
    name = parser.parse_args(argv).set
    same, similar, in_data = overlap(name)
    print(f"{name}: {len(rows(name))} lines")
    print(f"same text as a line of another set: {len(same)} {same}")
    print(f"the same without case, umlauts and numbers: {len(similar)} {similar}")
    print(f"a whole entry of a data file: {len(in_data)} {in_data}")


if __name__ == "__main__":
    main()
