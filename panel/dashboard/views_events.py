"""Server-sent events for the dashboard: the receipts and rewards pages refresh themselves
when something of the panelist's changed (static/refresh.js), instead of polling. A page
names the cursor it was drawn at (``?since=``), so a stream that gets through only after a
change still tells the page."""
from __future__ import annotations

from flask import g, request

from panel import web
from panel.dashboard.blueprint import blp


@blp.get("/events")
def events():
    return web.change_events(g.panelist.id, request.args.get("since"))
