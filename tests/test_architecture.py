"""The import arrows of docs/architecture.md: pure libraries stay pure, models import only
panel.db, services take nothing from tasks but enqueue, views hold no commits."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from panel.models import ReceiptStatus

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
    return names


def files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package, forbidden", [
    ("imaging", ("flask", "sqlalchemy", "panel", "redaction", "ocr", "products", "boto3",
                 "celery")),
    ("ocr", ("flask", "sqlalchemy", "panel", "redaction", "boto3", "celery")),
    ("redaction", ("flask", "sqlalchemy", "panel", "boto3", "celery")),
    ("products", ("flask", "sqlalchemy", "panel", "redaction", "boto3", "celery", "PIL",
                  "numpy")),
    ("panel/models", ("flask", "panel.services", "panel.api", "panel.tasks")),
    ("panel/services", ("panel.api", "panel.dashboard", "panel.admin")),
    ("panel/dashboard", ("panel.api", "panel.admin", "panel.models.", "sqlalchemy")),
    ("panel/admin", ("panel.api", "panel.dashboard")),
])
def test_package_does_not_import(package, forbidden):
    for path in files(package):
        for name in imported_modules(path):
            assert not name.startswith(forbidden), f"{path.relative_to(ROOT)} imports {name}"


def test_services_take_only_enqueue_from_tasks():
    """Tasks call services, not the other way round: a service may only wake a worker."""
    for path in files("panel/services"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("panel.tasks") for a in node.names), path
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = {alias.name for alias in node.names}
                if node.module == "panel":
                    assert "tasks" not in names, f"{path.relative_to(ROOT)} imports panel.tasks"
                elif node.module.startswith("panel.tasks"):
                    assert (node.module, names) == ("panel.tasks", {"enqueue"}), \
                        f"{path.relative_to(ROOT)} imports {sorted(names)} from {node.module}"


STATUS_WORDS = {status.value for status in ReceiptStatus}


def status_literals(tree: ast.AST):
    """Status words written as strings where a receipt's status is compared or set: in a
    comparison, a ``status=`` argument, an assignment to ``.status``, ``add_event``/``Stop``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            places = [node.left, *node.comparators]
        elif isinstance(node, ast.keyword) and node.arg == "status":
            places = [node.value]
        elif isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Attribute) and target.attr == "status"
                for target in ast.walk(ast.Tuple(elts=node.targets))):
            places = [node.value]
        elif isinstance(node, ast.Call) and node.args and getattr(
                node.func, "attr", getattr(node.func, "id", None)) in ("add_event", "Stop"):
            places = [node.args[0]]
        else:
            continue
        yield from (constant.value for place in places for constant in ast.walk(place)
                    if isinstance(constant, ast.Constant) and constant.value in STATUS_WORDS)


def test_receipt_statuses_are_spelled_only_in_their_enum():
    found = [f"{path.relative_to(ROOT)}: {word}" for path in files("panel")
             for word in status_literals(ast.parse(path.read_text()))]
    template_words = "|".join(STATUS_WORDS)
    for template in sorted((ROOT / "panel").rglob("*.html")):
        found += [f"{template.relative_to(ROOT)}: {match}" for match in re.findall(
            rf"status\s*(?:==|!=|in)\s*\(?\s*'({template_words})'", template.read_text())]
    assert found == []


def test_the_status_rule_would_catch_a_spelled_status():
    code = ("if receipt.status in ('queued', 'processing'):\n"
            "    receipt.status, reason = 'withdrawn', None\n"
            "    receipt.add_event('withdrawn')\n"
            "update(Receipt).values(status='processing')\n"
            "raise Stop('rejected', 'unreadable')\n"
            "done = 'withdrawn' if granted else 'given'\n")  # a consent word: not a status
    assert sorted(status_literals(ast.parse(code))) == [
        "processing", "processing", "queued", "rejected", "withdrawn", "withdrawn"]


def test_redaction_uses_only_ocr_types():
    for path in files("redaction"):
        ocr_imports = {n for n in imported_modules(path) if n.split(".")[0] == "ocr"}
        assert ocr_imports <= {"ocr.types"}, path


def test_products_uses_at_most_ocr_types():
    """The product classifier is a pure library beside redaction: standard library and
    ``ocr.types`` at most (redaction and the pipeline use it, never the other way)."""
    for path in files("products"):
        ocr_imports = {n for n in imported_modules(path) if n.split(".")[0] == "ocr"}
        assert ocr_imports <= {"ocr.types"}, path
    for path in files("ocr"):
        assert not any(n.startswith("products") for n in imported_modules(path)), path


def test_models_import_only_panel_db_from_panel():
    for path in files("panel/models"):
        panel_imports = {n for n in imported_modules(path) if n.startswith("panel")}
        assert all(name == "panel.db" or name.startswith("panel.models.")
                   for name in panel_imports), path


@pytest.mark.parametrize("face", ["panel/api", "panel/dashboard", "panel/admin"])
def test_views_do_not_commit(face):
    for path in files(face):
        assert "commit(" not in path.read_text(), path
