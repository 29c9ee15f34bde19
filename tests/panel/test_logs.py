"""Log lines: JSON lines with LOG_FORMAT=json (human-readable by default), a request id from
the web request carried into the worker's job, and no personal data in any line: a canary
panelist's email, name and receipt text appear nowhere, from upload to erasure."""
from __future__ import annotations

import json
import logging

import pytest

from panel import logs
from tests.panel.test_canary import marker, register_canary, share
from tests.support.apps import make_app, process_waiting
from tests.support.factories import PASSWORD, bearer


class Lines(logging.Handler):
    """Every record, formatted as the app's own handler formats it."""

    def __init__(self, formatter: logging.Formatter):
        super().__init__(logging.DEBUG)
        self.setFormatter(formatter)
        self.addFilter(logs.ContextFilter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def capture(app) -> Lines:
    ours = next(h for h in logging.getLogger().handlers if getattr(h, "panel_handler", False))
    lines = Lines(ours.formatter)
    root = logging.getLogger()
    root.addHandler(lines)
    root.setLevel(logging.DEBUG)
    return lines


@pytest.fixture
def json_app(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}", LOG_FORMAT="json")
    lines = capture(app)
    yield app, lines
    logging.getLogger().removeHandler(lines)
    make_app(tmp_path / "after", f"sqlite:///{tmp_path / 'after.sqlite3'}")  # text again


def test_json_lines_carry_the_upload_request_into_the_job_and_no_personal_data(json_app):
    app, lines = json_app
    client = app.test_client()
    name, item = marker(), marker()
    tokens, email = register_canary(app, client, name)
    receipt_id = share(client, tokens, f"{item} TEE")
    with app.app_context():
        from panel.db import db
        from panel.models import Receipt
        request_id = db.session.get(Receipt, receipt_id).request_id
    assert request_id and len(request_id) == 32
    process_waiting(app)
    assert client.delete("/api/v1/me", headers=bearer(tokens),
                         json={"password": PASSWORD}).status_code == 202
    parsed = [json.loads(line) for line in lines.lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "event", "message"} <= set(p) for p in parsed)
    finished = [p for p in parsed if p["event"].startswith("receipt %s finished")]
    assert finished and finished[0]["request_id"] == request_id
    assert finished[0]["receipt_id"] == receipt_id
    text = "\n".join(lines.lines)
    assert email not in text and name not in text and item not in text


def test_a_request_id_is_answered_kept_when_sent_and_replaced_when_odd(app):
    client = app.test_client()
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) == 32
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})
    assert kept.headers["X-Request-ID"] == "lb-1234abcd"
    odd = client.get("/healthz", headers={"X-Request-ID": "x forged=line"})
    assert odd.headers["X-Request-ID"] != "x forged=line" and len(odd.headers[
        "X-Request-ID"]) == 32


def test_text_lines_are_the_default_and_carry_the_request_id(app):
    lines = capture(app)
    try:
        with app.test_request_context("/"):
            app.preprocess_request()
            logging.getLogger("panel.test").info("receipt %s seen", "r-1")
            request_id = logs.current_request_id()
            app.do_teardown_request()
    finally:
        logging.getLogger().removeHandler(lines)
    assert lines.lines[-1].endswith(f"INFO panel.test [{request_id}] receipt r-1 seen")
    with pytest.raises(json.JSONDecodeError):
        json.loads(lines.lines[-1])


def test_an_unknown_log_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        make_app(tmp_path, f"sqlite:///{tmp_path / 'p.sqlite3'}", LOG_FORMAT="xml")
