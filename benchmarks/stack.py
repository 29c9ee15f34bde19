"""The panel's scale setup on loopback, each part a process that can be stopped, killed and
started again: a Redis broker (redis-server on a free port, no persistence), SeaweedFS S3
(tests.support.s3server), a PostgreSQL database made for the run, gunicorn, and Celery
workers. Every process is ended by its own id when the stack closes."""
from __future__ import annotations

import base64
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

from benchmarks import served
from tests.support import s3server
from tests.support.processes import kill_with_children

CELERY_READY = b"ready."


def _end(process: subprocess.Popen | None, sig: int = signal.SIGTERM, wait: float = 20) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Redis:
    def __init__(self, folder: Path):
        self.port, self.folder, self.process = served.free_port(), folder, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                import redis
                redis.Redis(port=self.port, socket_timeout=1).ping()
                return
            except Exception:  # noqa: BLE001  (not up yet)
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        _end(self.process)


class Workers:
    """Celery worker processes (one pool process each), started and killed one by one."""

    def __init__(self, env: dict, folder: Path, count: int):
        self.env, self.folder = env, folder
        self.processes: list[subprocess.Popen | None] = [None] * count

    def start(self, number: int) -> None:
        log_path = self.folder / f"worker{number}.log"
        start_at = log_path.stat().st_size if log_path.exists() else 0
        log = open(log_path, "ab")
        self.processes[number] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "app.celery_app", "worker", "--pool",
             "prefork", "--concurrency", "1", "--loglevel", "INFO", "--without-heartbeat",
             "--without-gossip", "--without-mingle", "-n", f"faults{number}-{uuid.uuid4().hex[:4]}@%h"],
            cwd=served.ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while CELERY_READY not in log_path.read_bytes()[start_at:]:
            if time.monotonic() > deadline or self.processes[number].poll() is not None:
                raise RuntimeError(f"celery worker {number} did not start; see {log_path}")
            time.sleep(0.2)

    def kill(self, number: int) -> None:
        """SIGKILL the worker and its pool process at once (no warm shutdown, no requeue)."""
        kill_with_children(self.processes[number])

    def stop(self) -> None:
        """Killed with their pool processes: nothing needs to finish when the stack closes
        (a cold shutdown, SIGQUIT, took 2 s a worker)."""
        for process in self.processes:
            kill_with_children(process)


class Web:
    def __init__(self, env: dict, folder: Path, workers: int = 2):
        self.env, self.folder, self.workers = env, folder, workers
        self.port, self.process = served.free_port(), None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind",
             f"127.0.0.1:{self.port}", "--timeout", "30", "--graceful-timeout", "20",
             "--error-logfile", str(self.folder / "gunicorn.log"), "app:app"],
            cwd=served.ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        served._wait_until_serving(self.port, self.process)

    def stop(self, quick: bool = False) -> None:
        """Graceful (SIGTERM: requests under way are answered), or quick (SIGINT)."""
        _end(self.process, signal.SIGINT if quick else signal.SIGTERM, wait=30)

    def kill(self) -> None:
        """gunicorn and its workers killed at once, when nothing is served any more."""
        kill_with_children(self.process)


class Stack:
    """Everything, started in order; ``close()`` stops it all and drops the database."""

    def __init__(self, folder: Path, workers: int = 2, settings: dict | None = None):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.bucket = "receipts"
        self._database = served.scratch_database()
        self.database_url = self._database.__enter__()
        self.redis = Redis(folder)
        self.s3 = s3server.SeaweedFS(folder / "seaweedfs")
        self.web = self.workers = None
        try:
            self._start(workers, settings)
        except BaseException:
            self.close()
            raise

    def _start(self, workers: int, settings: dict | None) -> None:
        folder = self.folder
        self.env = self._environment(settings or {})
        migrating = threading.Thread(target=self._migrate)  # while SeaweedFS starts
        migrating.start()
        self.redis.start()
        self.s3.start()
        s3server.make_bucket(self.s3.server, self.bucket, versioned=True)
        migrating.join()
        if not self.migrated:
            raise RuntimeError("flask db upgrade failed")
        self.workers = Workers(self.env, folder, workers)
        self.web = Web(self.env, folder)
        starting = [threading.Thread(target=self.workers.start, args=(number,))
                    for number in range(workers)]
        starting.append(threading.Thread(target=self.web.start))
        for thread in starting:  # together: each takes seconds to import the panel
            thread.start()
        for thread in starting:
            thread.join()
        if not all(process and process.poll() is None
                   for process in [*self.workers.processes, self.web.process]):
            raise RuntimeError(f"the stack did not start; see the logs in {folder}")

    def _environment(self, settings: dict) -> dict:
        env = {key: value for key, value in os.environ.items() if key != "FLASK_RUN_FROM_CLI"}
        env.update(served.unthrottled(), DATABASE_URL=served.sqlalchemy_url(self.database_url),
                   INSTANCE_PATH=str(self.folder / "instance"), STORAGE_BACKEND="s3",
                   S3_BUCKET=self.bucket, S3_ENDPOINT_URL=self.s3.server.endpoint_url,
                   AWS_ACCESS_KEY_ID=self.s3.server.access_key,
                   AWS_SECRET_ACCESS_KEY=self.s3.server.secret_key,
                   AWS_DEFAULT_REGION="us-east-1", CELERY_BROKER_URL=self.redis.url,
                   EMBEDDED_WORKER="off", SECRET_KEY=secrets.token_urlsafe(32),
                   MASTER_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
                   PYTHONPATH=str(served.ROOT), OMP_THREAD_LIMIT="1")
        env.update({name: str(value) for name, value in settings.items()})
        return env

    def _migrate(self) -> None:
        self.migrated = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=served.ROOT,
            env=self.env, capture_output=True).returncode == 0

    def app(self):
        """The panel in this process on the same settings (invites, and reading results)."""
        from panel import create_app
        return create_app({"SQLALCHEMY_DATABASE_URI": self.env["DATABASE_URL"],
                           "EMBEDDED_WORKER": "off", **{key: self.env[key] for key in (
                               "INSTANCE_PATH", "STORAGE_BACKEND", "S3_BUCKET",
                               "S3_ENDPOINT_URL", "SECRET_KEY", "MASTER_KEY",
                               "CELERY_BROKER_URL")}})

    def terminate_connections(self) -> int:
        """pg_terminate_backend on every connection to the run's database but this one."""
        name = self.database_url.rsplit("/", 1)[1]
        with psycopg.connect(served.ADMIN, autocommit=True) as conn:
            return len(conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()", (name,)).fetchall())

    def query(self, sql: str, *args) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return conn.execute(sql, args).fetchall()

    def close(self) -> None:
        """Everything ended at once (nothing of the run is used afterwards: a quick
        gunicorn stop, a cold Celery one and SeaweedFS's took 6 s in all)."""
        if self.web is not None:
            self.web.kill()
        if self.workers is not None:
            self.workers.stop()
        self.s3.stop(for_good=True)
        self.redis.stop()
        self._database.__exit__(None, None, None)
