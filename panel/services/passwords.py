"""Password hashing (argon2id) for panelists and staff, at the cost the settings give
(``PASSWORD_HASH_TIME_COST``, ``PASSWORD_HASH_MEMORY_KIB``; argon2-cffi's defaults outside
an app)."""
from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

DEFAULT = PasswordHasher()


@lru_cache(maxsize=4)
def _hasher(time_cost: int, memory_kib: int) -> tuple[PasswordHasher, str]:
    """The hasher, and a real hash of a random password at the same cost, checked when the
    account is unknown, so that the time an answer takes does not tell whether an account
    exists."""
    hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib,
                            parallelism=DEFAULT.parallelism)
    return hasher, hasher.hash(secrets.token_urlsafe(16))


def _current() -> tuple[PasswordHasher, str]:
    if not has_app_context():
        return _hasher(DEFAULT.time_cost, DEFAULT.memory_cost)
    config = current_app.config
    return _hasher(config.get("PASSWORD_HASH_TIME_COST", DEFAULT.time_cost),
                   config.get("PASSWORD_HASH_MEMORY_KIB", DEFAULT.memory_cost))


def hash_password(password: str) -> str:
    return _current()[0].hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` fits ``stored_hash``; None (no such account) takes as long."""
    hasher, dummy = _current()
    try:
        hasher.verify(stored_hash or dummy, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored_hash is not None
