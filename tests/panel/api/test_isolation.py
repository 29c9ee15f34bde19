"""Panelist B on every one of panelist A's receipt routes: 404, and nothing changes.

The routes are enumerated from the app's URL map, so a new receipt route is covered as soon
as it exists.
"""
from __future__ import annotations

import pytest

from tests.support.apps import process_waiting
from tests.support.factories import bearer, jpeg_bytes, register, upload
from tests.ocr.synthetic import render_receipt


def receipt_routes(app) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") and "<receipt_id>" in rule.rule:
            routes += [(method, rule.rule) for method in sorted(rule.methods - {"HEAD",
                                                                                "OPTIONS"})]
    return routes


def test_receipt_routes_are_found(app):
    assert ("GET", "/api/v1/receipts/<receipt_id>") in receipt_routes(app)
    assert ("GET", "/api/v1/receipts/<receipt_id>/image") in receipt_routes(app)


@pytest.mark.parametrize("processed", [False, True], ids=["queued", "processed"])
def test_another_panelist_gets_404_on_every_receipt_route(app, client, processed):
    owner, other = register(app, client), register(app, client)
    photo = jpeg_bytes(render_receipt([("KIOSK", ""), ("Cola", "1,50"), ("SUMME", "1,50")]))
    receipt_id = upload(client, owner, photo).get_json()["id"]
    if processed:
        process_waiting(app)
    before = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(owner)).get_json()
    for method, rule in receipt_routes(app):
        path = rule.replace("<receipt_id>", receipt_id)
        response = client.open(path, method=method, headers=bearer(other))
        assert response.status_code == 404, (method, path, response.status_code)
        assert receipt_id not in response.get_data(as_text=True)
        anonymous = client.open(path, method=method)
        assert anonymous.status_code == 401, (method, path)
    after = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(owner)).get_json()
    assert after == before
    assert client.get("/api/v1/receipts", headers=bearer(other)).get_json() == []


def test_unknown_receipt_is_404(app, client):
    tokens = register(app, client)
    for path in ("/api/v1/receipts/nope", "/api/v1/receipts/nope/image"):
        response = client.get(path, headers=bearer(tokens))
        assert response.status_code == 404 and response.get_json()["message"]
