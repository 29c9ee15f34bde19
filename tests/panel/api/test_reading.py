"""Listing receipts: newest first, filtered by status, paginated as flask-smorest does."""
from __future__ import annotations

import json

from PIL import Image

from tests.support.factories import bearer, jpeg_bytes, register, upload


def test_list_is_newest_first_filtered_and_paginated(app, client):
    tokens = register(app, client)
    photo = jpeg_bytes(Image.new("RGB", (100, 100), "white"))
    ids = [upload(client, tokens, photo).get_json()["id"] for _ in range(3)]

    listed = client.get("/api/v1/receipts", headers=bearer(tokens))
    assert [r["id"] for r in listed.get_json()] == ids[::-1]
    assert json.loads(listed.headers["X-Pagination"])["total"] == 3

    page = client.get("/api/v1/receipts?page=2&page_size=2", headers=bearer(tokens))
    assert [r["id"] for r in page.get_json()] == [ids[0]]
    assert client.get("/api/v1/receipts?status=accepted", headers=bearer(tokens)).get_json() == []
    assert len(client.get("/api/v1/receipts?status=queued", headers=bearer(tokens)).get_json()) == 3


def test_bad_list_arguments_are_422(app, client):
    tokens = register(app, client)
    for query in ("status=lost", "page=0", "page_size=101", "page=abc"):
        response = client.get(f"/api/v1/receipts?{query}", headers=bearer(tokens))
        assert response.status_code == 422, query
        assert response.get_json()["message"]


def test_openapi_document_and_docs_page(client):
    spec = client.get("/api/openapi.json").get_json()
    for path in ("/api/v1/auth/register", "/api/v1/auth/token", "/api/v1/auth/refresh",
                 "/api/v1/auth/logout", "/api/v1/me", "/api/v1/receipts",
                 "/api/v1/receipts/{receipt_id}", "/api/v1/receipts/{receipt_id}/image"):
        assert path in spec["paths"], path
    assert "202" in spec["paths"]["/api/v1/receipts"]["post"]["responses"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.data
    assert client.get("/api/docs/static/swagger-ui-bundle.js").status_code == 200


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json()["message"]
    wrong_method = client.put("/api/v1/me")
    assert wrong_method.status_code == 405
