"""The audit log: a hash chain that ``audit verify`` checks; the database refuses changes;
a change made around that refusal is found and named."""
from __future__ import annotations

import contextlib
import io
import json
import threading
import zipfile

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from panel.db import db
from panel.services import audit
from tests.admin.conftest import post, receipt_for_review, sign_in
from tests.support.factories import bearer

# The database is the subject: its append-only trigger, the chain it holds, concurrent writers.
pytestmark = pytest.mark.database


def verify(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def fill(app, count=4):
    with app.app_context():
        for n in range(count):
            audit.note(audit.Actor("staff-id", "admin", "127.0.0.1"), f"test.action{n}",
                       reason=f"because {n}")


@contextlib.contextmanager
def triggers_off(app):
    """What someone with direct database access could do: get around the trigger."""
    with app.app_context(), db.engine.begin() as conn:
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"))
        else:
            conn.execute(text("DROP TRIGGER audit_entries_no_update"))
            conn.execute(text("DROP TRIGGER audit_entries_no_delete"))
        yield conn
        if db.engine.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only"))


def test_an_intact_chain_verifies(app):
    fill(app)
    result = verify(app)
    assert result.exit_code == 0, result.output
    assert "intact: 4 entries" in result.output


def test_the_database_refuses_changes_and_deletions(app):
    fill(app, 1)
    with app.app_context():
        for statement in ("UPDATE audit_entries SET reason = 'x'", "DELETE FROM audit_entries"):
            with pytest.raises(DBAPIError, match="append-only"):
                with db.engine.begin() as conn:
                    conn.execute(text(statement))


def test_a_changed_entry_is_named(app):
    fill(app)
    with triggers_off(app) as conn:
        conn.execute(text("UPDATE audit_entries SET reason = 'nothing to see' WHERE sequence = 2"))
    result = verify(app)
    assert result.exit_code == 1
    assert "entry #2" in result.output and "changed" in result.output


def test_a_deleted_entry_is_named(app):
    fill(app)
    with triggers_off(app) as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE sequence = 3"))
    result = verify(app)
    assert result.exit_code == 1
    assert "entry #4" in result.output and "#3 is missing" in result.output


def test_a_rewritten_hash_breaks_the_next_link(app):
    fill(app)
    with triggers_off(app) as conn:
        conn.execute(text("UPDATE audit_entries SET action = 'x', entry_hash = :h "
                          "WHERE sequence = 1"), {"h": "f" * 64})
    result = verify(app)
    assert result.exit_code == 1 and "entry #1" in result.output


def test_panelists_see_when_and_why_staff_looked(app):
    client = app.test_client()
    receipt_id, tokens = receipt_for_review(app, client)
    reviewer = app.test_client()
    member = sign_in(app, reviewer, "reviewer")
    assert reviewer.get(f"/admin/review/{receipt_id}").status_code == 200
    assert post(app, reviewer, f"/admin/review/{receipt_id}",
                {"decision": "reject", "reason": "not_a_receipt"}).status_code == 303
    archive = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/me/export",
                                                    headers=bearer(tokens)).data))
    log = json.loads(archive.read("panelist.json"))["staff_access_log"]
    assert [(e["staff_role"], e["action"]) for e in log] == [
        ("reviewer", "receipt.viewed"), ("reviewer", "receipt.reviewed")]
    assert log[1]["reason"] == "rejected: not_a_receipt" and log[0]["receipt_id"] == receipt_id
    assert member.email not in json.dumps(log) and member.id not in json.dumps(log)
    admin = app.test_client()
    sign_in(app, admin, "admin")
    page = admin.get("/admin/audit").get_data(as_text=True)
    assert "receipt.reviewed" in page and "hash chain is intact" in page


def test_concurrent_staff_page_loads_all_succeed_and_the_chain_holds(app):
    """Many staff loading logged pages at once: every load answers, each is logged once, in
    one unbroken chain (on SQLite two writers once read the same head: 500s)."""
    member = sign_in(app, app.test_client(), "admin")
    pages = ["/admin/audit", "/admin/invites", "/admin/outbox"] * 8
    clients = [app.test_client() for _ in pages]
    for client in clients:
        sign_in(app, client, "admin", member)
    with app.app_context():
        before = audit.verify().count
    statuses, barrier = [], threading.Barrier(len(pages))

    def load(client, url):
        barrier.wait()
        statuses.append(client.get(url).status_code)

    threads = [threading.Thread(target=load, args=pair) for pair in zip(clients, pages)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(pages)
    result = verify(app)
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert audit.verify().count == before + len(pages)
