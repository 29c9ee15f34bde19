"""Log lines: human-readable by default, JSON lines with ``LOG_FORMAT=json``; either way each
line carries the request id of the web request it belongs to, and a worker's lines the id of
the request that uploaded the receipt (kept on the receipt row, which is the job).

Lines hold ids only, never receipt text, emails, card numbers or codes (tested)."""
from __future__ import annotations

import json
import logging
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone

from flask import Flask, g, request

REQUEST_ID_HEADER = "X-Request-ID"
# A request id sent by a proxy in front is kept if it looks like one; else a new one is made.
_GOOD_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
_context: ContextVar[dict] = ContextVar("panel_log_context", default={})
HUMAN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def current_request_id() -> str | None:
    return _context.get().get("request_id")


@contextmanager
def context(**ids: str | None):
    """Ids added to every line logged inside (a worker's job: its receipt and request)."""
    token = _context.set({**_context.get(), **{k: v for k, v in ids.items() if v}})
    try:
        yield
    finally:
        _context.reset(token)


def add(**ids: str | None) -> None:
    """More ids for the rest of the current ``context`` block (which then drops them)."""
    _context.set({**_context.get(), **{k: v for k, v in ids.items() if v}})


class ContextFilter(logging.Filter):
    """Puts the context's ids on each record (``request_id``, ``receipt_id``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        ids = _context.get()
        record.request_id = ids.get("request_id", "-")
        record.receipt_id = ids.get("receipt_id")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, event (the message's template, the same
    for every occurrence), message, and the ids in context."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(),
                "level": record.levelname.lower(), "logger": record.name,
                "event": str(record.msg), "message": record.getMessage()}
        for name in ("request_id", "receipt_id"):
            value = getattr(record, name, None)
            if value and value != "-":
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure(app: Flask) -> None:
    """One handler on the root logger in the format asked for; every handler (also those
    pytest or gunicorn add) gets the ids."""
    formatter = (JsonFormatter() if app.config["LOG_FORMAT"] == "json"
                 else logging.Formatter(HUMAN_FORMAT))
    root = logging.getLogger()
    ours = next((h for h in root.handlers if getattr(h, "panel_handler", False)), None)
    if ours is None:
        ours = logging.StreamHandler()
        ours.panel_handler = True
        root.addHandler(ours)
    ours.setFormatter(formatter)
    if app.config.get("LOG_LEVEL"):
        root.setLevel(app.config["LOG_LEVEL"].upper())
    elif root.level == logging.WARNING:
        root.setLevel(logging.INFO)
    for handler in root.handlers:
        if not any(isinstance(f, ContextFilter) for f in handler.filters):
            handler.addFilter(ContextFilter())
    app.before_request(_start_request)
    app.after_request(_answer_with_id)
    app.teardown_request(_end_request)


def _start_request() -> None:
    sent = request.headers.get(REQUEST_ID_HEADER, "")
    request_id = sent if _GOOD_ID.fullmatch(sent) else uuid.uuid4().hex
    g.log_token = _context.set({"request_id": request_id})


def _answer_with_id(response):
    if request_id := current_request_id():
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def _end_request(_error=None) -> None:
    token = g.pop("log_token", None)
    if token is not None:
        try:
            _context.reset(token)
        except ValueError:  # set in another context (a streamed answer): just clear it
            _context.set({})
