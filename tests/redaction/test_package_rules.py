"""Rules of the package: word lists are data, nothing is logged or printed, files stay small."""
import ast
from pathlib import Path

import pytest

from redaction.recognizers import ALL_RECOGNIZERS, default_registry
from redaction.text import DATA_DIR, word_list

PACKAGE = Path(__file__).resolve().parents[2] / "redaction"
SPECIAL = ("health", "religion", "political", "trade_union", "sex_life")


@pytest.mark.parametrize("category", SPECIAL)
@pytest.mark.parametrize("language", ["de", "en"])
def test_word_lists_exist_for_german_and_english(category, language):
    entries = word_list(f"{category}.{language}")
    terms = [e for e in entries if e[0] not in "!+-"]
    assert len(terms) >= 5
    assert all(e == e.lower() and not e.startswith("#") for e in entries)


def test_all_data_files_are_small():
    assert sum(path.stat().st_size for path in DATA_DIR.iterdir()) < 200_000


def test_registry_holds_one_recognizer_per_class_with_unique_names():
    registry = default_registry()
    assert len(registry) == len(ALL_RECOGNIZERS) == len(set(registry.names))
    assert set(SPECIAL) | {"prescription", "card_number", "person_name", "loyalty_id",
                           "address", "licence_plate", "card_expiry", "auth_code"} <= (
        registry.categories)


def calls(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.id if isinstance(func, ast.Name) else getattr(func, "attr", ""))
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_nothing_is_logged_or_printed(path):
    """Removed text must never reach a log: only the evaluate command prints (counts). The
    evaluation's scoring listens to the log (to check that nothing it processed got there)
    and may import logging for that, but emits nothing."""
    source = path.read_text()
    if path.name != "score.py":
        assert "import logging" not in source and "getLogger" not in source
    assert not calls(path) & {"debug", "info", "warning", "error", "exception", "critical",
                              "log"}, path
    if path.name != "evaluate.py":
        assert "print" not in calls(path), path


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_files_stay_small(path):
    assert len(path.read_text().splitlines()) <= 200, path
