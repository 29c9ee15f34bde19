"""Backups that keep erasures erased (embedded setup): back up, erase a panelist (and a
receipt of another), restore, and the canary scans of the database and every stored object
find nothing of them, while the panelist who stayed is whole. Without the replay, the
restored rows of the erased panelist cannot be opened: their key is not in the key store."""
from __future__ import annotations

import pytest

from panel.db import db
from panel.models import Panelist
from panel.services import personal
from tests.panel.test_canary import (
    database_dump,
    hits,
    marker,
    register_canary,
    share,
    stored_objects,
    text_in_images,
)
from tests.support.apps import make_app, process_waiting
from tests.support.factories import PASSWORD, bearer


@pytest.fixture
def embedded(tmp_path):
    return make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}")


def cli(app, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_restored_backup_keeps_erasures_erased(embedded, tmp_path):
    client = embedded.test_client()
    gone_name, gone_item, kept_name, kept_item = marker(), marker(), marker(), marker()
    gone, gone_email = register_canary(embedded, client, gone_name)
    kept, kept_email = register_canary(embedded, client, kept_name)
    gone_receipt = share(client, gone, f"{gone_item} TEE")
    share(client, kept, f"{kept_item} TEE")
    process_waiting(embedded)
    deleted_receipt = share(client, kept, "SPAETER TEE")  # queued, then deleted
    archive = tmp_path / "panel-backup.tar.gz"
    assert "The key store is not in it" in cli(embedded, "backup", "create", str(archive))
    assert hits([gone_item, kept_item], database_dump(embedded)) == [gone_item, kept_item]

    assert client.delete("/api/v1/me", headers=bearer(gone),
                         json={"password": PASSWORD}).status_code == 202
    assert client.delete(f"/api/v1/receipts/{deleted_receipt}",
                         headers=bearer(kept)).status_code == 204
    output = cli(embedded, "backup", "restore", str(archive), "--yes")
    assert "Erasures replayed: 1 panelist(s), 1 receipt(s)." in output

    dump, objects = database_dump(embedded), stored_objects(embedded)
    gone_ids = [gone["panelist"]["id"], gone_receipt, deleted_receipt]
    assert hits([gone_email, gone_name, gone_item, *gone_ids], dump) == []
    seen = text_in_images(objects)
    assert gone_item not in seen and kept_item in seen and len(objects) == 1
    assert hits([kept_item], dump) == [kept_item]
    me = client.get("/api/v1/me", headers=bearer(kept))  # the one who stayed: whole
    assert me.status_code == 200 and me.get_json()["email"] == kept_email
    again = cli(embedded, "backup", "restore", str(archive), "--yes")  # twice: the same
    assert "Erasures replayed: 1 panelist(s), 1 receipt(s)." in again


def test_without_the_replay_the_erased_panelist_stays_unreadable(embedded, tmp_path):
    client = embedded.test_client()
    name = marker()
    gone, email = register_canary(embedded, client, name)
    archive = tmp_path / "panel-backup.tar.gz"
    cli(embedded, "backup", "create", str(archive))
    assert client.delete("/api/v1/me", headers=bearer(gone),
                         json={"password": PASSWORD}).status_code == 202
    cli(embedded, "backup", "restore", str(archive), "--yes", "--no-replay")
    with embedded.app_context():
        panelist = db.session.get(Panelist, gone["panelist"]["id"])
        assert panelist is not None  # the old rows are back...
        with pytest.raises(personal.KeyDestroyed):  # ...and sealed for good
            personal.open_field(panelist, "email")
    assert hits([email, name], database_dump(embedded)) == []
    assert "1 panelist(s)" in cli(embedded, "backup", "replay-erasures")
    with embedded.app_context():
        assert db.session.get(Panelist, gone["panelist"]["id"]) is None


def test_backup_is_refused_at_scale(postgres_app, tmp_path):
    result = postgres_app.test_cli_runner().invoke(
        args=["backup", "create", str(tmp_path / "x.tar.gz")])
    assert result.exit_code == 1 and "docs/operations.md" in result.output


def test_key_store_copy(embedded, tmp_path):
    import sqlite3
    client = embedded.test_client()
    tokens, _ = register_canary(embedded, client, marker())
    cli(embedded, "backup", "keys", str(tmp_path / "keys-copy.sqlite3"))
    with sqlite3.connect(tmp_path / "keys-copy.sqlite3") as copy:
        rows = copy.execute("SELECT panelist_id FROM data_keys").fetchall()
    assert rows == [(tokens["panelist"]["id"],)]
