"""The dashboard's event stream: the receipts page names it, and it speaks server-sent
events for the signed-in panelist only."""
from __future__ import annotations

import html
import re

import pytest
from PIL import Image

from tests.dashboard.conftest import sign_up
from tests.dashboard.test_receipts_pages import share
from tests.support.factories import jpeg_bytes


def test_the_receipts_page_listens_to_its_event_stream(app):
    session = sign_up(app)
    listing = session.client.get("/receipts").get_data(as_text=True)
    assert events_url(listing) == "/events?since=c0"
    response = session.client.get("/events", buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert "event: ready" in next(iter(response.response)).decode()
    response.close()


def test_the_event_stream_needs_a_session(app):
    response = app.test_client().get("/events")
    assert response.status_code in (302, 303) or b"Log in" in response.get_data()


@pytest.mark.database
def test_a_change_made_before_the_stream_connects_is_announced_first(app):
    """The page names the cursor it was drawn at. A stream first connected after a change
    the page does not show (the phone went offline before the stream got through, and a
    receipt was shared and read before it did) begins with ``changes``, so the page
    fetches itself again; a page drawn after the change gets ``ready``."""
    session = sign_up(app)
    drawn = events_url(session.client.get("/receipts").get_data(as_text=True))
    assert share(session, receipt_page()).status_code == 303
    stale = session.client.get(drawn, buffered=False)
    first = next(iter(stale.response)).decode()
    stale.close()
    assert "event: changes" in first
    fresh = session.client.get(events_url(session.client.get("/receipts").get_data(as_text=True)),
                               buffered=False)
    ready = next(iter(fresh.response)).decode()
    fresh.close()
    assert "event: ready" in ready and cursor_of(ready) == cursor_of(first)


def events_url(listing: str) -> str:
    return html.unescape(re.search(r'data-events="([^"]+)"', listing).group(1))


def cursor_of(event: str) -> str:
    return re.search(r"^id: (c[0-9]+)$", event, re.M).group(1)


def receipt_page() -> bytes:
    image = Image.new("RGB", (400, 600), (240, 240, 235))
    image.paste((20, 20, 20), (100, 200, 300, 300))
    return jpeg_bytes(image)
