"""Prometheus metrics (prometheus_client).

Counted where things happen: requests by route, method and status (``init_app``), pipeline
steps, the first OCR reading, redactions by category and action, worker leases lost,
rate-limit refusals. Read from the database when scraped (``StateCollector``): receipts by
status, the queue's depth and its oldest waiting receipt's age, leases run out, the mail
outbox's backlog. Under gunicorn with several workers, set ``PROMETHEUS_MULTIPROC_DIR`` (an
empty directory, emptied at each start) so every worker's counts are added up
(docs/operations.md).
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager

from flask import Flask, g, request
from prometheus_client import Counter, Histogram

REQUEST_SECONDS = Histogram(
    "panel_http_request_duration_seconds", "Time to answer a request",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
REQUESTS = Counter("panel_http_requests", "Requests answered", ["route", "method", "status"])
STEP_SECONDS = Histogram(
    "panel_pipeline_step_duration_seconds", "Time a pipeline step took", ["step"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0))
OCR_SECONDS = Histogram(
    "panel_ocr_engine_duration_seconds", "Time the OCR engine took for a receipt's first "
    "reading (second readings are inside the parse step)", ["engine"],
    buckets=(0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0))
REDACTIONS = Counter("panel_redactions", "Findings redacted, by category and action",
                     ["category", "action"])
OUTCOMES = Counter("panel_receipt_outcomes", "Receipts finished, by status and reason",
                   ["status", "reason"])
LEASES_LOST = Counter("panel_worker_leases_expired",
                      "Jobs given up because their lease ran out and another worker took them")
RATE_LIMITED = Counter("panel_rate_limit_refusals", "Requests refused by a rate limit",
                       ["rule"])


@contextmanager
def timed(histogram: Histogram, **labels: str):
    began = time.perf_counter()
    try:
        yield
    finally:
        histogram.labels(**labels).observe(time.perf_counter() - began)


def multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_count)


def _start() -> None:
    g.metrics_began = time.perf_counter()


def _count(response):
    began = g.pop("metrics_began", None)
    if began is not None:
        rule = request.url_rule.rule if request.url_rule is not None else "unmatched"
        labels = {"route": rule, "method": request.method, "status": str(response.status_code)}
        REQUEST_SECONDS.labels(**labels).observe(time.perf_counter() - began)
        REQUESTS.labels(**labels).inc()
    return response
