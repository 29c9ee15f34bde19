"""The cost of a password hash: the service's (argon2-cffi's defaults, RFC 9106's
low-memory profile) unless the settings lower it, as the test suite does for speed."""
from __future__ import annotations

from panel.config import from_environment
from panel.db import db
from panel.models import Panelist
from panel.services.passwords import hash_password, password_matches
from tests.support.apps import REAL_PASSWORD_HASHING, make_app
from tests.support.factories import PASSWORD, register

SERVICE_COST = "$argon2id$v=19$m=65536,t=3,p=4$"
SUITE_COST = "$argon2id$v=19$m=256,t=1,p=4$"


def stored_hash(app, panelist_id: str) -> str:
    with app.app_context():
        return db.session.get(Panelist, panelist_id).password_hash


def test_the_service_hashes_at_the_full_cost(tmp_path, monkeypatch):
    for name in REAL_PASSWORD_HASHING:
        monkeypatch.delenv(name, raising=False)
    assert {name: from_environment(str(tmp_path))[name] for name in REAL_PASSWORD_HASHING} \
        == REAL_PASSWORD_HASHING == {"PASSWORD_HASH_TIME_COST": 3,
                                     "PASSWORD_HASH_MEMORY_KIB": 65536}
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}", **REAL_PASSWORD_HASHING)
    tokens = register(app, app.test_client())
    stored = stored_hash(app, tokens["panelist"]["id"])
    assert stored.startswith(SERVICE_COST), stored
    with app.app_context():
        assert password_matches(stored, PASSWORD)
        assert not password_matches(stored, PASSWORD + "x")
        assert not password_matches(None, PASSWORD)
    assert hash_password(PASSWORD).startswith(SERVICE_COST)  # outside an app: the default


def test_the_suite_hashes_at_the_lowest_cost_and_old_hashes_still_match(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}")
    tokens = register(app, app.test_client())
    assert stored_hash(app, tokens["panelist"]["id"]).startswith(SUITE_COST)
    full = hash_password(PASSWORD)  # a hash made at another cost keeps its own
    with app.app_context():
        assert hash_password(PASSWORD).startswith(SUITE_COST)
        assert password_matches(full, PASSWORD) and not password_matches(full, "wrong")
