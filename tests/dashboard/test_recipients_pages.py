"""The privacy page names every recipient in plain words, takes a consent to one abroad on
its own, and lists each release the panelist's receipts went into."""
from __future__ import annotations

from panel.services import recipients, releases
from panel.services.audit import COMMAND_LINE
from tests.dashboard.conftest import post, sign_up
from tests.support.releases import panelist, receipt, recipient


def test_privacy_page_shows_recipients_consent_and_releases(app):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    me = sign_up(app, research_partners=True)
    with app.app_context():
        acme = recipient("acme-cn", "CN")
        recipient("marktblick", "DE")
        receipt(panelist(True, acme), "Rewe", "4.00")
        receipt(me.panelist_id, "Rewe", "6.00")

    page = me.client.get("/privacy").get_data(as_text=True)
    assert "acme-cn research, China" in page and "marktblick research, Germany" in page
    assert "Reports on what households buy" in page and "Standard contractual clauses" in page
    assert "No figures that include your receipts have been released." in page

    given = post(me.client, "/privacy/recipients/acme-cn", {"granted": "yes"})
    assert given.status_code == 303
    assert post(me.client, "/privacy/recipients/marktblick", {"granted": "yes"}
                ).status_code == 422
    assert post(me.client, "/privacy/recipients/nobody", {"granted": "yes"}).status_code == 404
    with app.app_context():
        releases.approve(COMMAND_LINE, releases.define(
            COMMAND_LINE, "2026-10", "category", ["receipts"], 0.5),
            recipients.find_code("acme-cn"))
        releases.approve(COMMAND_LINE, releases.define(
            COMMAND_LINE, "2026-10", "merchant", ["receipts", "spend"], 0.5),
            recipients.find_code("acme-cn"))

    page = me.client.get("/privacy").get_data(as_text=True)
    assert "Recipient: acme-cn" in page  # the grant, in the consent history
    table = page[page.index('id="releases"'):]
    assert "Receipts, amount spent per shop, 2026-10" in table and "China" in table
    assert "per product category" not in table  # no categorised items: nothing of mine in it
