"""The installable web app: its manifest and its service worker, both public (a browser
fetches them without the session) and served from the site's root so the worker's scope is
the whole dashboard."""
from __future__ import annotations

from flask import Response, current_app, jsonify, send_from_directory, url_for
from flask_babel import gettext

from panel.dashboard.blueprint import blp

ICONS = (("icon-192.png", "192x192", "any"), ("icon-512.png", "512x512", "any"),
         ("icon-maskable-512.png", "512x512", "maskable"))


@blp.get("/manifest.webmanifest")
def manifest():
    """In the visitor's language (the language cookie, else Accept-Language)."""
    answer = jsonify({
        "name": gettext("Receipt panel"), "short_name": gettext("Receipts"),
        "description": gettext("Share your shopping receipts with the panel and earn rewards."),
        "id": "/receipts", "start_url": url_for("dashboard.receipts"), "scope": "/",
        "display": "standalone", "orientation": "portrait",
        "background_color": "#ffffff", "theme_color": "#15654a",
        "icons": [{"src": url_for("dashboard.static", filename=f"icons/{name}"), "sizes": sizes,
                   "type": "image/png", "purpose": purpose} for name, sizes, purpose in ICONS],
    })
    answer.mimetype = "application/manifest+json"
    answer.headers["Cache-Control"] = "public, max-age=3600"
    return answer


@blp.get("/sw.js")
def service_worker():
    """static/sw.js at /sw.js (a worker's scope is at most its own folder); never cached by
    HTTP, so a new version is found at the next visit."""
    answer: Response = send_from_directory(current_app.blueprints["dashboard"].static_folder,
                                           "sw.js", mimetype="text/javascript", max_age=0)
    answer.headers["Cache-Control"] = "no-cache"
    return answer
