"""The dashboard's event stream: the receipts page names it, and it speaks server-sent
events for the signed-in panelist only."""
from __future__ import annotations

from tests.dashboard.conftest import sign_up


def test_the_receipts_page_listens_to_its_event_stream(app):
    session = sign_up(app)
    listing = session.client.get("/receipts").get_data(as_text=True)
    assert 'data-events="/events"' in listing
    response = session.client.get("/events", buffered=False)
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert "event: ready" in next(iter(response.response)).decode()
    response.close()


def test_the_event_stream_needs_a_session(app):
    response = app.test_client().get("/events")
    assert response.status_code in (302, 303) or b"Log in" in response.get_data()
