"""The dashboard's e-receipts: a PDF shared through the upload form, its source shown, and
the forwarding address shown and renewed (only when mail intake is on)."""
from __future__ import annotations

import re

from tests.dashboard.conftest import post
from tests.dashboard.test_receipts_pages import SHOP, receipts_of, share, text
from tests.support import pdfs
from tests.support.apps import process_waiting

ADDRESS = re.compile(r'<code id="forwarding-address">(r-[a-z2-7]{16}@receipts\.test)</code>')


def test_a_pdf_is_shared_and_shown_as_a_pdf(app, session):
    page = text(session.client.get("/receipts"))
    assert "application/pdf" in page and "Forward e-receipts" not in page  # intake off
    shared = share(session, pdfs.receipt_pdf(SHOP), names=["receipt.pdf"])
    assert shared.status_code == 303
    process_waiting(app)
    [receipt] = receipts_of(app, session)
    assert receipt.source == "pdf" and receipt.status == "accepted", receipt.status_reason
    assert "· PDF" in text(session.client.get("/receipts"))
    detail = text(session.client.get(f"/receipts/{receipt.id}"))
    assert "<dt>Shared as</dt><dd>PDF</dd>" in detail


def test_a_script_bearing_pdf_is_refused_on_the_page(app, session):
    refused = share(session, pdfs.with_script(SHOP), names=["receipt.pdf"])
    assert refused.status_code == 422 and "JavaScript" in text(refused)
    assert receipts_of(app, session) == []


def test_the_forwarding_address_is_shown_and_renewed(app, session):
    app.config["MAIL_INTAKE_DOMAIN"] = "receipts.test"
    first = ADDRESS.search(text(session.client.get("/receipts"))).group(1)
    assert ADDRESS.search(text(session.client.get("/receipts"))).group(1) == first
    renewed = post(session.client, "/receipts/forwarding-address")
    assert renewed.status_code == 303
    page = text(session.client.get(renewed.location))
    assert "mail to the old one is no longer accepted" in page
    second = ADDRESS.search(page).group(1)
    assert second != first
