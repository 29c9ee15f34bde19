"""A storage that fails answers 503 with Retry-After within seconds, and keeps nothing of the
upload: no receipt row, no stored page (an S3 server that cannot be reached, one that refuses
server-side encryption it has no key service for, a page that fails after another was kept)."""
from __future__ import annotations

import io
import socket
import time

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import func, select

from panel.db import db
from panel.models import IdempotencyKey, Receipt
from panel.storage import LocalStorage, S3Storage, StorageUnavailable, create_storage
from tests.dashboard.conftest import csrf, sign_up
from tests.support.apps import database_url, empty_tables, make_app
from tests.support.factories import jpeg_bytes, register, upload
from tests.support.s3server import ACCESS_KEY, SECRET_KEY, s3_client

SECONDS = 5  # "quickly": boto3's defaults took 3 to 12 s, and minutes for a dropped host


def closed_port() -> int:
    """A local port nobody listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page() -> bytes:
    """A page with print on it (a blank page would be dropped at upload: services.uploads)."""
    image = Image.new("RGB", (300, 500), "white")
    draw = ImageDraw.Draw(image)
    for top in range(40, 460, 30):
        draw.rectangle((30, top, 270, top + 8), fill="black")
    return jpeg_bytes(image)


def s3_app(request, tmp_path, monkeypatch, kind: str, endpoint: str, bucket: str, **settings):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)  # the test server's
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    app = make_app(tmp_path, database_url(kind, request, tmp_path), STORAGE_BACKEND="s3",
                   S3_BUCKET=bucket, S3_ENDPOINT_URL=endpoint, **settings)
    request.addfinalizer(lambda: empty_tables(app))
    return app


def kept_nothing(app) -> bool:
    with app.app_context():
        return all(db.session.scalar(select(func.count()).select_from(model)) == 0
                   for model in (Receipt, IdempotencyKey))


def assert_quick_503(send):
    started = time.monotonic()
    answer = send()
    assert time.monotonic() - started < SECONDS
    assert answer.status_code == 503, answer.get_data(as_text=True)
    assert int(answer.headers["Retry-After"]) > 0
    return answer


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_an_unreachable_s3_server_is_a_quick_503_and_keeps_nothing(request, tmp_path,
                                                                     monkeypatch, kind):
    app = s3_app(request, tmp_path, monkeypatch, kind,
                 f"http://127.0.0.1:{closed_port()}", "receipts")
    client = app.test_client()
    tokens = register(app, client)
    answer = assert_quick_503(lambda: upload(client, tokens, page(), key="first-try"))
    assert "storage cannot be reached" in answer.get_json()["message"]
    assert kept_nothing(app)
    session = sign_up(app)  # the dashboard's form: the same 503, as a page
    form = {"csrf_token": csrf(session.client, "/receipts"),
            "image": [(io.BytesIO(page()), "receipt.jpg")]}
    assert_quick_503(lambda: session.client.post("/receipts", data=form,
                                                 content_type="multipart/form-data"))
    assert kept_nothing(app)


def test_an_s3_server_without_a_key_service_refuses_sse_as_a_503(request, tmp_path,
                                                                 monkeypatch, s3_server,
                                                                 s3_bucket):
    """SeaweedFS answers a put with ServerSideEncryption=AES256 with a 500 (no KMS)."""
    app = s3_app(request, tmp_path, monkeypatch, "postgres", s3_server.endpoint_url,
                 s3_bucket, S3_SSE="AES256")
    client = app.test_client()
    tokens = register(app, client)
    assert_quick_503(lambda: upload(client, tokens, page(), page()))
    assert kept_nothing(app)
    versions = s3_client(s3_server).list_object_versions(Bucket=s3_bucket)
    assert versions.get("Versions", []) + versions.get("DeleteMarkers", []) == []


class FailsOnSecondPut(LocalStorage):
    """Real files, and a storage that goes away after the first page (an outage mid-upload
    cannot be timed from outside)."""

    puts = 0

    def put(self, key: str, data: bytes) -> None:
        self.puts += 1
        if self.puts == 2:
            raise StorageUnavailable("gone after the first page")
        super().put(key, data)


def test_a_page_that_fails_takes_the_pages_before_it_along(app):
    storage = FailsOnSecondPut(app.config["STORAGE_DIR"])
    app.extensions["panel.storage"] = storage
    client = app.test_client()
    tokens = register(app, client)
    assert_quick_503(lambda: upload(client, tokens, page(), page(), page()))
    assert storage.puts == 2 and storage.keys() == []
    assert kept_nothing(app)


def test_s3_calls_give_up_within_seconds(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "id")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    storage = create_storage({"STORAGE_BACKEND": "s3", "S3_BUCKET": "receipts",
                              "S3_ENDPOINT_URL": f"http://127.0.0.1:{closed_port()}",
                              "S3_CONNECT_TIMEOUT": 1, "S3_READ_TIMEOUT": 3,
                              "S3_MAX_ATTEMPTS": 1})
    assert isinstance(storage, S3Storage)
    config = storage.client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (1, 3)
    assert config.retries["total_max_attempts"] == 1
    for call in (lambda: storage.put("k", b"x"), lambda: storage.get("k"),
                 lambda: storage.exists("k"), lambda: storage.keys(),
                 lambda: storage.delete("k")):
        started = time.monotonic()
        with pytest.raises(StorageUnavailable):
            call()
        assert time.monotonic() - started < SECONDS
