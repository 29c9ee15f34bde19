"""What the HTTP benchmarks share: a throwaway PostgreSQL database, the panel migrated into
it, and an app served by gunicorn on 127.0.0.1 (stopped by its process id afterwards).
"""
from __future__ import annotations

import base64
import http.client
import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg

ADMIN = os.environ.get("TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parents[1]


def unthrottled() -> dict:
    """Rate limits (panel/config.py's RATE_LIMITS) far above what the benchmark sends: every
    client comes from 127.0.0.1. The limiter still runs, so its cost is measured."""
    try:
        from panel.config import RATE_LIMITS
    except ImportError:  # a panel without rate limits
        return {}
    return {name: "1000000/minute" for name in RATE_LIMITS}


@contextmanager
def scratch_database():
    """A fresh database on the local PostgreSQL, dropped afterwards: yields its psycopg URL."""
    name = f"panel_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def panel_environment(url: str, folder: Path) -> dict:
    """The environment the served panel reads: PostgreSQL, local storage, no worker."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("CELERY_BROKER_URL", "FLASK_RUN_FROM_CLI")}
    env.update(unthrottled(), DATABASE_URL=sqlalchemy_url(url), INSTANCE_PATH=str(folder / "instance"),
               STORAGE_BACKEND="local", STORAGE_DIR=str(folder / "storage"),
               EMBEDDED_WORKER="off", SECRET_KEY=secrets.token_urlsafe(32),
               MASTER_KEY=base64.b64encode(secrets.token_bytes(32)).decode())
    return env


def migrated_app(env: dict):
    """The panel in this process, on the same settings, migrated to head (for set-up only)."""
    from flask_migrate import upgrade

    from panel import create_app
    app = create_app({"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"], "EMBEDDED_WORKER": "off",
                      "CELERY_BROKER_URL": None, **{key: env[key] for key in (
                          "INSTANCE_PATH", "STORAGE_BACKEND", "STORAGE_DIR", "SECRET_KEY",
                          "MASTER_KEY")}})
    with app.app_context():
        upgrade()
    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    """A running gunicorn: its port, and the CPU time its workers have used so far."""

    def __init__(self, port: int, process: subprocess.Popen):
        self.port, self.process = port, process

    def cpu_seconds(self) -> float:
        """User and system time of the master's children (its workers), from /proc."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ticks = 0
        for child in children:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def gunicorn(target: str, env: dict, workers: int, log: Path):
    """``gunicorn target`` on a free local port; yields a ``Served`` once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--backlog", "256",
               "--error-logfile", str(log), target]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _wait_until_serving(port, process)
        yield Served(port, process)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see its log")
        try:
            request(port, "GET", "/api/openapi.json")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request on a fresh connection: status, headers and body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def register(app, port: int, email: str) -> str:
    """A panelist joined the real way (an invite, then POST /auth/register): their token."""
    from panel.services import auth
    with app.app_context():
        code = auth.create_invite(email)
    body = json.dumps({"invite_code": code, "email": email, "password": "bench " * 3,
                       "consents": {"receipts": True}}).encode()
    status, _, answer = request(port, "POST", "/api/v1/auth/register", body,
                                {"Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"registering a benchmark panelist answered {status}")
    return json.loads(answer)["access_token"]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.99 for p99) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
