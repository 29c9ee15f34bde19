"""Build the derived vocabularies in ``products/data`` from the published sources.

    python -m products.build [SOURCE_DIR]   (default: ../shared/data beside the repository)

Reads the source files named in ``products/data/SOURCES.md`` (each checked against its
SHA-256 there, so a build from other files fails) and writes, sorted and deterministic:

- ``coicop2018.tsv``: every COICOP 2018 code with its English title (Eurostat ``hicp``).
- ``off_terms.tsv``: Open Food Facts category names and synonyms in English and German, each
  with the COICOP class of its nearest ancestor listed in ``off_to_coicop.tsv`` (ODbL).
- ``drug_terms.tsv``: medicine names from DrugBank's open vocabulary (CC0) and the ICD-10-CM
  table of drugs (US public domain), without names that are also food or product words here.
- ``drug_brands.tsv`` (only with ``--brands FOLDER``): medicine brand names with their generic
  name and class, from the ``drug-named-entity-recognition`` package's dictionary and the
  ``drugstandards`` package's synonym table, without English and German words (and, of the
  second, French, Spanish, Italian and Dutch ones) and the vocabularies' ordinary words
  (``products.build_brands``).

The classifier reads only ``products/data``; nothing is downloaded at build or run time.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

from products.build_brands import checked as checked_against
from products.build_brands import drug_brands
from products.lexicon import DATA_DIR, own_terms, stopwords
from products.text import fold, tokens

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = {
    "coicop/hicp_coicop_dictionaries.csv":
        "c739561125f82d91fe87cb3a3e7909f8cbd3200a5d0de589d527dfbcd9f3eb7b",
    "products/off_categories_en_de.json":
        "21db088065742f9fc0eda69ec24bda4ed2c2503b3dde36264f731ee16f5c22ba",
    "health/drugbank_vocabulary.csv":
        "12e16e3097bbb3a84ee15c5fe388953527f3b6fddbec45e62271bb189af66f12",
    "health/ICD10CM_2025_Drugs.csv":
        "137e8f45946a070eba705230d16d54a663ae6c45b7230c97b149cb8b2b5209ba",
}
MAX_TERM_WORDS = 4
# one word of eight letters or more, or two words: shorter names are too often ordinary
# words or chemicals ("balance", "acetate", "alkohol") that an item line may hold
DRUG_NAME = re.compile(r"^(?:[a-z]{8,30}|[a-z]{4,29} [a-z]{3,29})$")


def checked(source: Path, name: str) -> Path:
    return checked_against(source, name, SOURCES)


def dotted(code: str) -> str:
    """``01111`` -> ``01.1.1.1`` (the hicp dictionary writes codes without dots)."""
    return ".".join([code[:2], *code[2:]]) if len(code) > 2 else code


def coicop_titles(source: Path) -> list[tuple[str, str]]:
    with checked(source, "coicop/hicp_coicop_dictionaries.csv").open(encoding="utf-8") as f:
        rows = [(dotted(row["id"]), row["name"]) for row in csv.DictReader(f)
                if row["version"] == "coicop2018"]
    return sorted(rows)


def read_mapping(path: Path) -> dict[str, tuple[int, str]]:
    mapping = {}
    for order, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            category, code = line.split("\t")
            mapping[category] = (order, code.strip())
    return mapping


def nearest_class(category: str, nodes: dict, mapping: dict[str, tuple[int, str]]) -> str | None:
    """The class of the nearest listed ancestor (breadth first; on a tie, the one listed
    first in the mapping)."""
    seen, frontier = {category}, [category]
    while frontier:
        listed = sorted(mapping[c] for c in frontier if c in mapping)
        if listed:
            return listed[0][1]
        following = []
        for node in frontier:
            for parent in nodes.get(node, {}).get("parents", []):
                if parent not in seen:
                    seen.add(parent)
                    following.append(parent)
        frontier = following
    return None


def off_terms(source: Path) -> list[tuple[str, str, str]]:
    nodes = json.loads(checked(source, "products/off_categories_en_de.json").read_text("utf-8"))
    mapping = read_mapping(DATA_DIR / "off_to_coicop.tsv")
    rows = set()
    for category, node in nodes.items():
        code = nearest_class(category, nodes, mapping)
        if code is None:
            continue
        for language in ("en", "de"):
            names = [node.get("name", {}).get(language, ""),
                     *node.get("synonyms", {}).get(language, [])]
            for name in names:
                words = tokens(name)
                if 0 < len(words) <= MAX_TERM_WORDS and len(" ".join(words)) >= 3:
                    rows.add((" ".join(words), code, category))
    return sorted(rows)


def drug_names(source: Path) -> set[str]:
    names = set()
    with checked(source, "health/drugbank_vocabulary.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.add(row["Common name"])
            names.update(s.strip() for s in row["Synonyms"].split("|"))
    with checked(source, "health/ICD10CM_2025_Drugs.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):  # top-level terms with an adverse-effect code: medicines
            if row["Level"] == "0" and row["AdverseEffect"] not in ("", "--"):
                names.add(row["Term"])
    return {fold(name).strip() for name in names if name}


def drug_terms(source: Path, food: list[tuple[str, str, str]]) -> list[str]:
    """Medicine names, without any that is (or holds a word that is) a food or product term
    of the other vocabularies or a stop word: "Honey", "Cocoa butter", "Banana allergenic
    extract", "Platinum" go."""
    other_words = {word for term, *_ in food for word in term.split()}
    other_words |= {word for term, code, _ in own_terms() if not code.startswith("06")
                    for word in term.split()} | stopwords()  # "platinum", a grade
    kept = []
    for name in drug_names(source):
        if not DRUG_NAME.match(name) or any(word in other_words for word in name.split()):
            continue
        kept.append(name)
    return sorted(set(kept))


def write_tsv(path: Path, header: str, rows) -> None:
    lines = [header, *("\t".join(row) if isinstance(row, tuple) else row for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="folder of the staged source files (see SOURCES.md)")
    parser.add_argument("--brands", type=Path, help="folder of the staged brand sources "
                        "(see SOURCES.md); without it drug_brands.tsv is left as it is")
    options = parser.parse_args(argv)
    coicop = coicop_titles(options.source)
    food = off_terms(options.source)
    drugs = drug_terms(options.source, food)
    write_tsv(DATA_DIR / "coicop2018.tsv", "# COICOP 2018 codes and titles. Source: Eurostat, "
              "R package hicp (EUPL), github.com/eurostat/hicp. See SOURCES.md.", coicop)
    write_tsv(DATA_DIR / "off_terms.tsv", "# term, COICOP class, Open Food Facts category. "
              "Adapted (subset) from Open Food Facts, (c) Open Food Facts contributors, "
              "ODbL 1.0 (opendatacommons.org/licenses/odbl/1-0/). See SOURCES.md.", food)
    write_tsv(DATA_DIR / "drug_terms.tsv", "# medicine names. DrugBank Open Data vocabulary "
              "(CC0) and ICD-10-CM FY2025 table of drugs (NCHS/CDC, public domain). "
              "See SOURCES.md.", drugs)
    if options.brands:
        brands = drug_brands(options.brands, food, set(drugs))
        write_tsv(DATA_DIR / "drug_brands.tsv", "# brand, generic name, COICOP class. Names "
                  "from the drug dictionary of drug-named-entity-recognition 2.0.9 (DrugBank, "
                  "MeSH, MedlinePlus, NHS, Wikipedia: CC BY-SA 3.0 as a whole) and the synonym "
                  "table of drugstandards 0.6 (MIT). See SOURCES.md.", brands)
        print(f"drug_brands.tsv {len(brands)}", file=sys.stderr)
    print(f"coicop2018.tsv {len(coicop)}, off_terms.tsv {len(food)}, "
          f"drug_terms.tsv {len(drugs)}", file=sys.stderr)


if __name__ == "__main__":
    main()
