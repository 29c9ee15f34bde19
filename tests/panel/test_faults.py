"""An outage delays receipts, never rejects or loses them (issue 23): storage that stops,
an original missing for a moment, database connections killed, a broker that hangs; and a
receipt that fails by itself goes to review after JOB_MAX_ATTEMPTS, not to rejection."""
from __future__ import annotations

import socket
import threading
import time
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import text, update

from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.models import Receipt
from panel.receipt_files import original_key
from panel.storage import Breaker, StorageUnavailable
from panel.tasks import claims
from tests.conftest import POSTGRES_ADMIN
from tests.ocr.synthetic import render_receipt
from tests.support.apps import empty_tables, make_app, process_waiting
from tests.support.factories import BOUGHT_PRINTED, jpeg_bytes, register, upload
from tests.support.s3server import ACCESS_KEY, SECRET_KEY, SeaweedFS, make_bucket

LINES = [("REWE MARKT", ""), ("Bahnhofstr. 12, 50667 Koeln", ""), (f"{BOUGHT_PRINTED} 09:12", ""),
         ("Milch 1L", "1,19"), ("Brot", "2,49"), ("Kaese", "3,99"), ("SUMME EUR", "7,67")]


def photo() -> bytes:
    return jpeg_bytes(render_receipt(LINES))


def row(app, receipt_id) -> Receipt:
    with app.app_context():
        receipt = db.session.get(Receipt, receipt_id)
        db.session.expunge(receipt)
        db.session.remove()
    return receipt


def due_now(app, receipt_id) -> None:
    """Skip the wait before the next try (the backoff is tested by its own figures)."""
    with app.app_context():
        db.session.execute(update(Receipt).where(Receipt.id == receipt_id).values(
            lease_expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        db.session.remove()


def hanging_listener() -> socket.socket:
    """A real TCP server that accepts connections and never answers (a hung S3 or Redis)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


def test_an_original_missing_for_a_moment_is_not_rejected(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, photo()).get_json()["id"]
    with app.app_context():
        stored = storage_for().get(original_key(receipt_id, 1))
        storage_for().delete(original_key(receipt_id, 1))  # as a storage shutting down answers
    process_waiting(app)
    waiting = row(app, receipt_id)
    assert (waiting.status, waiting.failures, waiting.attempts) == ("processing", 0, 1)
    assert waiting.missing_since is not None
    with app.app_context():
        storage_for().put(original_key(receipt_id, 1), stored)  # it was there all along
    due_now(app, receipt_id)
    process_waiting(app)
    done = row(app, receipt_id)
    assert done.status == "accepted" and done.missing_since is None and done.failures == 0
    with app.app_context():
        assert storage_for().keys("originals/") == []


def test_an_original_that_stays_missing_is_rejected_only_after_the_grace(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, photo()).get_json()["id"]
    with app.app_context():
        storage_for().delete(original_key(receipt_id, 1))
    for _ in range(3):  # found missing three times, but not for JOB_MISSING_SECONDS yet
        process_waiting(app)
        due_now(app, receipt_id)
    assert row(app, receipt_id).status == "processing"
    app.config["JOB_MISSING_SECONDS"] = 0
    process_waiting(app)
    gone = row(app, receipt_id)
    assert (gone.status, gone.status_reason, gone.failures) == ("rejected", "image_missing", 0)


def test_a_photo_that_fails_every_time_goes_to_review_after_max_attempts(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, photo()).get_json()["id"]
    with app.app_context():  # the reader cannot open it: a failure of the receipt itself
        storage_for().put(original_key(receipt_id, 1), b"not a photo at all")
    for expected in range(1, app.config["JOB_MAX_ATTEMPTS"] + 1):
        process_waiting(app)
        failed = row(app, receipt_id)
        assert (failed.status, failed.failures) == ("processing", expected)
        due_now(app, receipt_id)
    process_waiting(app)
    final = row(app, receipt_id)
    assert (final.status, final.status_reason) == ("needs_review", "processing_failed")
    with app.app_context():
        assert storage_for().keys("originals/") == []


def test_a_lease_lost_mid_job_counts_as_a_failure_and_one_given_back_does_not(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, photo()).get_json()["id"]
    with app.app_context():
        first = claims.claim(receipt_id)
        owner = first.lease_owner
        claims.release(receipt_id, owner, 0, failed=False)
        second = claims.claim(receipt_id)
        assert (second.attempts, second.failures) == (2, 0)
        db.session.execute(update(Receipt).where(Receipt.id == receipt_id).values(
            lease_expires_at=utcnow() - timedelta(seconds=1)))  # the worker died holding it
        db.session.commit()
        third = claims.claim(receipt_id)
        assert (third.attempts, third.failures) == (3, 1)
        db.session.remove()


@pytest.fixture
def restartable_s3(tmp_path, monkeypatch):
    server = SeaweedFS(tmp_path / "seaweedfs")
    server.start()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    yield server
    server.stop(for_good=True)


def test_a_storage_outage_delays_a_receipt_without_using_its_attempts(
        tmp_path, postgres_url, restartable_s3):
    bucket = make_bucket(restartable_s3.server, "receipts")
    app = make_app(tmp_path, postgres_url, STORAGE_BACKEND="s3", S3_BUCKET=bucket,
                   S3_ENDPOINT_URL=restartable_s3.server.endpoint_url, S3_BREAKER_SECONDS=0.5)
    try:
        client = app.test_client()
        tokens = register(app, client)
        receipt_id = upload(client, tokens, photo()).get_json()["id"]
        restartable_s3.stop()
        answer = upload(client, tokens, photo(), key="during-the-outage")
        assert answer.status_code == 503 and int(answer.headers["Retry-After"]) > 0
        for _ in range(app.config["JOB_MAX_ATTEMPTS"] + 2):  # more tries than attempts allow
            time.sleep(0.5)  # past the breaker's pause: each try really calls S3
            process_waiting(app)
            due_now(app, receipt_id)
        waiting = row(app, receipt_id)
        assert waiting.status == "processing" and waiting.failures == 0
        assert waiting.attempts == app.config["JOB_MAX_ATTEMPTS"] + 2
        restartable_s3.start()
        deadline = time.monotonic() + 40  # the backoff is at most JOB_RETRY_MAX_SECONDS
        while row(app, receipt_id).status == "processing" and time.monotonic() < deadline:
            process_waiting(app)
            time.sleep(0.5)
        done = row(app, receipt_id)
        assert (done.status, done.failures) == ("accepted", 0)
        assert restartable_s3.keys(bucket, "originals/") == []
    finally:
        empty_tables(app)


def test_a_hung_storage_is_a_quick_503_once_the_breaker_opens(request, tmp_path, monkeypatch):
    listener = hanging_listener()
    request.addfinalizer(listener.close)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}", STORAGE_BACKEND="s3",
                   S3_BUCKET="receipts",
                   S3_ENDPOINT_URL=f"http://127.0.0.1:{listener.getsockname()[1]}",
                   S3_CONNECT_TIMEOUT=1, S3_READ_TIMEOUT=1, S3_MAX_ATTEMPTS=1,
                   S3_BREAKER_FAILURES=2, S3_BREAKER_SECONDS=60)
    client = app.test_client()
    tokens = register(app, client)
    took = []
    for _ in range(4):
        started = time.monotonic()
        answer = upload(client, tokens, photo())
        took.append(time.monotonic() - started)
        assert answer.status_code == 503 and int(answer.headers["Retry-After"]) > 0
    assert took[0] >= 0.9, took  # waited for the read timeout: S3 was really called
    # at most a put (1 s for boto3's "Expect: 100-continue", 1 s read timeout) and 0.5 s of
    # the clean-up, which goes on after the answer
    assert max(took) < 3, took
    assert max(took[2:]) < 0.5, took  # two failed calls later the breaker is open: no call
    assert app.extensions["panel.storage"].breaker.open


def test_the_breaker_closes_again_when_a_call_succeeds():
    now = [0.0]
    breaker = Breaker(failures=2, seconds=5, clock=lambda: now[0])
    breaker.failed()
    breaker.check("get")  # one failure: still closed
    breaker.failed()
    with pytest.raises(StorageUnavailable):
        breaker.check("get")
    now[0] = 5.0
    breaker.check("get")  # the pause is over: a call may try
    breaker.failed()  # and fails: open again at once
    with pytest.raises(StorageUnavailable):
        breaker.check("get")
    now[0] = 10.0
    breaker.check("get")
    breaker.succeeded()
    breaker.failed()
    breaker.check("get")  # closed: one failure is not enough


def test_a_database_connection_killed_mid_request_is_a_503(tmp_path, postgres_url):
    app = make_app(tmp_path, postgres_url)
    armed = threading.Event()

    @app.before_request
    def kill_own_connection():  # pg_terminate_backend on this request's own connection
        if armed.is_set():
            armed.clear()
            pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
            with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    try:
        client = app.test_client()
        tokens = register(app, client)
        armed.set()
        answer = upload(client, tokens, photo(), key="killed-mid-request")
        assert answer.status_code == 503, answer.get_data(as_text=True)
        assert int(answer.headers["Retry-After"]) > 0 and answer.get_json()["message"]
        again = upload(client, tokens, photo(), key="killed-mid-request")  # the phone retries
        assert again.status_code == 202
    finally:
        empty_tables(app)


def test_an_upload_is_accepted_quickly_while_the_broker_hangs(request, tmp_path):
    listener = hanging_listener()
    request.addfinalizer(listener.close)
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                   CELERY_BROKER_URL=f"redis://127.0.0.1:{listener.getsockname()[1]}/0",
                   BROKER_PUBLISH_TIMEOUT=1)
    client = app.test_client()
    tokens = register(app, client)
    started = time.monotonic()
    answer = upload(client, tokens, photo())
    assert answer.status_code == 202
    assert time.monotonic() - started < 5  # not gunicorn's 30 s: the row is the job
    assert row(app, answer.get_json()["id"]).status == "queued"


def test_no_transaction_stays_open_while_a_receipt_is_read(tmp_path, postgres_url):
    app = make_app(tmp_path, postgres_url)
    try:
        client = app.test_client()
        tokens = register(app, client)
        receipt_id = upload(client, tokens, photo()).get_json()["id"]
        worker = threading.Thread(target=process_waiting, args=(app,))
        worker.start()
        name = postgres_url.rsplit("/", 1)[1]
        longest, polls = 0.0, 0
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            while worker.is_alive():
                idle = admin.execute(
                    "SELECT coalesce(max(extract(epoch FROM now() - state_change)), 0) FROM "
                    "pg_stat_activity WHERE datname = %s AND state = 'idle in transaction'",
                    (name,)).fetchone()[0]
                longest, polls = max(longest, float(idle)), polls + 1
                time.sleep(0.02)
        worker.join()
        assert row(app, receipt_id).status == "accepted"
        assert polls > 10  # watched while the receipt was read (OCR takes a second or more)
        assert longest < 0.5, f"a transaction stayed open {longest:.1f} s"
    finally:
        empty_tables(app)
