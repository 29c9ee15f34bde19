"""Redaction of item lines by meaning, measured on the labelled item lines of
``products/evalset`` (see ``products.evaluate``): each line, with a price, is put on a
supermarket receipt and analysed with every recognizer (word lists and meanings) under the
default policy.

    python -m redaction.evaluate_items [--eval ../shared/eval] [--wrong]

Prints per set the sensitive lines removed (recall) and the ordinary product lines removed
(false removals), and with ``--wrong`` the lines concerned. Prescription receipts are not
part of this: they are removed whole by the prescription recognizer.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from products import evaluate as labelled
from redaction import Policy, analyze
from redaction.evalset.real import page_from_text
from redaction.recognizers import ItemMeaningRecognizer, Registry, default_registry

HEADER = "SUPERMARKT MUSTER\nHauptstr. 1\n10115 Berlin\n"


def removed(text: str, policy: Policy, registry: Registry | None = None) -> bool:
    page, _ = page_from_text(HEADER + f"{text} 4,99\nSUMME 4,99")
    decision = policy.decide(analyze(page, registry=registry), page)
    return decision.remove_receipt or 3 in decision.removed_lines


def measure(items: list[labelled.Labelled], policy: Policy,
            registry: Registry | None = None) -> tuple[int, int, int, int, list]:
    sensitive = found = ordinary = wrongly = 0
    wrong = []
    for item in items:
        if item.code is None:
            continue
        gone = removed(item.text, policy, registry)
        if item.sensitive:
            sensitive += 1
            found += gone
            if not gone:
                wrong.append(f"{item.sensitive} kept: {item.text}")
        else:
            ordinary += 1
            wrongly += gone
            if gone:
                wrong.append(f"ordinary removed: {item.text}")
    return sensitive, found, ordinary, wrongly, wrong


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=labelled.DEFAULT_EVAL)
    parser.add_argument("--wrong", action="store_true")
    parser.add_argument("--lists-only", action="store_true",
                        help="without the meaning recognizer: the word lists as before")
    options = parser.parse_args(argv)
    policy = Policy()
    registry = default_registry()
    if options.lists_only:
        registry.remove(ItemMeaningRecognizer.name)
    sets = {"written": labelled.written(), "holdout": labelled.written("holdout.tsv")}
    if (options.eval / "manifest.json").is_file():
        sets["softmatic"] = labelled.softmatic(options.eval)
        sets["srd"] = labelled.srd(options.eval)
    print("set | sensitive removed | ordinary removed")
    results = {name: measure(items, policy, registry) for name, items in sets.items()}
    for name, (sensitive, found, ordinary, wrongly, _) in results.items():
        print(f"{name} | {labelled.share(found, sensitive)} | {labelled.share(wrongly, ordinary)}")
    if options.wrong:
        for name, (*_, wrong) in results.items():
            print(f"\n{name}:")
            for line in wrong:
                print("  " + line)


if __name__ == "__main__":
    main()
