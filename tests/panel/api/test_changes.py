"""Keeping an app in sync: ETags on receipts and lists, the change feed (nothing missed,
nothing repeated across pages, also while others write), and the server-sent event stream
(no database connection held while it waits)."""
from __future__ import annotations

import threading

from PIL import Image
from sqlalchemy import select

from panel.db import db
from panel.models import LedgerEntry
from panel.services import ledger
from tests.panel.test_rewards import close, share_october
from tests.support.factories import bearer, jpeg_bytes, register, upload


def page(size=(400, 600)) -> bytes:
    image = Image.new("RGB", size, (240, 240, 235))
    image.paste((20, 20, 20), (100, 200, 300, 300))
    return jpeg_bytes(image)


def feed(client, tokens, since=None, limit=100):
    query = {"limit": limit, **({"since": since} if since else {})}
    response = client.get("/api/v1/changes", query_string=query, headers=bearer(tokens))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def read_all(client, tokens, since=None, limit=2):
    """Every change after ``since``, page by page; the ids in order and the last cursor."""
    seen = []
    while True:
        answer = feed(client, tokens, since, limit)
        seen += [(change["kind"], change["id"]) for change in answer["changes"]]
        since = answer["cursor"]
        if not answer["more"]:
            return seen, since


def test_a_receipt_and_the_list_answer_304_while_unchanged(app, client):
    tokens = register(app, client)
    receipt_id = upload(client, tokens, page()).get_json()["id"]
    for url in (f"/api/v1/receipts/{receipt_id}", "/api/v1/receipts"):
        first = client.get(url, headers=bearer(tokens))
        tag = first.headers["ETag"]
        again = client.get(url, headers={**bearer(tokens), "If-None-Match": tag})
        assert again.status_code == 304 and again.get_data() == b""
    client.post(f"/api/v1/receipts/{receipt_id}/withdraw", headers=bearer(tokens))
    for url in (f"/api/v1/receipts/{receipt_id}", "/api/v1/receipts"):
        changed = client.get(url, headers={**bearer(tokens), "If-None-Match": tag})
        assert changed.status_code == 200 and changed.headers["ETag"] != tag


def test_the_feed_pages_through_every_change_once_and_then_only_what_changed(app, client):
    tokens, other = register(app, client), register(app, client)
    ids = [upload(client, tokens, page((400, 600 + n))).get_json()["id"] for n in range(5)]
    upload(client, other, page())  # someone else's: never in this feed
    seen, cursor = read_all(client, tokens)
    assert seen == [("receipt", receipt_id) for receipt_id in ids]
    assert feed(client, tokens, cursor)["changes"] == []
    client.post(f"/api/v1/receipts/{ids[1]}/withdraw", headers=bearer(tokens))
    client.delete(f"/api/v1/receipts/{ids[3]}", headers=bearer(tokens))
    answer = feed(client, tokens, cursor)
    assert [(c["id"], c["state"], c["deleted"]) for c in answer["changes"]] == [
        (ids[1], "withdrawn", False), (None, None, True)]  # a deleted receipt's id is gone
    # From the start, a thing changed twice is there once, at its latest place.
    assert read_all(client, tokens)[0] == [("receipt", i) for i in (ids[0], ids[2], ids[4],
                                                                     ids[1], None)]


def test_rewards_and_payouts_are_in_the_feed(app, client):
    tokens = register(app, client)
    share_october(app, tokens["panelist"]["id"], 10)
    _, cursor = read_all(client, tokens)
    close(app)
    redeemed = client.post("/api/v1/rewards/redemptions", json={"amount": "3.00"},
                           headers=bearer(tokens))
    assert redeemed.status_code == 201
    kinds = [(c["kind"], c["state"]) for c in feed(client, tokens, cursor)["changes"]]
    assert kinds == [("reward", "period_reward"), ("reward", "redemption"),
                     ("payout", "requested")]


def test_a_cursor_not_given_out_is_a_422(app, client):
    tokens = register(app, client)
    for bad in ("nonsense", "c", "c12x", "%%%", "c" + "9" * 10):
        response = client.get("/api/v1/changes", query_string={"since": bad},
                              headers=bearer(tokens))
        assert response.status_code == 422, bad


def test_nothing_is_missed_or_repeated_while_others_upload(postgres_app):
    """Four threads upload while a reader pages through the feed with small pages; at the
    end the reader has seen every receipt exactly once."""
    client = postgres_app.test_client()
    tokens = register(postgres_app, client)
    made, seen, cursor = [], [], None

    def share(number):
        mine = postgres_app.test_client()
        for n in range(6):
            made.append(upload(mine, tokens, page((400 + number, 600 + n))).get_json()["id"])

    writers = [threading.Thread(target=share, args=(n,)) for n in range(4)]
    for writer in writers:
        writer.start()
    while any(writer.is_alive() for writer in writers):
        more, cursor = read_all(client, tokens, cursor, limit=3)
        seen += more
    more, cursor = read_all(client, tokens, cursor, limit=3)
    seen += more
    assert len(made) == 24
    assert sorted(seen) == sorted(("receipt", receipt_id) for receipt_id in made)


def test_the_event_stream_says_when_something_changed_holding_no_connection(app, client):
    tokens = register(app, client)
    app.config.update(CHANGE_STREAM_POLL_SECONDS=0.05, CHANGE_STREAM_SECONDS=5)
    response = client.get("/api/v1/changes/stream", headers=bearer(tokens), buffered=False)
    assert response.mimetype == "text/event-stream"
    events = (chunk.decode() for chunk in response.response)
    ready = next(events)
    assert "event: ready" in ready
    with app.app_context():
        assert db.engine.pool.checkedout() == 0  # waiting, no connection taken
    assert next(events) == ": still here\n\n"
    upload(app.test_client(), tokens, page())
    for chunk in events:
        if "event: changes" in chunk:
            break
    cursor = chunk.split('"cursor": "')[1].split('"')[0]
    assert feed(client, tokens, cursor)["changes"] == []
    response.close()


def test_a_reconnecting_stream_tells_at_once_what_changed_while_away(app, client):
    """EventSource sends the last event's id when it reconnects: a change made between two
    connections is announced first thing, not lost."""
    tokens = register(app, client)
    first = client.get("/api/v1/changes/stream", headers=bearer(tokens), buffered=False)
    ready = next(iter(first.response)).decode()
    first.close()
    last_id = ready.split("id: ")[1].split("\n")[0]
    upload(client, tokens, page())
    again = client.get("/api/v1/changes/stream", buffered=False,
                       headers={**bearer(tokens), "Last-Event-ID": last_id})
    assert "event: changes" in next(iter(again.response)).decode()
    again.close()
    quiet = client.get("/api/v1/changes/stream", buffered=False,
                       headers={**bearer(tokens), "Last-Event-ID": "not-ours"})
    assert "event: ready" in next(iter(quiet.response)).decode()
    quiet.close()


def test_a_stream_opened_with_the_cursor_of_an_older_answer_says_changes_first(app, client):
    """An app opens the stream with ``since`` its last answer's cursor: a change made before
    the stream got through is announced first thing (not called ``ready``)."""
    tokens = register(app, client)
    cursor = feed(client, tokens)["cursor"]
    upload(client, tokens, page())
    for since, first in ((cursor, "event: changes"),
                         (feed(client, tokens, cursor)["cursor"], "event: ready")):
        stream = client.get("/api/v1/changes/stream", query_string={"since": since},
                            headers=bearer(tokens), buffered=False)
        assert first in next(iter(stream.response)).decode()
        stream.close()
    bad = client.get("/api/v1/changes/stream", query_string={"since": "x1"},
                     headers=bearer(tokens))
    assert bad.status_code == 422


def test_changes_cannot_be_committed_out_of_order(postgres_app):
    """Two transactions write for one panelist. The second takes its number only after the
    first is committed (it waits on the panelist's row, which the first's number locked),
    so no number is committed before a smaller one: a reader never gets a cursor past a
    change still to come, and pages through each change once, in order."""
    client = postgres_app.test_client()
    tokens = register(postgres_app, client)
    start = feed(client, tokens)["cursor"]
    first = Writer(postgres_app, tokens["panelist"]["id"], "first")
    assert first.numbered.wait(30)
    second = Writer(postgres_app, tokens["panelist"]["id"], "second")
    assert not second.numbered.wait(1.5)  # it waits for the first's commit
    assert feed(client, tokens, start) == {"changes": [], "cursor": start, "more": False}
    first.commit()
    assert second.numbered.wait(30)  # numbered now, not committed
    after_first = feed(client, tokens, start)
    assert [change["id"] for change in after_first["changes"]] == [first.entry_id()]
    second.commit()
    assert [change["id"] for change in feed(client, tokens, after_first["cursor"])["changes"]] \
        == [second.entry_id()]
    assert [change["id"] for change in feed(client, tokens, start)["changes"]] \
        == [first.entry_id(), second.entry_id()]


class Writer:
    """A reward written in a transaction of its own thread, committed when told."""

    def __init__(self, app, panelist_id: str, key: str):
        self.app, self.panelist_id, self.key = app, panelist_id, key
        self.numbered, self._go = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._write)
        self._thread.start()

    def _write(self) -> None:
        with self.app.app_context():
            ledger.credit(self.panelist_id, "survey_reward", 100, "EUR", self.key, self.key)
            self.numbered.set()
            self._go.wait(30)
            db.session.commit()
            db.session.remove()

    def commit(self) -> None:
        self._go.set()
        self._thread.join(30)
        assert not self._thread.is_alive()

    def entry_id(self) -> str:
        with self.app.app_context():
            found = db.session.scalar(select(LedgerEntry.id).where(
                LedgerEntry.panelist_id == self.panelist_id, LedgerEntry.dedupe_key == self.key))
            db.session.remove()
        return found
