"""Backups of the embedded setup (SQLite file and local storage directory) that keep
erasures erased: the archive holds the data and the stored images, never the key store, and
a restore replays every erasure the key store has logged (``services.erasures``).

At scale (PostgreSQL, S3) the same rule holds with the platform's tools: see
docs/operations.md (pg_dump of the data database, the key database backed up on its own,
bucket versioning, then ``flask backup replay-erasures``).
"""
from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from flask_migrate import upgrade

from panel import keystore
from panel.db import db, utcnow
from panel.extensions import storage_for
from panel.services import erasures
from panel.services.errors import Invalid

FORMAT = 1
DATABASE, STORAGE, MANIFEST = "panel.sqlite3", "storage", "manifest.json"


@dataclass
class Restored:
    created_at: str
    revision: str | None
    replayed: erasures.Replayed | None


def _embedded() -> tuple[Path, Path]:
    """The SQLite file and the storage directory; refused on any other setup."""
    url = db.engine.url
    root = getattr(storage_for(), "root", None)
    if url.get_backend_name() != "sqlite" or not url.database or root is None:
        raise Invalid("flask backup create/restore is for the embedded setup (SQLite and a "
                      "local storage directory); at scale see docs/operations.md.")
    return Path(url.database), Path(root)


def _revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def create(archive: str) -> dict:
    """Write a .tar.gz of the database (a consistent copy) and the stored images."""
    database, root = _embedded()
    manifest = {"format": FORMAT, "created_at": utcnow().isoformat(), "revision": _revision()}
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / DATABASE
        _copy_sqlite(database, copy)
        fd = os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            data = json.dumps(manifest).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(copy, DATABASE)
            if root.is_dir():
                tar.add(root, STORAGE)
    return manifest


def restore(archive: str, replay: bool = True) -> Restored:
    """Put the archive's database and images in place of the current ones (the service
    stopped), migrate to head, and replay the erasures logged since (all of them: replaying
    is harmless)."""
    database, root = _embedded()
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(scratch, filter="data")
        manifest = json.loads((Path(scratch) / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise Invalid(f"{archive} is not a panel backup this version can restore.")
        db.session.remove()
        db.engine.dispose()
        _copy_sqlite(Path(scratch) / DATABASE, database)
        if root.exists():
            shutil.rmtree(root)
        if (Path(scratch) / STORAGE).is_dir():
            shutil.copytree(Path(scratch) / STORAGE, root)
        else:
            root.mkdir(parents=True)
    db.engine.dispose()
    upgrade()
    done = erasures.replay() if replay else None
    return Restored(manifest["created_at"], manifest.get("revision"), done)


def copy_key_store(target: str) -> None:
    """A copy of the key store (SQLite) to keep apart from the data backups."""
    url = keystore.for_app().engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise Invalid("The key store is a database server: back it up with its own tools.")
    _copy_sqlite(Path(url.database), Path(target))
    os.chmod(target, 0o600)


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy while others may be writing."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
