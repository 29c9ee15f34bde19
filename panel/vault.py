"""Crypto-shredding. Personal fields are sealed (AES-256-GCM) under a data key of their own
panelist; each data key is stored wrapped by the master key from configuration. Erasing a
panelist destroys the data key, so any copy of the sealed fields (a backup, a dump, a dead
database page) can no longer be read. Email lookups use a keyed hash, never the address."""
from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class Vault:
    def __init__(self, master_key: bytes):
        if len(master_key) != 32:
            raise ValueError("MASTER_KEY must be 32 bytes (base64 of 32 random bytes)")
        self._master = AESGCM(master_key)
        self._lookup_key = hmac.new(master_key, b"panel email lookup", hashlib.sha256).digest()

    def new_data_key(self) -> tuple[bytes, bytes]:
        """A fresh data key, and the same key wrapped by the master key for storing."""
        key = AESGCM.generate_key(bit_length=256)
        return key, self.wrap(key)

    def wrap(self, key: bytes) -> bytes:
        return _seal(self._master, key, b"data key")

    def unwrap(self, wrapped: bytes) -> bytes:
        return _open(self._master, wrapped, b"data key")

    def seal_with_master(self, text: str, context: str) -> bytes:
        """For the few fields that belong to no panelist yet (an invited email)."""
        return _seal(self._master, text.encode(), context.encode())

    def open_with_master(self, sealed: bytes, context: str) -> str:
        return _open(self._master, sealed, context.encode()).decode()

    def lookup_hash(self, value: str) -> str:
        return hmac.new(self._lookup_key, value.encode(), hashlib.sha256).hexdigest()


def seal(key: bytes, text: str | None, context: str) -> bytes | None:
    return None if text is None else _seal(AESGCM(key), text.encode(), context.encode())


def unseal(key: bytes, sealed: bytes | None, context: str) -> str | None:
    return None if sealed is None else _open(AESGCM(key), sealed, context.encode()).decode()


def _seal(aead: AESGCM, data: bytes, context: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + aead.encrypt(nonce, data, context)


def _open(aead: AESGCM, sealed: bytes, context: bytes) -> bytes:
    return aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context)
