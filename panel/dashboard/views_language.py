"""Choosing the dashboard's language: kept in the panelist's account when signed in (so mail
and the apps speak it too), and in a cookie for this browser."""
from __future__ import annotations

from flask import g, redirect, request

from panel import i18n, web
from panel.dashboard.access import safe_next
from panel.dashboard.blueprint import blp
from panel.services import account
from panel.services.errors import Invalid

YEAR = 365 * 24 * 3600


@blp.post("/language")
def language():
    chosen = request.form.get("language") or None
    offered = i18n.languages()
    if g.panelist is not None:
        account.set_language(g.panelist, chosen, offered)
    elif chosen is not None and chosen not in offered:
        raise Invalid(f"The panel speaks {', '.join(offered)}.")
    response = redirect(safe_next(request.form.get("next")), 303)
    if chosen:
        web.set_cookie(response, i18n.LANGUAGE_COOKIE, chosen, "/", max_age=YEAR, samesite="Lax")
    else:
        response.delete_cookie(i18n.LANGUAGE_COOKIE, path="/")
    return response
