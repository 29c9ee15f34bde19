"""A panelist's whole way through the dashboard in a real headless browser (Debian's
Chromium driven by Playwright), against the app served on loopback with its embedded worker
and real OCR: join the waitlist, register with an invite, share receipts and watch them be
accepted, open one, withdraw one, delete one, see the rewards progress move, answer a survey,
turn a reward into a gift card and read its code (again, behind the password), give and
withdraw a consent, export, and erase the account (agreeing to forfeit what is left). A screenshot of every page is
kept under artifacts/screenshots/."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from tests.ocr.synthetic import render_receipt
from tests.support.apps import REAL_PASSWORD_HASHING, empty_tables, stack_app
from tests.support.factories import PASSWORD, invite
from tests.support.images import expect_loaded
from tests.support.serving import serve_in_thread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
EMAIL = "journey@example.org"
CARD = "4532 0151 1283 0366"


def receipt_photo(tmp_path: Path, name: str, items: list[tuple[str, str]], total: str) -> Path:
    """A shop receipt dated yesterday, paid by card, as a PNG file to pick in the browser
    (the server re-encodes it once; a JPEG re-encoded twice can lose a decimal comma)."""
    when = (date.today() - timedelta(days=1)).strftime("%d.%m.%Y")
    lines = [("EDEKA MARKT", ""), ("Hauptstr. 5, 10115 Berlin", ""), (f"{when} 14:33", ""),
             *items, ("SUMME EUR", total), (f"VISA {CARD}", "")]
    path = tmp_path / f"{name}.png"
    render_receipt(lines).save(path)
    return path


@pytest.fixture(params=["sqlite-local", "postgres-s3"])
def served(request, tmp_path, monkeypatch):
    """The app with its embedded worker, served on a free loopback port."""
    app = stack_app(request.param, request, tmp_path, monkeypatch, EMBEDDED_WORKER="on",
                    WORKER_POLL_SECONDS=0.3, REWARD_MONTHLY_GOAL=3,
                    **REAL_PASSWORD_HASHING)  # as the service hashes
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = serve_in_thread(server)
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["panel.worker"].stop()
    empty_tables(app)


def test_a_panelist_does_everything_in_the_browser(served, tmp_path, request):
    app, base = served
    shots = Shots(request.node.callspec.id)
    photos = [receipt_photo(tmp_path, "first", [("Milch 1L", "1,19"), ("Brot", "2,49")], "3,68"),
              receipt_photo(tmp_path, "second", [("Kaffee", "5,99")], "5,99"),
              receipt_photo(tmp_path, "third", [("Tee", "2,29"), ("Honig", "4,49")], "6,78")]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1100, "height": 900})

        page.goto(base)
        shots.take(page, "landing")
        page.get_by_label("Email").fill("curious@example.org")
        page.get_by_role("button", name="Join the waitlist").click()
        expect(page.get_by_role("status")).to_contain_text("Check your inbox")

        page.goto(f"{base}/receipts")
        expect(page.get_by_role("heading", name="Log in")).to_be_visible()
        page.get_by_role("link", name="Join with an invite code").click()
        page.get_by_label("Invite code").fill(invite(app, EMAIL))
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Receipts (needed to join)").check()
        page.get_by_label("Surveys (optional)").check()
        shots.take(page, "register")
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.get_by_role("heading", name="Your receipts")).to_be_visible()

        page.get_by_role("link", name="Rewards", exact=True).click()
        expect(page.locator("#reward-progress")).to_contain_text("0 of 3 receipts")

        for photo in photos:
            page.get_by_role("link", name="Receipts", exact=True).click()
            page.get_by_label(re.compile("photo", re.I)).first.set_input_files(str(photo))
            page.get_by_role("button", name="Share a receipt").click()
            expect(page.get_by_role("status")).to_be_visible()
        badges = page.locator(".receipt-list .badge")
        expect(badges).to_have_count(3)
        expect(badges.filter(has_text="Accepted")).to_have_count(3, timeout=120_000)
        shots.take(page, "receipts")

        page.get_by_role("link", name=re.compile("Edeka")).first.click()
        expect(page.get_by_role("heading", name=re.compile("Edeka"))).to_be_visible()
        image = page.get_by_role("img", name=re.compile("redacted", re.I))
        expect_loaded(image)
        expect(page.get_by_text(re.compile("card.number", re.I)).first).to_be_visible()
        expect(page.get_by_text(CARD)).to_have_count(0)
        shots.take(page, "receipt")

        page.get_by_role("button", name="Withdraw").click()
        shots.take(page, "withdraw-confirm")
        page.get_by_role("button", name="Yes, withdraw it").click()
        expect(page.get_by_role("status")).to_contain_text(re.compile("withdr", re.I))
        page.get_by_role("link", name="Receipts", exact=True).click()
        expect(badges.filter(has_text="Withdrawn")).to_have_count(1)

        page.get_by_role("link", name=re.compile("Edeka")).nth(1).click()
        page.get_by_role("button", name="Delete").click()
        page.get_by_role("button", name="Yes, delete it forever").click()
        expect(page.get_by_role("status")).to_contain_text(re.compile("delet", re.I))
        expect(page.locator(".receipt-list .badge")).to_have_count(2)

        page.get_by_role("link", name="Rewards", exact=True).click()
        expect(page.locator("#reward-progress")).to_contain_text("1 of 3 receipts")
        shots.take(page, "rewards")

        with app.app_context():
            from panel.services import surveys
            surveys.create("Coffee habits", "0.50", "all_active", [
                {"text": "How many cups a day?", "kind": "single_choice",
                 "choices": ["none", "one or two", "more"]}])
        page.get_by_role("link", name="Surveys", exact=True).click()
        expect(page.get_by_role("heading", name="Surveys", exact=True)).to_be_visible()
        page.get_by_role("link", name=re.compile("Coffee habits")).click()
        page.get_by_label("one or two").check()
        shots.take(page, "survey")
        page.get_by_role("button", name="Send answers").click()
        expect(page.get_by_role("status")).to_be_visible()
        shots.take(page, "surveys")

        with app.app_context():  # a month's reward, and a gift card in the inventory
            from panel.db import db
            from panel.models import Panelist
            from panel.services import gift_cards, ledger, personal
            from panel.services.audit import COMMAND_LINE
            panelist = db.session.scalar(db.select(Panelist).where(
                Panelist.email_hash == personal.email_hash(EMAIL)))
            ledger.credit(panelist.id, "period_reward", 1000, "EUR", "journey", "Reward")
            gift_cards.import_csv(COMMAND_LINE, "brand,value,currency,code,pin,expiry\n"
                                  "Bookshop,5.00,EUR,JOURNEY-CODE-5,1234,2030-06-30\n")
        page.get_by_role("link", name="Rewards", exact=True).click()
        expect(page.locator("#balance")).to_contain_text("10.50")
        page.get_by_label(re.compile("Amount in")).fill("5.00")
        page.get_by_label(re.compile("Gift card")).check()
        page.get_by_role("button", name="Pay out").click()
        expect(page.locator("#gift-card-code")).to_have_text("JOURNEY-CODE-5")
        expect(page.locator("#payout-state")).to_contain_text("Delivered")
        shots.take(page, "gift-card")
        page.reload()
        expect(page.locator("#gift-card-code")).to_have_count(0)
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Show the code").click()
        expect(page.locator("#gift-card-code")).to_have_text("JOURNEY-CODE-5")
        page.get_by_role("link", name="Rewards", exact=True).first.click()
        expect(page.locator(".payout-state").first).to_contain_text("Delivered")
        expect(page.locator("#balance")).to_contain_text("5.50")

        page.get_by_role("link", name="Privacy", exact=True).click()
        expect(page.get_by_role("heading", name="Privacy", exact=True)).to_be_visible()
        purpose = page.locator("#purpose-research_partners")
        purpose.get_by_role("button", name="Give consent").click()
        purpose = page.locator("#purpose-research_partners")
        purpose.get_by_role("button", name="Withdraw consent").click()
        expect(page.locator("#purpose-research_partners")
               .get_by_role("button", name="Give consent")).to_be_visible()
        shots.take(page, "privacy")
        with page.expect_download() as download:
            page.get_by_role("link", name="Download my data").click()
        archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert "panelist.json" in archive.namelist()
        assert EMAIL in archive.read("panelist.json").decode()

        page.get_by_role("link", name="Erase my account").click()
        shots.take(page, "erase-confirm")
        expect(page.locator("#money-left")).to_contain_text("5.50")
        page.get_by_label(re.compile("ERASE")).fill("ERASE")
        page.get_by_label(re.compile("I agree to forfeit")).check()
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Yes, erase everything").click()
        expect(page.get_by_role("heading", name="Your account is erased")).to_be_visible()

        page.goto(f"{base}/login")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("alert")).to_contain_text("not right")
        browser.close()


class Shots:
    """Full-page screenshots named by page and stack, kept as test artefacts."""

    def __init__(self, stack: str):
        self.stack = stack
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(self, page, name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"dashboard-{name}-{self.stack}.png", full_page=True)
