"""/healthz, /readyz and /metrics: open probes that reveal nothing else, and metrics only for
the scraper (token or allowed network)."""
from __future__ import annotations

import shutil

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.apps import make_app, process_waiting
from tests.support.factories import jpeg_bytes, register, upload

PHOTO_LINES = [("KIOSK AM PARK", ""), ("Tee", "4,20"), ("SUMME EUR", "4,20")]


def test_health_and_readiness_answer_anyone(app):
    client = app.test_client()
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "checks": {
        "database": "ok", "keys": "ok", "storage": "ok"}}
    assert ready.headers["Cache-Control"] == "no-store"


@pytest.mark.migrated_from_empty  # migrates down: a database of its own
def test_readiness_fails_on_a_database_behind_the_migrations(app):
    from flask_migrate import downgrade
    with app.app_context():
        downgrade(revision="0008_items_category")
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["database"] == "failing"


def test_readiness_fails_on_an_unreachable_broker_and_says_nothing_more(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'p.sqlite3'}",
                   CELERY_BROKER_URL="redis://127.0.0.1:1/0")
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503
    body = ready.get_json()
    assert body == {"status": "not ready", "checks": {
        "database": "ok", "keys": "ok", "storage": "ok", "broker": "failing"}}


def test_readiness_fails_on_missing_storage(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'p.sqlite3'}")
    app.extensions["panel.storage"].root = tmp_path / "gone" / "storage"  # a moved mount
    shutil.rmtree(tmp_path / "storage", ignore_errors=True)
    (tmp_path / "gone").write_text("not a directory")
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["storage"] == "failing"


def samples(text: str) -> dict[tuple, float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_metrics_are_off_without_a_token_or_network(app):
    assert app.test_client().get("/metrics").status_code == 404


def test_metrics_need_the_token_or_an_allowed_address(app):
    app.config.update(METRICS_TOKEN="s3cret-scrape", METRICS_ALLOWED_NETWORKS="10.0.0.0/8")
    client = app.test_client()
    assert client.get("/metrics").status_code == 403  # 127.0.0.1 is not in 10.0.0.0/8
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"})
    assert ok.status_code == 200 and ok.mimetype == "text/plain"


def test_metrics_count_requests_receipts_and_pipeline_steps(app):
    from tests.ocr.synthetic import render_receipt
    app.config.update(METRICS_ALLOWED_NETWORKS="127.0.0.1/32")
    client = app.test_client()
    before = samples(client.get("/metrics").get_data(as_text=True))
    tokens = register(app, client)
    upload(client, tokens, jpeg_bytes(render_receipt(PHOTO_LINES)))
    queued = samples(client.get("/metrics").get_data(as_text=True))
    assert queued[("panel_receipts", (("status", "queued"),))] == 1
    assert queued[("panel_queue_depth", ())] == 1
    assert queued[("panel_queue_oldest_age_seconds", ())] >= 0
    route = (("method", "POST"), ("route", "/api/v1/receipts"), ("status", "202"))
    assert queued[("panel_http_requests_total", route)] == before.get(
        ("panel_http_requests_total", route), 0) + 1
    process_waiting(app)
    done = samples(client.get("/metrics").get_data(as_text=True))
    assert done[("panel_queue_depth", ())] == 0
    assert done[("panel_receipts", (("status", "queued"),))] == 0
    steps = {dict(labels)["step"] for name, labels in done
             if name == "panel_pipeline_step_duration_seconds_count"}
    assert {"load", "ocr", "parse", "redact", "check"} <= steps
    ocr_runs = ("panel_ocr_engine_duration_seconds_count", (("engine", "tesseract"),))
    assert done[ocr_runs] >= before.get(ocr_runs, 0) + 1
    assert ("panel_outbox_backlog", ()) in done and ("panel_leases_expired", ()) in done
