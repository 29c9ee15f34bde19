"""A panelist's personal fields: sealing them under the panelist's data key, and the profile
the API shows. Only this module opens sealed fields."""
from __future__ import annotations

from flask import current_app, g

from panel import keystore
from panel.db import new_id
from panel.models import Panelist
from panel.services import consents
from panel.vault import Vault, seal, unseal


def vault() -> Vault:
    return current_app.extensions["panel.vault"]


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    return vault().lookup_hash(normalise_email(email))


def subject_ref(kind: str, subject_id: str | None) -> str | None:
    """A keyed hash naming a panelist or receipt in records that outlive it (the audit log,
    deletion records): whoever has the id can find them; nobody can read the id back."""
    return None if subject_id is None else vault().lookup_hash(f"{kind}:{subject_id}")


def new_panelist(email: str, password_hash: str, display_name: str | None) -> Panelist:
    key, wrapped = vault().new_data_key()
    panelist = Panelist(id=new_id(), email_hash=email_hash(email), password_hash=password_hash)
    # In the key store first: a failed commit then leaves only a key that opens nothing.
    keystore.for_app().put(panelist.id, wrapped)
    panelist.email_sealed = seal(key, normalise_email(email), _context(panelist, "email"))
    panelist.display_name_sealed = seal(key, display_name, _context(panelist, "display_name"))
    return panelist


def _context(panelist: Panelist, field: str) -> str:
    return f"panelist:{panelist.id}:{field}"


class KeyDestroyed(LookupError):
    """The panelist's data key is not in the key store: they were erased (their rows came
    back with a restored backup, until ``services.erasures.replay`` removes them)."""


def data_key(panelist: Panelist) -> bytes:
    """The panelist's data key, from the key store (once per app context)."""
    keys = g.setdefault("panel_data_keys", {})
    if panelist.id not in keys:
        wrapped = keystore.for_app().get(panelist.id)
        if wrapped is None:
            raise KeyDestroyed(panelist.id)
        keys[panelist.id] = vault().unwrap(wrapped)
    return keys[panelist.id]


def open_field(panelist: Panelist, field: str) -> str | None:
    return unseal(data_key(panelist), getattr(panelist, f"{field}_sealed"),
                  _context(panelist, field))


def profile(panelist: Panelist) -> dict:
    """The panelist as the API shows them (docs/api.md, ``Panelist``)."""
    return {"id": panelist.id, "email": open_field(panelist, "email"),
            "display_name": open_field(panelist, "display_name"), "status": panelist.status,
            "joined_at": panelist.joined_at, "consents": consents.current(panelist)}
