"""The import arrows of docs/architecture.md: pure libraries stay pure, models import only
panel.db, services take nothing from tasks but enqueue, views hold no commits."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

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
    ("ocr", ("flask", "sqlalchemy", "panel", "redaction", "boto3", "celery")),
    ("redaction", ("flask", "sqlalchemy", "panel", "boto3", "celery")),
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


def test_redaction_uses_only_ocr_types():
    for path in files("redaction"):
        ocr_imports = {n for n in imported_modules(path) if n.split(".")[0] == "ocr"}
        assert ocr_imports <= {"ocr.types"}, path


def test_models_import_only_panel_db_from_panel():
    for path in files("panel/models"):
        panel_imports = {n for n in imported_modules(path) if n.startswith("panel")}
        assert all(name == "panel.db" or name.startswith("panel.models.")
                   for name in panel_imports), path


@pytest.mark.parametrize("face", ["panel/api", "panel/dashboard", "panel/admin"])
def test_views_do_not_commit(face):
    for path in files(face):
        assert "commit(" not in path.read_text(), path
