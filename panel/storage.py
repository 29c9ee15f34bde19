"""Where receipt images live: one small interface, a local and an S3 implementation.

`create_storage(config)` picks one from the app config. Deleting is for good:
on a versioned S3 bucket every version and delete marker of a key is removed.
An S3 server that cannot be reached, or that refuses a request, raises StorageUnavailable
after short timeouts and few retries (S3_CONNECT_TIMEOUT, S3_READ_TIMEOUT, S3_MAX_ATTEMPTS);
after a few such failures in a row a circuit breaker answers StorageUnavailable at once for
a few seconds (S3_BREAKER_FAILURES, S3_BREAKER_SECONDS), so an outage does not tie up every
request and worker on timeouts.
This module never logs object contents and imports nothing else from `panel`.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Protocol, runtime_checkable

log = logging.getLogger(__name__)


class StoredObjectMissing(KeyError):
    """No object is stored under the key."""


class StorageUnavailable(Exception):
    """The storage cannot be used just now (unreachable, timed out, or refusing requests)."""


@runtime_checkable
class Storage(Protocol):
    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing any previous object; durable on return."""

    def get(self, key: str) -> bytes:
        """The stored bytes; raises StoredObjectMissing."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove the object and every old version of it; fine if absent."""

    def delete_prefix(self, prefix: str) -> None:
        """`delete` every key starting with `prefix`."""

    def keys(self, prefix: str = "") -> list[str]:
        """Current keys starting with `prefix`, sorted."""

    def all_versions_bytes(self, prefix: str = "") -> Iterator[bytes]:
        """Every stored blob under `prefix`, old versions included (for privacy audits)."""


_KEY_PATTERN = re.compile(r"[A-Za-z0-9._/-]+")
_TEMP_PREFIX = ".tmp-"


def validate_key(key: str) -> str:
    if not isinstance(key, str) or not _KEY_PATTERN.fullmatch(key):
        raise ValueError(f"invalid storage key {key!r}: use only A-Z a-z 0-9 . _ / -")
    parts = key.split("/")
    if key.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"invalid storage key {key!r}: no absolute paths, '.', '..' or '//'")
    if any(part.startswith(_TEMP_PREFIX) for part in parts):
        raise ValueError(f"invalid storage key {key!r}: reserved name")
    return key


def _make_directories(directory: Path) -> list[Path]:
    """``mkdir -p``; returns the folders holding each folder it made, whose entries must be
    synced too for the new file to survive a crash."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
    return [folder.parent for folder in missing]


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LocalStorage:
    """Files under `root`; a key's `/` parts become subdirectories."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / validate_key(key)

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        new_entries = _make_directories(path.parent)
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as temp_file:
                temp_file.write(data)
                temp_file.flush()
                os.fsync(temp_file.fileno())
            os.replace(temp_name, path)
        except BaseException:
            with suppress(FileNotFoundError):
                os.unlink(temp_name)
            raise
        for directory in (path.parent, *new_entries):  # the file's entry, then new folders'
            _fsync_directory(directory)

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise StoredObjectMissing(key) from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._remove_file(self._path(key))

    def delete_prefix(self, prefix: str) -> None:
        # Leftover temp files of interrupted puts go too: they may hold a receipt.
        for path in self._files(prefix):
            self._remove_file(path)

    def keys(self, prefix: str = "") -> list[str]:
        return [
            path.relative_to(self.root).as_posix()
            for path in self._files(prefix)
            if not path.name.startswith(_TEMP_PREFIX)
        ]

    def all_versions_bytes(self, prefix: str = "") -> Iterator[bytes]:
        # Every file counts, temp files included: an audit must see them all.
        for path in self._files(prefix):
            yield path.read_bytes()

    def _files(self, prefix: str) -> list[Path]:
        """Files whose key starts with ``prefix``, walking only the folder the prefix names;
        files and folders that other threads delete meanwhile are simply not listed."""
        start = self.root / prefix.rpartition("/")[0]
        found = []
        for folder, _dirs, names in os.walk(start):
            for name in names:
                path = Path(folder) / name
                if path.relative_to(self.root).as_posix().startswith(prefix):
                    found.append(path)
        return sorted(found)

    def _remove_file(self, path: Path) -> None:
        try:
            path.unlink()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return
        _fsync_directory(path.parent)
        self._remove_empty_parents(path.parent)

    def _remove_empty_parents(self, directory: Path) -> None:
        """Remove emptied folders below the top level (top-level folders such as
        ``originals/`` stay, so a concurrent put never loses the folder it writes into)."""
        while directory.parent != self.root and self.root in directory.parents:
            try:
                directory.rmdir()
            except OSError:  # not empty, or already gone
                return
            directory = directory.parent


@dataclass(frozen=True)
class S3Timeouts:
    """Seconds to connect and to wait for an answer, and tries per request (retries
    included): short, so an outage is answered in seconds, not minutes."""

    connect: float = 2.0
    read: float = 10.0
    attempts: int = 2


class Breaker:
    """Stops calling a store that keeps failing: after ``failures`` failed calls in a row,
    calls fail at once for ``seconds``; then calls go through to try again, and the next
    failure opens the breaker again at once (a success closes it)."""

    def __init__(self, failures: int = 3, seconds: float = 5.0, clock=time.monotonic) -> None:
        self.failures, self.seconds, self.clock = failures, seconds, clock
        self._failed, self._open_until = 0, 0.0
        self._lock = threading.Lock()

    def check(self, action: str) -> None:
        """Raises StorageUnavailable while the breaker is open."""
        if self.failures <= 0:
            return
        with self._lock:
            if self._failed < self.failures:
                return
            if self.clock() < self._open_until:
                raise StorageUnavailable(f"S3 {action} not tried: S3 failed just now")
            self._failed = self.failures - 1  # half open: one more failure opens it again

    def succeeded(self) -> None:
        with self._lock:
            self._failed = 0

    def failed(self) -> None:
        with self._lock:
            self._failed += 1
            if self._failed >= self.failures:
                self._open_until = self.clock() + self.seconds

    @property
    def open(self) -> bool:
        with self._lock:
            return 0 < self.failures <= self._failed and self.clock() < self._open_until


class S3Storage:
    """Objects in one S3 bucket (any S3 API: AWS, SeaweedFS, MinIO...).

    Keys follow the same rules as LocalStorage, so both behave alike.
    """

    def __init__(
        self,
        bucket: str,
        endpoint_url: str | None = None,
        sse: str | None = None,
        kms_key_id: str | None = None,
        client: Any = None,
        timeouts: S3Timeouts | None = None,
        breaker: Breaker | None = None,
    ) -> None:
        self.bucket = bucket
        self.breaker = breaker or Breaker(failures=0)
        self.sse = sse or None
        self.kms_key_id = kms_key_id or None
        self.client = client if client is not None else _make_client(
            endpoint_url, timeouts or S3Timeouts())

    def put(self, key: str, data: bytes) -> None:
        validate_key(key)
        extra = {}
        if self.sse:
            extra["ServerSideEncryption"] = self.sse
        if self.kms_key_id:
            extra["SSEKMSKeyId"] = self.kms_key_id
        with self._reachable("put", hint=" (S3_SSE is set: does the server support it?)"
                        if self.sse else ""):
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, **extra)

    def get(self, key: str) -> bytes:
        validate_key(key)
        with self._reachable("get"):
            try:
                response = self.client.get_object(Bucket=self.bucket, Key=key)
            except self.client.exceptions.NoSuchKey:
                raise StoredObjectMissing(key) from None
            return response["Body"].read()

    def exists(self, key: str) -> bool:
        validate_key(key)
        with self._reachable("head"):
            try:
                self.client.head_object(Bucket=self.bucket, Key=key)
            except self.client.exceptions.ClientError as error:
                if _error_code(error) in ("404", "NoSuchKey", "NotFound"):
                    return False
                raise
        return True

    def delete(self, key: str) -> None:
        # The plain delete removes the object on an unversioned bucket; on a versioned
        # one it adds a delete marker, which the version sweep then removes with the rest.
        validate_key(key)
        with self._reachable("delete"):
            self.client.delete_object(Bucket=self.bucket, Key=key)
            self._delete_versions(key, only_key=key)

    def delete_prefix(self, prefix: str) -> None:
        with self._reachable("delete"):
            for key in self.keys(prefix):
                self.client.delete_object(Bucket=self.bucket, Key=key)
            self._delete_versions(prefix)

    def keys(self, prefix: str = "") -> list[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        found = []
        with self._reachable("list"):
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                found.extend(item["Key"] for item in page.get("Contents", []))
        return sorted(found)

    def all_versions_bytes(self, prefix: str = "") -> Iterator[bytes]:
        versioned_keys = set()
        for key, version_id in self._versions(prefix, include_markers=False):
            if version_id and version_id != "null":
                versioned_keys.add(key)
                with self._reachable("get"):
                    response = self.client.get_object(
                        Bucket=self.bucket, Key=key, VersionId=version_id
                    )
                    data = response["Body"].read()
                yield data
        for key in self.keys(prefix):  # objects stored without a version id
            if key not in versioned_keys:
                yield self.get(key)

    def _delete_versions(self, prefix: str, only_key: str | None = None) -> None:
        listed = list(self._versions(prefix, include_markers=True))  # list, then delete
        for key, version_id in listed:
            if only_key is not None and key != only_key:
                continue  # same prefix, different key ("a/1" vs "a/10")
            if version_id:
                self.client.delete_object(Bucket=self.bucket, Key=key, VersionId=version_id)

    def _versions(self, prefix: str, include_markers: bool) -> list[tuple[str, str | None]]:
        paginator = self.client.get_paginator("list_object_versions")
        found = []
        with self._reachable("list versions"):
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                entries = list(page.get("Versions", []))
                if include_markers:
                    entries += page.get("DeleteMarkers", [])
                found += [(entry["Key"], entry.get("VersionId")) for entry in entries]
        return found


    @contextmanager
    def _reachable(self, action: str, hint: str = "") -> Iterator[None]:
        """Any failure of the S3 server (unreachable, timed out, refusing with an error) is
        StorageUnavailable, logged with its error code only, and counted by the breaker."""
        from botocore.exceptions import BotoCoreError, ClientError

        self.breaker.check(action)
        try:
            yield
        except (BotoCoreError, ClientError) as error:
            self.breaker.failed()
            reason = _error_code(error) or type(error).__name__
            log.warning("S3 %s failed: %s%s", action, reason, hint)
            raise StorageUnavailable(f"S3 {action} failed: {reason}{hint}") from error
        self.breaker.succeeded()


def _error_code(error: Exception) -> str:
    response = getattr(error, "response", None) or {}  # a timeout's response is None
    return str(response.get("Error", {}).get("Code", ""))


def _make_client(endpoint_url: str | None, timeouts: S3Timeouts):
    import boto3  # only needed when S3 is configured
    from botocore.config import Config

    # A session of its own: boto3's default session caches the credentials it first found.
    session = boto3.session.Session()
    region = session.region_name or "us-east-1"
    config = Config(connect_timeout=timeouts.connect, read_timeout=timeouts.read,
                    retries={"total_max_attempts": timeouts.attempts, "mode": "standard"})
    return session.client("s3", endpoint_url=endpoint_url or None, region_name=region,
                          config=config)


def create_storage(config: Mapping[str, Any]) -> Storage:
    backend = (config.get("STORAGE_BACKEND") or "local").strip().lower()
    if backend == "local":
        directory = config.get("STORAGE_DIR") or os.path.join(
            config.get("INSTANCE_PATH") or "instance", "storage"
        )
        return LocalStorage(directory)
    if backend == "s3":
        bucket = config.get("S3_BUCKET")
        if not bucket:
            raise ValueError("STORAGE_BACKEND=s3 needs S3_BUCKET to be set")
        return S3Storage(
            bucket,
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            sse=config.get("S3_SSE") or None,
            kms_key_id=config.get("S3_KMS_KEY_ID") or None,
            timeouts=S3Timeouts(
                connect=float(config.get("S3_CONNECT_TIMEOUT", S3Timeouts.connect)),
                read=float(config.get("S3_READ_TIMEOUT", S3Timeouts.read)),
                attempts=int(config.get("S3_MAX_ATTEMPTS", S3Timeouts.attempts))),
            breaker=Breaker(failures=int(config.get("S3_BREAKER_FAILURES", 3)),
                            seconds=float(config.get("S3_BREAKER_SECONDS", 5))),
        )
    raise ValueError(f"unknown STORAGE_BACKEND {backend!r}: use 'local' or 's3'")
