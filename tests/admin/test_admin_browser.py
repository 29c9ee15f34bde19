"""The admin pages in a real headless browser (Debian's Chromium, driven by Playwright):
log in with password and TOTP, invite from the waitlist, review, look at the overview."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from tests.admin.conftest import PASSWORD, make_staff, receipt_for_review
from tests.support.images import expect_loaded
from tests.support.serving import serve_in_thread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def test_admin_tool_in_a_browser(app, served, request):
    client = app.test_client()
    for email, country in (("first@example.org", "DE"), ("second@example.org", "FR")):
        assert client.post("/api/v1/waitlist", json={"email": email, "country": country}
                           ).status_code == 202
    receipt_id, _ = receipt_for_review(app, client)
    admin = make_staff(app, "admin")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = request.node.callspec.id
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page()
        page.goto(f"{served}/admin/")
        expect(page.get_by_role("heading", name="Staff login")).to_be_visible()
        page.get_by_label("Email").fill(admin.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Authenticator code").fill(admin.totp.now())
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Panel overview")).to_be_visible()
        expect(page.locator("#waitlist-size")).to_have_text("2")
        page.screenshot(path=SCREENSHOTS / f"admin-overview-{name}.png", full_page=True)

        page.get_by_role("link", name="Waitlist", exact=True).click()
        expect(page.get_by_text("first@example.org")).to_be_visible()
        page.get_by_label("how many").fill("1")
        page.get_by_role("button", name="Send invitations").click()
        expect(page.get_by_role("status")).to_contain_text("1 invited")
        expect(page.get_by_role("cell", name="first@example.org")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"admin-invites-{name}.png", full_page=True)
        page.get_by_role("link", name="Outbox", exact=True).click()
        expect(page.get_by_text("Your invite code").first).to_be_visible()

        page.get_by_role("link", name="Review queue", exact=True).click()
        page.get_by_role("link", name=f"Review {receipt_id[:8]}").click()
        image = page.get_by_alt_text("the redacted receipt")
        expect_loaded(image)
        page.screenshot(path=SCREENSHOTS / f"admin-review-{name}.png", full_page=True)
        page.get_by_label("Total", exact=True).fill("12.30")
        page.get_by_label("Accept", exact=True).check()
        page.get_by_role("button", name="Save decision").click()
        expect(page.get_by_role("status")).to_contain_text("accepted")
        expect(page.get_by_text("Nothing waits for review.")).to_be_visible()

        page.get_by_role("link", name="Staff", exact=True).click()
        page.locator("form", has=page.get_by_role("button", name="Create")) \
            .get_by_label("Email").fill("analyst@example.org")
        page.get_by_label("Role").select_option("analyst")
        page.get_by_role("button", name="Create").click()
        expect(page.locator("#provisioning-uri")).to_contain_text("otpauth://totp/")

        page.get_by_role("link", name="Audit log", exact=True).click()
        expect(page.locator("#chain-state")).to_contain_text("intact")
        page.screenshot(path=SCREENSHOTS / f"admin-audit-{name}.png", full_page=True)
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("heading", name="Staff login")).to_be_visible()
        page.goto(f"{served}/admin/overview")
        expect(page.get_by_role("heading", name="Staff login")).to_be_visible()
        browser.close()
