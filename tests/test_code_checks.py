"""Code and dependency checks, run with the suite: ruff's style gate (``pyproject.toml``),
bandit on the code, failing on any finding of high severity, and pip-audit on the pinned requirements, failing on any known
vulnerability and on any dependency it could not look up.

pip-audit needs a vulnerability service (PyPI's per-release JSON by default, or OSV). A
machine that cannot reach one fails this test, with pip-audit's own error; only an explicit
``PIP_AUDIT=off`` turns it off, and that shows as a skip with the reason.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ["app.py", "panel", "ocr", "redaction", "products", "benchmarks"]
REQUIREMENTS = ["requirements.txt", "requirements-test.txt"]


def ruff(*paths: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *paths],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = ruff(".")
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_would_catch_an_unused_import(tmp_path):
    (tmp_path / "bad.py").write_text("import os\n")
    result = ruff(str(tmp_path / "bad.py"))
    assert result.returncode == 1 and "F401" in result.stdout


def bandit(*paths: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-r", *paths, "-f", "json",
         "--severity-level", "high"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    report["exit_code"] = result.returncode
    return report


def test_bandit_finds_nothing_of_high_severity():
    report = bandit(*CODE)
    assert report["errors"] == []
    assert report["metrics"]["_totals"]["loc"] > 5000  # it did read the code
    findings = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
                for r in report["results"] if r["issue_severity"] == "HIGH"]
    assert findings == [] and report["exit_code"] == 0, "\n".join(findings)


def test_bandit_would_catch_a_high_severity_finding(tmp_path):
    (tmp_path / "shell.py").write_text(
        "import subprocess\n\n\ndef run(name):\n"
        "    return subprocess.call('ls ' + name, shell=True)\n")
    report = bandit(str(tmp_path))
    assert report["exit_code"] == 1
    assert [r["test_id"] for r in report["results"]] == ["B602"]


def test_pip_audit_finds_no_known_vulnerability_in_the_requirements():
    if os.environ.get("PIP_AUDIT", "on").lower() == "off":
        pytest.skip("turned off with PIP_AUDIT=off: no vulnerability service is reachable "
                    "from this network (see .ci/run)")
    service = os.environ.get("PIP_AUDIT_SERVICE", "pypi")
    command = [sys.executable, "-m", "pip_audit", "--strict", "--progress-spinner", "off",
               "-s", service, "-f", "json"]
    for requirements in REQUIREMENTS:
        command += ["-r", requirements]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    errors = result.stderr.strip().splitlines()[-3:]
    assert result.returncode == 0, (
        f"pip-audit -s {service} failed (exit {result.returncode}): {' | '.join(errors)}\n"
        "A dependency 'not found' or a connection error means the vulnerability service is "
        "not reachable from here; a vulnerability is listed in the JSON below.\n"
        + result.stdout[:4000])
    audited = json.loads(result.stdout)["dependencies"]
    assert len(audited) > 30  # the requirements and what they pull in
    vulnerable = [d for d in audited if d.get("vulns")]
    assert vulnerable == []
