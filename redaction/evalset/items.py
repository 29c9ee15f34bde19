"""Redaction of item lines by meaning, measured on the labelled item lines of
``products/evalset`` (see ``products.evaluate``): each line, with a price, is put on a
supermarket receipt and analysed with every recognizer (word lists and meanings) under the
default policy.

    python -m redaction.evaluate --count 0 --items [--lists-only] [--wrong]

Reports per set the sensitive lines removed (recall) and the ordinary product lines removed
(false removals), and with ``wrong`` the labelled lines concerned (the evaluation set's own
text, never a panelist's). Prescription receipts are not part of this: they are removed whole
by the prescription recognizer.
"""
from __future__ import annotations

from pathlib import Path

from products import evaluate as labelled
from redaction import Policy, analyze
from redaction.evalset.real import page_from_text
from redaction.recognizers import ItemMeaningRecognizer, Registry, default_registry

HEADER = "SUPERMARKT MUSTER\nHauptstr. 1\n10115 Berlin\n"
PHARMACY_HEADER = "STADT-APOTHEKE\nHauptstr. 1\n10115 Berlin\n"  # --pharmacy: a pharmacy's


def removed(text: str, policy: Policy, registry: Registry | None = None,
            header: str = HEADER) -> bool:
    page, _ = page_from_text(header + f"{text} 4,99\nSUMME 4,99")
    decision = policy.decide(analyze(page, registry=registry), page)
    return decision.remove_receipt or 3 in decision.removed_lines


def measure(items: list[labelled.Labelled], policy: Policy, registry: Registry | None = None,
            header: str = HEADER) -> tuple[int, int, int, int, list]:
    """Sensitive lines, those removed, ordinary lines, those removed, and the lines wrong."""
    return measured(items, policy, registry, header)[:5]


def measured(items: list[labelled.Labelled], policy: Policy, registry: Registry | None = None,
             header: str = HEADER) -> tuple[int, int, int, int, list, int, int]:
    """``measure``, and the ordinary lines of typical pharmacy goods and those removed."""
    sensitive = found = ordinary = wrongly = goods = goods_gone = 0
    wrong = []
    for item in items:
        if item.code is None:
            continue
        gone = removed(item.text, policy, registry, header)
        if item.sensitive:
            sensitive += 1
            found += gone
            if not gone:
                wrong.append(f"{item.sensitive} kept: {item.text}")
        else:
            ordinary += 1
            wrongly += gone
            if item.code.startswith(labelled.PHARMACY_GOODS):
                goods += 1
                goods_gone += gone
            if gone:
                wrong.append(f"ordinary removed: {item.text}")
    return sensitive, found, ordinary, wrongly, wrong, goods, goods_gone


def evaluate_items(eval_dir: Path, lists_only: bool = False, wrong: bool = False,
                   pharmacy: bool = False) -> list[str]:
    """The report's lines: per set, sensitive lines removed and ordinary ones removed; with
    ``pharmacy`` each line also on a pharmacy's receipt, and the ordinary lines of typical
    pharmacy goods (``products.evaluate.PHARMACY_GOODS``) removed on either."""
    policy, registry = Policy(), default_registry()
    if lists_only:
        registry.remove(ItemMeaningRecognizer.name)
    sets = labelled.written_sets()
    if (eval_dir / "manifest.json").is_file():
        sets["softmatic"] = labelled.softmatic(eval_dir)
        if not pharmacy:
            sets["srd"] = labelled.srd(eval_dir)
    if pharmacy:
        return pharmacy_lines(sets, policy, registry, wrong)
    results = {name: measure(items, policy, registry) for name, items in sets.items()}
    lines = ["set | sensitive removed | ordinary removed"]
    for name, (sensitive, found, ordinary, wrongly, _) in results.items():
        lines.append(f"{name} | {labelled.share(found, sensitive)} | "
                     f"{labelled.share(wrongly, ordinary)}")
    if wrong:
        for name, (*_, missed) in results.items():
            lines += [f"{name}:", *("  " + line for line in missed)]
    return lines


def pharmacy_lines(sets: dict[str, list[labelled.Labelled]], policy: Policy,
                   registry: Registry, wrong: bool) -> list[str]:
    lines = ["set | sensitive removed | at a pharmacy | ordinary removed | at a pharmacy | "
             "pharmacy goods removed | at a pharmacy"]
    missed = []
    for name, items in sets.items():
        s, f, o, w, _, g, gg = measured(items, policy, registry)
        ps, pf, po, pw, pwrong, pg, pgg = measured(items, policy, registry, PHARMACY_HEADER)
        lines.append(" | ".join([name, labelled.share(f, s), labelled.share(pf, ps),
                                 labelled.share(w, o), labelled.share(pw, po),
                                 labelled.share(gg, g), labelled.share(pgg, pg)]))
        missed += [f"{name} at a pharmacy:", *("  " + line for line in pwrong)]
    return lines + (missed if wrong else [])
