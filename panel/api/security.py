"""Bearer-token authentication for the mobile API."""
from __future__ import annotations

from flask import g, request

from panel.models import Panelist
from panel.services import auth
from panel.services.errors import N_, Unauthorized

BEARER = [{"bearerAuth": []}]
RECIPIENT_KEY = [{"recipientKey": []}]  # the recipients' API (panel/api/releases.py)


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def require_panelist() -> None:
    """A blueprint's ``before_request``: no token, no answer but 401 (not a 422 about the
    body first). OPTIONS stays open, as Flask answers it for every route."""
    if request.method != "OPTIONS":
        current_panelist()


def current_panelist() -> Panelist:
    """The panelist the request's access token belongs to, or a 401."""
    return current_login()[0]


def current_login() -> tuple[Panelist, str]:
    """The panelist of the request's access token and the id of that login, or a 401."""
    if "panelist" not in g:
        token = bearer_token()
        g.panelist, g.login_id = (auth.login_of(token) if token else None) or (None, None)
    if g.panelist is None:
        raise Unauthorized(N_("Log in first: send a valid access token as 'Authorization: "
                              "Bearer'."))
    return g.panelist, g.login_id
