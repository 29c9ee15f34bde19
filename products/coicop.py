"""COICOP 2018 codes and titles (``data/coicop2018.tsv``, from Eurostat's ``hicp``)."""
from __future__ import annotations

import re
from functools import lru_cache

from products.lexicon import read_rows

CODE = re.compile(r"^\d{2}(?:\.\d){0,3}$")


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    return {code: re.sub(r" \((?:ND|SD|D|S)\)$", "", name) for code, name in
            read_rows("coicop2018.tsv")}


def title(code: str) -> str | None:
    return titles().get(code)


def division_of(code: str) -> str:
    return code[:2]


def is_code(text: str) -> bool:
    """True for a COICOP 2018 code of any level that exists (``06``, ``06.1``, ``06.1.2``)."""
    return bool(CODE.match(text)) and text in titles()
