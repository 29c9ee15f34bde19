"""The overview: the panel's health in aggregates, for admins and analysts."""
from __future__ import annotations

import pytest

from tests.admin.conftest import receipt_for_review, sign_in
from tests.support.factories import register


@pytest.mark.database  # aggregate queries
def test_overview_shows_aggregates_only(app):
    client = app.test_client()
    client.post("/api/v1/waitlist", json={"email": "w@example.org"})
    tokens = register(app, client)
    receipt_id, _ = receipt_for_review(app, client, tokens)
    analyst = app.test_client()
    sign_in(app, analyst, "analyst")
    page = analyst.get("/admin/overview").get_data(as_text=True)
    assert 'id="waitlist-size">1<' in page
    assert "Active panelists<b>1</b>" in page
    assert "Invitations accepted<b>1</b>" in page
    assert "needs_review" in page and "low_confidence" in page
    assert "<svg" in page and "Rewards owed" in page
    assert receipt_id not in page and tokens["panelist"]["id"] not in page
    assert "w@example.org" not in page
    assert analyst.get(f"/admin/review/{receipt_id}").status_code == 403


def test_staff_from_the_command_line(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["staff", "create", "--email", "Rev@Example.org",
                                 "--role", "reviewer"])
    assert result.exit_code == 0, result.output
    last_line = result.output.strip().splitlines()[-1]
    assert last_line.startswith("otpauth://totp/") and "secret=" in last_line
    assert "Initial password" in result.output
    assert runner.invoke(args=["staff", "create", "--email", "rev@example.org",
                               "--role", "reviewer"]).exit_code == 1
    assert "reviewer active   rev@example.org" in runner.invoke(args=["staff", "list"]).output
    assert runner.invoke(args=["staff", "disable", "--email", "rev@example.org"]).exit_code == 0
    assert "disabled" in runner.invoke(args=["staff", "list"]).output
    assert runner.invoke(args=["staff", "create", "--email", "x@example.org",
                               "--role", "boss"]).exit_code == 2
