"""A real Celery worker process on the real Redis broker, sharing PostgreSQL and S3 with
an in-process app that the tests call through HTTP."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from tests.support.apps import empty_tables, make_app
from tests.support.processes import children_of, kill_with_children

REPO = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


@dataclass
class CeleryStack:
    env: dict[str, str]
    app: object  # the in-process app (HTTP side), configured like the worker
    log_path: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "app.celery_app", "worker", "--pool",
             "prefork", "--concurrency", "1", "--loglevel", "INFO", "--without-heartbeat",
             "--without-gossip", "--without-mingle", "-n", f"test-{uuid.uuid4().hex[:6]}@%h"],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited:\n{self.log_tail()}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"celery worker did not become ready:\n{self.log_tail()}")

    def pool_children(self) -> list[int]:
        return children_of(self.process)

    def stop(self) -> None:
        """At the end of a test: the worker and its pool process killed at once. Nothing is
        left to finish (the test waited for its receipts), and Celery's own shutdown, warm
        (SIGTERM) or cold (SIGQUIT), took 2 s an idle worker."""
        kill_with_children(self.process)

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def redis_index() -> int:
    """A Redis database (1-15) for one test's broker, at random; under pytest-xdist one of
    this worker's own (those equal to its number modulo the workers), so two workers of a
    run never share one."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:] or 0)
    mine = [index for index in range(1, 16) if index % workers == worker % workers]
    return mine[uuid.uuid4().int % len(mine)]


@pytest.fixture
def celery_stack(tmp_path, postgres_url, s3_server, s3_bucket, monkeypatch):
    """PostgreSQL + S3 + Redis broker, an in-process app, and a worker process (call
    ``start()``)."""
    broker = f"{REDIS_URL}/{redis_index()}"
    redis.Redis.from_url(broker).flushdb()
    settings = {
        "DATABASE_URL": postgres_url, "STORAGE_BACKEND": "s3", "S3_BUCKET": s3_bucket,
        "S3_ENDPOINT_URL": s3_server.endpoint_url, "CELERY_BROKER_URL": broker,
        "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "test-secret",
        "JOB_LEASE_SECONDS": "8", "BROKER_VISIBILITY_TIMEOUT": "10",
        "AWS_ACCESS_KEY_ID": s3_server.access_key,
        "AWS_SECRET_ACCESS_KEY": s3_server.secret_key, "AWS_DEFAULT_REGION": "us-east-1",
    }
    env = {**os.environ, **settings, "PYTHONPATH": str(REPO)}
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION"):
        monkeypatch.setenv(name, settings[name])
    app = make_app(tmp_path, postgres_url, STORAGE_BACKEND="s3", S3_BUCKET=s3_bucket,
                   S3_ENDPOINT_URL=s3_server.endpoint_url, CELERY_BROKER_URL=broker,
                   JOB_LEASE_SECONDS=8, BROKER_VISIBILITY_TIMEOUT=10)
    stack = CeleryStack(env, app, tmp_path / "celery.log")
    yield stack
    stack.stop()
    redis.Redis.from_url(broker).flushdb()
    empty_tables(app)
