"""Server-sent events for the dashboard: the receipts and rewards pages refresh themselves
when something of the panelist's changed (static/refresh.js), instead of polling. A page
names the cursor it was drawn at (``?since=``), so a stream that gets through only after a
change still tells the page."""
from __future__ import annotations

from flask import Response, current_app, g, request

from panel.dashboard.blueprint import blp
from panel.services import changes


@blp.get("/events")
def events():
    config = current_app.config
    stream = changes.stream(g.panelist.id, config["CHANGE_STREAM_POLL_SECONDS"],
                            config["CHANGE_STREAM_SECONDS"],
                            request.headers.get("Last-Event-ID"), request.args.get("since"))
    return Response(stream, mimetype="text/event-stream",
                    headers={"X-Accel-Buffering": "no", "Cache-Control": "no-store"})
