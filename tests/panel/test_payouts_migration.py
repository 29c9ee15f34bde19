"""Migration 0010_payouts on a database that already has payouts: none is lost (SQLite
rebuilds the ledger table, whose implicit delete would cascade to payouts), "pending" and
"sent" become "requested" and "delivered" with their history, and the way back works."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from panel.db import db
from tests.support.factories import register

AT = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.utc)


# They migrate down and up: a database of their own, migrated from empty.
pytestmark = pytest.mark.migrated_from_empty


def test_earlier_payouts_survive_with_their_states_and_history(app):
    panelist_id = register(app, app.test_client())["panelist"]["id"]
    with app.app_context():
        downgrade(revision="0008_items_category")
        with db.engine.begin() as connection:
            for n, (status, sent_at) in enumerate([("pending", None), ("sent", AT)]):
                connection.execute(text(
                    "INSERT INTO ledger_entries (id, panelist_id, kind, amount_minor, currency,"
                    " description, created_at) VALUES (:id, :p, 'redemption', -100, 'EUR',"
                    " 'Payout: charity', :at)"), {"id": f"entry-{n}", "p": panelist_id, "at": AT})
                connection.execute(text(
                    "INSERT INTO payouts (ledger_entry_id, method, status, sent_at) VALUES "
                    "(:id, 'charity', :status, :sent_at)"),
                    {"id": f"entry-{n}", "status": status, "sent_at": sent_at})
        upgrade()
        with db.engine.connect() as connection:
            payouts = connection.execute(text(
                "SELECT ledger_entry_id, status FROM payouts ORDER BY 1")).all()
            events = connection.execute(text(
                "SELECT payout_id, state FROM payout_events ORDER BY 1, at")).all()
            nullable = connection.execute(text(
                "SELECT count(*) FROM ledger_entries WHERE panelist_id IS NULL")).scalar()
        assert [tuple(row) for row in payouts] == [("entry-0", "requested"),
                                                   ("entry-1", "delivered")]
        assert [tuple(row) for row in events] == [
            ("entry-0", "requested"), ("entry-1", "requested"), ("entry-1", "delivered")]
        assert nullable == 0
        downgrade(revision="0008_items_category")
        with db.engine.connect() as connection:
            back = connection.execute(text(
                "SELECT ledger_entry_id, status FROM payouts ORDER BY 1")).all()
        assert [tuple(row) for row in back] == [("entry-0", "pending"), ("entry-1", "sent")]
        upgrade()
        db.session.remove()
