"""The per-panelist storage quota: an upload past it is a 413 that says why and stores
nothing; deleting or withdrawing receipts makes room; another panelist is not affected."""
from __future__ import annotations

from PIL import Image
from sqlalchemy import func, select

from panel.db import db
from panel.extensions import storage_for
from panel.models import Receipt
from panel.services import quota
from tests.support.factories import bearer, jpeg_bytes, register, upload


def page(shade: int) -> bytes:
    return jpeg_bytes(Image.new("RGB", (300, 500), (shade, shade, shade)))


def used(app, tokens) -> int:
    with app.app_context():
        return quota.used_bytes(tokens["panelist"]["id"])


def test_an_upload_past_the_quota_is_refused_and_deleting_makes_room(app, client):
    tokens, other = register(app, client), register(app, client)
    first = upload(client, tokens, page(200))
    assert first.status_code == 202
    one_receipt = used(app, tokens)
    assert one_receipt > 0
    app.config["PANELIST_STORAGE_QUOTA_BYTES"] = one_receipt + one_receipt // 2

    refused = upload(client, tokens, page(210))
    assert refused.status_code == 413
    body = refused.get_json()
    assert "Delete receipts" in body["message"] and body["code"] == 413
    assert body["errors"]["storage"]["used_bytes"] == one_receipt
    assert body["errors"]["storage"]["quota_bytes"] == app.config["PANELIST_STORAGE_QUOTA_BYTES"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Receipt)) == 1
        assert len(storage_for().keys("originals/")) == 1
    assert upload(client, other, page(220)).status_code == 202  # a quota of one's own

    receipt_id = first.get_json()["id"]
    assert client.delete(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).status_code == 204
    assert used(app, tokens) == 0
    assert upload(client, tokens, page(210)).status_code == 202


def test_a_withdrawn_waiting_receipt_frees_its_bytes(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, page(90)).get_json()["id"]
    app.config["PANELIST_STORAGE_QUOTA_BYTES"] = used(app, tokens) + 10
    assert upload(client, tokens, page(95)).status_code == 413
    assert client.post(f"/api/v1/receipts/{receipt_id}/withdraw",
                       headers=bearer(tokens)).status_code == 200
    assert used(app, tokens) == 0  # its photo was deleted, never processed
    assert upload(client, tokens, page(95)).status_code == 202


def test_a_retry_of_an_accepted_upload_is_answered_even_when_full(app, client):
    tokens = register(app, client)
    first = upload(client, tokens, page(120), key="same-photo")
    app.config["PANELIST_STORAGE_QUOTA_BYTES"] = 1
    again = upload(client, tokens, page(120), key="same-photo")
    assert again.status_code == 202 and again.get_json()["id"] == first.get_json()["id"]


def test_zero_means_no_quota(app, client):
    tokens = register(app, client)
    app.config["PANELIST_STORAGE_QUOTA_BYTES"] = 0
    assert all(upload(client, tokens, page(n)).status_code == 202 for n in (10, 20, 30))


def test_the_default_quota_is_512_mib(app):
    assert app.config["PANELIST_STORAGE_QUOTA_BYTES"] == 512 * 1024 * 1024


def test_concurrent_uploads_cannot_together_pass_the_quota(postgres_app):
    import threading
    client = postgres_app.test_client()
    tokens = register(postgres_app, client)
    pages = [page(40 + n) for n in range(4)]
    postgres_app.config["PANELIST_STORAGE_QUOTA_BYTES"] = max(map(len, pages)) * 3 // 2
    statuses, barrier = [], threading.Barrier(len(pages))

    def send(data):
        barrier.wait()
        statuses.append(upload(postgres_app.test_client(), tokens, data).status_code)

    threads = [threading.Thread(target=send, args=(data,)) for data in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [202, 413, 413, 413]
