"""The review queue: reviewers see the redacted image and fields, correct them and decide;
the panelist sees the outcome on the receipt's timeline."""
from __future__ import annotations

from decimal import Decimal

import pytest

from panel.db import db
from panel.models import Receipt
from tests.admin.conftest import jpeg, post, receipt_for_review, sign_in
from tests.support.factories import BOUGHT, bearer, register


def test_reviewer_corrects_and_accepts(app):
    client = app.test_client()
    receipt_id, tokens = receipt_for_review(app, client)
    reviewer = app.test_client()
    sign_in(app, reviewer, "reviewer")
    queue = reviewer.get("/admin/review").get_data(as_text=True)
    assert receipt_id in queue and "low_confidence" in queue
    page = reviewer.get(f"/admin/review/{receipt_id}").get_data(as_text=True)
    assert "BIOMARKT" in page and "Bread" in page
    assert tokens["panelist"]["id"] not in page  # who shared it is not shown
    image = reviewer.get(f"/admin/review/{receipt_id}/image")
    assert image.status_code == 200 and image.data == jpeg()
    response = post(app, reviewer, f"/admin/review/{receipt_id}", {
        "decision": "accept", "reason": "fields_corrected", "merchant_name": "Biomarkt",
        "purchase_date": BOUGHT.isoformat(), "currency": "eur", "total": "4,10", "item_count": "2",
        "item-0-description": "Bread", "item-0-quantity": "1", "item-0-amount": "2.50",
        "item-1-description": "Milk", "item-1-quantity": "2", "item-1-unit_price": "0.80",
        "item-1-amount": "1.60"})
    assert response.status_code == 303
    seen = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert seen["status"] == "accepted" and seen["total"] == "4.10"
    assert seen["merchant"]["name"] == "Biomarkt" and len(seen["items"]) == 2
    assert seen["timeline"][-1]["status"] == "accepted"
    assert seen["timeline"][-1]["reason"] == "fields_corrected"
    assert receipt_id not in reviewer.get("/admin/review").get_data(as_text=True)
    assert reviewer.get(f"/admin/review/{receipt_id}").status_code == 409


def test_reviewer_rejects_with_a_reason(app):
    client = app.test_client()
    receipt_id, tokens = receipt_for_review(app, client)
    reviewer = app.test_client()
    sign_in(app, reviewer, "reviewer")
    bad = post(app, reviewer, f"/admin/review/{receipt_id}",
               {"decision": "reject", "reason": "no such reason"})
    assert bad.status_code == 422
    assert post(app, reviewer, f"/admin/review/{receipt_id}",
                {"decision": "reject", "reason": "unreadable"}).status_code == 303
    seen = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert (seen["status"], seen["status_reason"]) == ("rejected", "unreadable")
    assert seen["timeline"][-1] == {**seen["timeline"][-1], "status": "rejected",
                                    "reason": "unreadable"}


def test_accepting_needs_a_total(app):
    receipt_id, _ = receipt_for_review(app, app.test_client())
    reviewer = app.test_client()
    sign_in(app, reviewer, "reviewer")
    response = post(app, reviewer, f"/admin/review/{receipt_id}",
                    {"decision": "accept", "reason": "fields_confirmed", "total": ""})
    assert response.status_code == 422


def test_review_from_the_command_line(app):
    first, _ = receipt_for_review(app, app.test_client())
    second, _ = receipt_for_review(app, app.test_client())
    runner = app.test_cli_runner()
    assert f"{first}" in runner.invoke(args=["review", "list"]).output
    result = runner.invoke(args=["review", "accept", first, "--reason", "fields_corrected",
                                 "--total", "9.99"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["review", "reject", second, "--reason", "duplicate"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["review", "reject", second, "--reason",
                               "duplicate"]).exit_code == 1
    assert "0 waiting." in runner.invoke(args=["review", "list"]).output
    log = runner.invoke(args=["audit", "list"]).output
    assert "receipt.reviewed" in log and "operator" in log


@pytest.mark.database  # the duplicate check's queries
def test_accepting_runs_the_duplicate_and_age_checks(app):
    """A reviewer's fields go through the pipeline's checks: a receipt shared before (same
    shop, date and total, a near-identical page) or bought too long ago cannot be accepted."""
    client = app.test_client()
    receipt_id, tokens = receipt_for_review(app, client)
    bought = BOUGHT
    with app.app_context():
        waiting = db.session.get(Receipt, receipt_id)
        waiting.page_hashes = "f0e4c2d7a1b3c5e7"
        earlier = Receipt(panelist_id=register(app, client)["panelist"]["id"], period="2026-11",
                          page_count=1, status="accepted", merchant_name="Biomarkt",
                          purchase_date=bought, total=Decimal("4.10"), currency="EUR",
                          image_hash="0000ffff0000ffff", page_hashes="f0e4c2d7a1b3c5e6")
        db.session.add(earlier)
        db.session.commit()
    reviewer = app.test_client()
    sign_in(app, reviewer, "reviewer")
    fields = {"decision": "accept", "reason": "fields_corrected", "merchant_name": "Biomarkt",
              "purchase_date": bought.isoformat(), "currency": "EUR", "total": "4.10"}
    duplicate = post(app, reviewer, f"/admin/review/{receipt_id}", fields)
    assert duplicate.status_code == 422
    assert "duplicate" in duplicate.get_data(as_text=True)
    too_old = post(app, reviewer, f"/admin/review/{receipt_id}",
                   {**fields, "total": "4.20", "purchase_date": "2020-03-02"})
    assert too_old.status_code == 422
    assert "too old" in too_old.get_data(as_text=True)
    seen = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert (seen["status"], seen["total"], seen["merchant"]["name"]) == (
        "needs_review", None, "BIOMARKT")  # nothing of the refused decisions was kept
    assert post(app, reviewer, f"/admin/review/{receipt_id}",
                {**fields, "total": "4.20"}).status_code == 303
    seen = client.get(f"/api/v1/receipts/{receipt_id}", headers=bearer(tokens)).get_json()
    assert (seen["status"], seen["total"]) == ("accepted", "4.20")
