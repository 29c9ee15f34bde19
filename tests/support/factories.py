"""Small helpers that make panelists and receipts through the real API."""
from __future__ import annotations

import io
import uuid
from datetime import date, timedelta

from PIL import Image

from panel.services import auth

PASSWORD = "correct horse battery"
# Receipts printed a few days ago: recent enough to be accepted whenever the tests run.
BOUGHT = date.today() - timedelta(days=3)
BOUGHT_PRINTED = BOUGHT.strftime("%d.%m.%Y")


def invite(app, email: str) -> str:
    with app.app_context():
        return auth.create_invite(email)


def register(app, client, email: str | None = None, **consents) -> dict:
    """Register a new panelist; returns the token pair body (with "panelist")."""
    email = email or f"p-{uuid.uuid4().hex[:8]}@example.org"
    body = {"invite_code": invite(app, email), "email": email, "password": PASSWORD,
            "consents": {"receipts": True, **consents}}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def bearer(tokens: dict) -> dict:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def jpeg_bytes(image: Image.Image, **save_args) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90, **save_args)
    return out.getvalue()


def upload(client, tokens: dict, *pages: bytes, key: str | None = None, field: str = "image"):
    headers = bearer(tokens)
    if key:
        headers["Idempotency-Key"] = key
    data = {field: [(io.BytesIO(page), f"page{n}.jpg") for n, page in enumerate(pages)]}
    return client.post("/api/v1/receipts", data=data, headers=headers,
                       content_type="multipart/form-data")
