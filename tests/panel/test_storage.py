"""The storage interface, run against a local directory and a real S3 server (SeaweedFS)."""
import os
import uuid

import pytest

from panel.storage import (
    LocalStorage,
    S3Storage,
    Storage,
    StoredObjectMissing,
    create_storage,
)
from tests.support.s3server import make_bucket, s3_client

# The s3_server and s3_bucket fixtures come from tests/conftest.py's pytest_plugins;
# importing them here too would register a second session fixture: a second server.


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path) -> Storage:
    if request.param == "local":
        return LocalStorage(tmp_path / "store")
    server = request.getfixturevalue("s3_server")
    bucket = request.getfixturevalue("s3_bucket")
    return S3Storage(bucket, client=s3_client(server))


def remaining_versions(storage: S3Storage, prefix: str = "") -> list:
    response = storage.client.list_object_versions(Bucket=storage.bucket, Prefix=prefix)
    return response.get("Versions", []) + response.get("DeleteMarkers", [])


def test_implements_the_interface(storage):
    assert isinstance(storage, Storage)


def test_put_then_get_returns_the_same_bytes(storage):
    data = bytes(range(256)) * 10
    storage.put("receipts/1/original.jpg", data)
    assert storage.get("receipts/1/original.jpg") == data


def test_put_replaces_the_object(storage):
    storage.put("receipts/1/original.jpg", b"first")
    storage.put("receipts/1/original.jpg", b"second")
    assert storage.get("receipts/1/original.jpg") == b"second"
    assert storage.keys() == ["receipts/1/original.jpg"]


def test_empty_object_round_trips(storage):
    storage.put("empty", b"")
    assert storage.get("empty") == b""


def test_missing_key_raises_stored_object_missing(storage):
    with pytest.raises(StoredObjectMissing):
        storage.get("receipts/404/original.jpg")
    with pytest.raises(KeyError):  # StoredObjectMissing is a KeyError
        storage.get("nothing")


def test_exists(storage):
    assert not storage.exists("receipts/1/original.jpg")
    storage.put("receipts/1/original.jpg", b"x")
    assert storage.exists("receipts/1/original.jpg")
    assert not storage.exists("receipts/1")


def test_keys_by_prefix(storage):
    for key in ["receipts/1/original.jpg", "receipts/1/redacted.png", "receipts/10/a", "other"]:
        storage.put(key, b"x")
    assert storage.keys("receipts/1/") == ["receipts/1/original.jpg", "receipts/1/redacted.png"]
    assert storage.keys("receipts/") == [
        "receipts/1/original.jpg",
        "receipts/1/redacted.png",
        "receipts/10/a",
    ]
    assert storage.keys() == sorted(storage.keys("receipts/") + ["other"])
    assert storage.keys("none/") == []


def test_delete_removes_the_object(storage):
    storage.put("receipts/1/original.jpg", b"secret one")
    storage.put("receipts/1/original.jpg", b"secret two")
    storage.put("receipts/10/original.jpg", b"keep")
    storage.delete("receipts/1/original.jpg")
    assert not storage.exists("receipts/1/original.jpg")
    with pytest.raises(StoredObjectMissing):
        storage.get("receipts/1/original.jpg")
    assert storage.keys() == ["receipts/10/original.jpg"]
    stored = list(storage.all_versions_bytes())
    assert stored == [b"keep"]


def test_delete_of_a_missing_key_is_fine(storage):
    storage.delete("receipts/404/original.jpg")
    storage.put("a", b"x")
    storage.delete("a")
    storage.delete("a")
    assert storage.keys() == []


def test_delete_prefix(storage):
    for key in ["receipts/1/original.jpg", "receipts/1/redacted.png", "receipts/10/a"]:
        storage.put(key, b"x")
    storage.put("receipts/1/original.jpg", b"y")
    storage.delete_prefix("receipts/1/")
    assert storage.keys() == ["receipts/10/a"]
    assert list(storage.all_versions_bytes("receipts/1/")) == []
    storage.delete_prefix("nothing/")


def test_all_versions_bytes_sees_what_is_stored(storage):
    storage.put("receipts/1/original.jpg", b"MARKER-OLD")
    storage.put("receipts/1/original.jpg", b"MARKER-NEW")
    storage.put("receipts/2/original.jpg", b"other")
    blobs = list(storage.all_versions_bytes("receipts/1/"))
    assert b"MARKER-NEW" in blobs
    assert all(blob.startswith(b"MARKER") for blob in blobs)
    assert b"other" in list(storage.all_versions_bytes())


INVALID_KEYS = ["../x", "a/../../x", "/etc/passwd", "", "a//b", "a/./b", "a b", "a\\b", "ä", "a/"]


@pytest.mark.parametrize("key", INVALID_KEYS)
@pytest.mark.parametrize("backend", ["local", "s3"])
def test_invalid_keys_are_rejected(tmp_path, backend, key):
    # Keys are checked before any I/O, so S3 needs no server here.
    storage = LocalStorage(tmp_path) if backend == "local" else S3Storage("b", client=object())
    with pytest.raises(ValueError):
        storage.put(key, b"x")
    with pytest.raises(ValueError):
        storage.get(key)
    with pytest.raises(ValueError):
        storage.delete(key)
    assert os.listdir(tmp_path) == []


# S3 only: every version and delete marker is gone after delete.


def test_s3_delete_removes_every_version_and_marker(s3_server, s3_bucket):
    storage = S3Storage(s3_bucket, client=s3_client(s3_server))
    storage.put("receipts/1/original.jpg", b"v1")
    storage.put("receipts/1/original.jpg", b"v2")
    storage.put("receipts/1/original.jpg.bak", b"neighbour")
    assert len(remaining_versions(storage, "receipts/1/original.jpg")) == 3
    storage.delete("receipts/1/original.jpg")
    left = remaining_versions(storage, "receipts/1/")
    assert [item["Key"] for item in left] == ["receipts/1/original.jpg.bak"]


def test_s3_delete_removes_an_existing_delete_marker(s3_server, s3_bucket):
    storage = S3Storage(s3_bucket, client=s3_client(s3_server))
    storage.put("k", b"v1")
    storage.client.delete_object(Bucket=s3_bucket, Key="k")  # old style: leaves v1 behind
    storage.delete("k")
    storage.delete("never-stored")  # its plain delete's marker goes too
    assert remaining_versions(storage) == []


def test_s3_delete_prefix_removes_every_version(s3_server, s3_bucket):
    storage = S3Storage(s3_bucket, client=s3_client(s3_server))
    for data in (b"v1", b"v2"):
        storage.put("receipts/1/original.jpg", data)
        storage.put("receipts/1/redacted.png", data)
    storage.put("receipts/2/original.jpg", b"keep")
    storage.delete_prefix("receipts/1/")
    assert [item["Key"] for item in remaining_versions(storage)] == ["receipts/2/original.jpg"]


def test_s3_works_on_an_unversioned_bucket(s3_server):
    bucket = make_bucket(s3_server, f"plain-{uuid.uuid4().hex[:12]}", versioned=False)
    storage = S3Storage(bucket, client=s3_client(s3_server))
    storage.put("a/b", b"one")
    storage.put("a/b", b"two")
    assert list(storage.all_versions_bytes()) == [b"two"]
    storage.delete("a/b")
    storage.put("a/c", b"x")
    storage.delete_prefix("a/")
    assert storage.keys() == []
    assert list(storage.all_versions_bytes()) == []


def test_s3_put_passes_encryption_settings_only_when_configured():
    class RecordingClient:
        def __init__(self):
            self.calls = []

        def put_object(self, **kwargs):
            self.calls.append(kwargs)

    plain, kms = RecordingClient(), RecordingClient()
    S3Storage("b", client=plain).put("k", b"x")
    S3Storage("b", sse="aws:kms", kms_key_id="key-1", client=kms).put("k", b"x")
    assert "ServerSideEncryption" not in plain.calls[0]
    assert kms.calls[0]["ServerSideEncryption"] == "aws:kms"
    assert kms.calls[0]["SSEKMSKeyId"] == "key-1"


# Local only.


def test_local_keys_become_subdirectories(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.put("receipts/1/original.jpg", b"x")
    assert (tmp_path / "receipts" / "1" / "original.jpg").read_bytes() == b"x"


def test_local_put_leaves_no_temp_files(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.put("receipts/1/original.jpg", b"one")
    storage.put("receipts/1/original.jpg", b"two")
    assert os.listdir(tmp_path / "receipts" / "1") == ["original.jpg"]


def test_local_failed_put_keeps_the_old_object_and_no_temp_file(tmp_path, monkeypatch):
    storage = LocalStorage(tmp_path)
    storage.put("k", b"old")

    def broken_replace(src, dst):
        raise OSError("disk gone")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        storage.put("k", b"new")
    monkeypatch.undo()
    assert storage.get("k") == b"old"
    assert os.listdir(tmp_path) == ["k"]


def test_local_delete_removes_empty_directories_below_the_top_level(tmp_path):
    root = tmp_path / "store"
    storage = LocalStorage(root)
    storage.put("receipts/1/original.jpg", b"x")
    storage.put("receipts/2/original.jpg", b"x")
    storage.delete("receipts/1/original.jpg")
    assert not (root / "receipts" / "1").exists()
    assert (root / "receipts" / "2").is_dir()
    storage.delete("receipts/2/original.jpg")
    assert os.listdir(root) == ["receipts"] and os.listdir(root / "receipts") == []


def test_local_delete_prefix_removes_leftover_temp_files(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.put("receipts/1/original.jpg", b"x")
    (tmp_path / "receipts" / "1" / ".tmp-crashed").write_bytes(b"half a receipt")
    assert storage.keys() == ["receipts/1/original.jpg"]
    assert b"half a receipt" in list(storage.all_versions_bytes())
    storage.delete_prefix("receipts/")
    assert list(storage.all_versions_bytes()) == []
    assert os.listdir(tmp_path / "receipts") == []


def test_local_rejects_keys_naming_temp_files(tmp_path):
    with pytest.raises(ValueError):
        LocalStorage(tmp_path).put("a/.tmp-x", b"x")


# create_storage


def test_create_storage_defaults_to_local(tmp_path):
    storage = create_storage({"STORAGE_DIR": str(tmp_path)})
    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path


def test_create_storage_s3(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "id")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    storage = create_storage(
        {
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": "receipts",
            "S3_ENDPOINT_URL": "http://127.0.0.1:1",
            "S3_SSE": "aws:kms",
            "S3_KMS_KEY_ID": "key-1",
        }
    )
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.sse, storage.kms_key_id) == ("receipts", "aws:kms", "key-1")
    assert storage.client.meta.endpoint_url == "http://127.0.0.1:1"


def test_create_storage_s3_against_a_real_server(s3_server, monkeypatch):
    bucket = make_bucket(s3_server, f"config-{uuid.uuid4().hex[:12]}", versioned=True)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3_server.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3_server.secret_key)
    storage = create_storage(
        {"STORAGE_BACKEND": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": s3_server.endpoint_url}
    )
    storage.put("k", b"x")
    assert storage.get("k") == b"x"
    storage.delete("k")
    assert remaining_versions(storage) == []


def test_create_storage_s3_needs_a_bucket():
    with pytest.raises(ValueError, match="S3_BUCKET"):
        create_storage({"STORAGE_BACKEND": "s3"})


def test_create_storage_rejects_unknown_backend():
    with pytest.raises(ValueError, match="STORAGE_BACKEND"):
        create_storage({"STORAGE_BACKEND": "ftp"})


def test_local_put_syncs_every_folder_entry_it_made(tmp_path, monkeypatch):
    """A crash after put() must not lose the file: the file's folder and the folders holding
    each folder put() created are synced (watched on the real calls, which still run)."""
    import panel.storage as storage_module
    synced, real_sync = [], storage_module._fsync_directory
    monkeypatch.setattr(storage_module, "_fsync_directory",
                        lambda path: synced.append(path) or real_sync(path))
    storage = LocalStorage(tmp_path)
    storage.put("originals/r1/page-0.jpg", b"x")
    assert set(synced) == {tmp_path / "originals" / "r1", tmp_path / "originals", tmp_path}
    synced.clear()
    storage.put("originals/r1/page-1.jpg", b"y")  # no new folder: only the file's own
    assert synced == [tmp_path / "originals" / "r1"]
