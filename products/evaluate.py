"""The product classifier measured on labelled item lines it was not built from.

    python -m products.evaluate [--eval ../shared/eval] [--wrong]

Sets (``products/evalset``): ``written`` (item lines written by hand, German and English,
with their class and sensitive category), ``holdout`` (the same, written after the last change
to the classifier and never tuned on), ``fresh`` (a second holdout of 256 lines with ordinary
look-alikes, written before the medicine-by-parts change was measured on it, never tuned on;
also without the lines the other two sets hold as well), ``third`` (313 lines written from
shop assortments before branch ``items`` changed anything, none the same as a line of the
other sets; measured once before and once after), ``fourth`` (150 lines, most of its
sensitive ones a medicine brand alone, written before branch ``brands`` changed anything; measured
once before and once after), ``fifth`` (329 lines in French, Spanish, Italian, Dutch,
German and English, written by a helper who had not read the vocabularies, before session
10 changed anything; measured once before and once after), ``sixth`` (314 lines, the
same languages and more shops, by another helper, written after session 10's first change;
measured once at the session's start, after each of its changes, then studied), ``seventh``
(305 lines in Portuguese, Polish, the Nordic languages, Czech, Hungarian, Croatian, Turkish
and Malay/Indonesian, by a third helper, before those languages' vocabularies were written;
measured once before and once after), ``eighth`` (363 lines, most of them English and
German from shops of the UK, Ireland, Australia, New Zealand, Canada, India, South Africa, the
US, Austria and Switzerland, the rest French, Italian, Spanish and Dutch, by a fourth helper
at session 11's start; measured once before any change), ``ninth`` (365 lines: the US, the
UK, Germany, Singapore/Malaysia, the Philippines, Kenya/Nigeria, France, Spain; by a fifth
helper at session 11's start, kept unseen until its end and measured once), ``softmatic`` (item lines of the 48 German receipts'
textract text, each in its receipt's context) and ``srd`` (the items of the 55 US
restaurant receipts, read with the restaurant context). The last two are labels only: their text is read from ``--eval``.

Prints per set: division and class accuracy (on the lines that are products, and the division
on ordinary lines alone, the figure issue 16's goal names), coverage (the
share of product lines not left unknown), lines wrongly given a class where there is no
product; for sensitive lines recall (a sensitive meaning of the right category found) and,
on ordinary product lines, the false-flag rate (any sensitive meaning found: the line would be
removed). ``--wrong`` prints the lines it got wrong. ``--pharmacy`` measures every set twice:
as the lines come, and as if each line were bought at a pharmacy (``products.context``: what
is unknown or known under 0.5 is health), with the ordinary lines of typical pharmacy goods
(``PHARMACY_GOODS``: health products, personal care) and how many of them would be removed.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from products.classify import classify
from products.context import receipt_context
from products.meaning import categories
from products.types import PHARMACY, RESTAURANT

EVALSET = Path(__file__).resolve().parent / "evalset"
DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
# what a pharmacy typically sells besides medicines: COICOP 2018 health (06: vitamins, plasters
# and the like where ordinary) and personal care (13.1: toothpaste, cream, shampoo)
PHARMACY_GOODS = ("06", "13.1")


@dataclass(frozen=True)
class Labelled:
    text: str
    code: str | None          # None: no product
    sensitive: str            # the redaction category, or ""
    context: str | None = None


@dataclass
class Tally:
    products: int = 0
    covered: int = 0
    division: int = 0
    exact: int = 0
    ordinary: int = 0
    ordinary_division: int = 0  # ordinary lines given their right division (the goal's figure)
    false_flags: int = 0
    sensitive: int = 0
    found: int = 0
    not_products: int = 0
    given_a_class: int = 0
    goods: int = 0            # ordinary lines of typical pharmacy goods ...
    goods_flagged: int = 0    # ... and those flagged
    wrong: list[str] = field(default_factory=list)

    def add(self, item: Labelled) -> None:
        product = classify(item.text, context=item.context)
        flagged = categories(product.signals)
        if item.code is None:
            self.not_products += 1
            if product.code is not None and product.confidence >= 0.5:
                self.given_a_class += 1
                self.wrong.append(f"no product, read as {product.code}: {item.text}")
            return
        self.products += 1
        self.covered += product.code is not None
        self.division += bool(product.code) and product.code[:2] == item.code[:2]
        self.exact += product.code == item.code
        if product.code != item.code:
            self.wrong.append(f"{item.code} read as {product.code}: {item.text}")
        if item.sensitive:
            self.sensitive += 1
            self.found += item.sensitive in flagged
            if item.sensitive not in flagged:
                self.wrong.append(f"{item.sensitive} missed ({sorted(flagged)}): {item.text}")
        else:
            self.ordinary += 1
            self.ordinary_division += bool(product.code) and product.code[:2] == item.code[:2]
            self.false_flags += bool(flagged)
            if item.code.startswith(PHARMACY_GOODS):
                self.goods += 1
                self.goods_flagged += bool(flagged)
            if flagged:
                self.wrong.append(f"ordinary flagged {sorted(flagged)}: {item.text}")


def rows(name: str) -> list[list[str]]:
    lines = (EVALSET / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def code_of(label: str) -> str | None:
    return None if label == "-" else label


def written(name: str = "written.tsv") -> list[Labelled]:
    return [Labelled(text, code_of(code), sensitive) for text, code, sensitive in rows(name)]


# the hand-written sets of ``products/evalset`` by name, in the reports' order
WRITTEN_SETS = {"written": "written.tsv", "holdout": "holdout.tsv", "fresh": "fresh.tsv",
                "third": "third.tsv", "fourth": "fourth.tsv", "fifth": "fifth.tsv",
                "sixth": "sixth.tsv", "seventh": "seventh.tsv", "eighth": "eighth.tsv",
                "ninth": "ninth.tsv", "tenth": "tenth.tsv",
                "eleventh": "eleventh.tsv"}


def written_sets() -> dict[str, list[Labelled]]:
    """Every hand-written set by name, and after ``fresh`` its lines no earlier set holds."""
    sets = {}
    for name, file in WRITTEN_SETS.items():
        sets[name] = written(file)
        if name == "fresh":
            sets["fresh, unseen lines"] = unseen(sets[name])
    return sets


def unseen(items: list[Labelled]) -> list[Labelled]:
    """``items`` without the lines whose text the written set or the first holdout holds too
    (the fresh set was written without looking at them: a few came out the same)."""
    seen = {item.text.casefold() for item in (*written(), *written("holdout.tsv"))}
    return [item for item in items if item.text.casefold() not in seen]


def softmatic(eval_dir: Path) -> list[Labelled]:
    """The labelled lines of the German receipts, each read in its receipt's context as the
    panel reads it (``products.receipt_context`` of the receipt's text: a pharmacy's, a
    restaurant's, or what the shop mostly sells)."""
    items = []
    for path, line, code, sensitive in rows("softmatic.tsv"):
        page = (eval_dir / path).read_text(encoding="utf-8")
        items.append(Labelled(page.split("\n")[int(line)], code_of(code), sensitive,
                              receipt_context(page)))
    return items


def srd(eval_dir: Path) -> list[Labelled]:
    manifest = {entry["image"]: entry
                for entry in json.loads((eval_dir / "srd-manifest.json").read_text("utf-8"))}
    return [Labelled(manifest[image]["items"][int(index)]["description"], code_of(code),
                     sensitive, RESTAURANT)
            for image, index, code, sensitive in rows("srd.tsv")]


def evaluate(items: list[Labelled]) -> Tally:
    tally = Tally()
    for item in items:
        tally.add(item)
    return tally


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "-"


def at_pharmacy(items: list[Labelled]) -> list[Labelled]:
    """The lines as if each were bought at a pharmacy."""
    return [replace(item, context=PHARMACY) for item in items]


def pharmacy_report(plain: dict[str, Tally], pharmacy: dict[str, Tally]) -> None:
    print("set | sensitive recall | at a pharmacy | ordinary flagged | at a pharmacy | "
          "pharmacy goods flagged | at a pharmacy")
    for name, t in plain.items():
        p = pharmacy[name]
        print(" | ".join([name, share(t.found, t.sensitive), share(p.found, p.sensitive),
                          share(t.false_flags, t.ordinary), share(p.false_flags, p.ordinary),
                          share(t.goods_flagged, t.goods), share(p.goods_flagged, p.goods)]))


def report(sets: dict[str, Tally], wrong: bool) -> None:
    columns = ["set", "products", "division", "class", "coverage", "no product given a class",
               "sensitive recall", "ordinary flagged", "division of ordinary"]
    print(" | ".join(columns))
    for name, t in sets.items():
        print(" | ".join([name, str(t.products), share(t.division, t.products),
                          share(t.exact, t.products), share(t.covered, t.products),
                          share(t.given_a_class, t.not_products), share(t.found, t.sensitive),
                          share(t.false_flags, t.ordinary),
                          share(t.ordinary_division, t.ordinary)]))
    if wrong:
        for name, t in sets.items():
            print(f"\n{name}: {len(t.wrong)} wrong")
            for line in t.wrong:
                print("  " + line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL,
                        help="the shared evaluation sets (softmatic and SRD text)")
    parser.add_argument("--wrong", action="store_true", help="print the lines it got wrong")
    parser.add_argument("--pharmacy", action="store_true",
                        help="also as if every line were bought at a pharmacy")
    options = parser.parse_args(argv)
    labelled = written_sets()
    if (options.eval / "manifest.json").is_file():
        labelled["softmatic"] = softmatic(options.eval)
        if not options.pharmacy:
            labelled["srd (restaurant)"] = srd(options.eval)
    else:
        print(f"({options.eval} missing: the written set only)")
    sets = {name: evaluate(items) for name, items in labelled.items()}
    if options.pharmacy:
        pharmacy = {name: evaluate(at_pharmacy(items)) for name, items in labelled.items()}
        pharmacy_report(sets, pharmacy)
        if options.wrong:
            report({f"{name} at a pharmacy": t for name, t in pharmacy.items()}, True)
        return
    report(sets, options.wrong)


if __name__ == "__main__":
    main()
