"""Payouts: gift cards from the inventory (import, atomic reservation under concurrency,
shown once then behind the password), the rules, staff actions, failures returning the
amount, and erasure with money left. The provider adapter: tests/panel/test_payout_provider.py."""
from __future__ import annotations

import io
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from panel.db import db
from panel.models import GiftCardCode, LedgerEntry, OutboxMessage, Panelist, Payout
from panel.services import gift_cards, ledger, mail, payouts, personal, redemptions
from panel.services.audit import COMMAND_LINE
from panel.services.errors import Conflict, Invalid
from panel.services.passwords import hash_password
from tests.admin.conftest import make_staff, post, sign_in
from tests.support.factories import PASSWORD, bearer, register
from tests.support.parallel import at_once

HEADER = "brand,value,currency,code,pin,expiry\n"


def codes_csv(count: int, value: str = "10.00", brand: str = "Bookshop", start: int = 0,
              expiry: str = "") -> str:
    return HEADER + "".join(f"{brand},{value},EUR,CODE-{brand}-{value}-{n:04d},{n:04d},"
                            f"{expiry}\n" for n in range(start, start + count))


def stock(app, csv_text: str):
    with app.app_context():
        return gift_cards.import_csv(COMMAND_LINE, csv_text)


def credit(app, panelist_id: str, amount: str) -> None:
    with app.app_context():
        ledger.credit(panelist_id, "survey_reward", int(Decimal(amount) * 100), "EUR",
                      f"test:{uuid.uuid4()}", "Test credit")
        db.session.commit()


def balance(app, panelist_id: str) -> int:
    with app.app_context():
        return int(ledger.balance(panelist_id))


def funded(app, client, amount: str = "30.00") -> dict:
    tokens = register(app, client)
    credit(app, tokens["panelist"]["id"], amount)
    return tokens


def redeem(client, tokens, amount="10.00", method="gift_card", **extra):
    return client.post("/api/v1/rewards/redemptions", headers=bearer(tokens),
                       json={"amount": amount, "method": method, **extra})


def test_fifty_concurrent_redemptions_against_ten_codes_deliver_exactly_ten(app):
    """50 panelists redeem 10.00 at once, each on its own thread and app context, against
    10 codes: exactly 10 get a code, all different; 40 are refused with the balance as it
    was. On PostgreSQL the reservation takes rows FOR UPDATE SKIP LOCKED."""
    stock(app, codes_csv(10))
    with app.app_context():
        password_hash = hash_password(PASSWORD)
        ids = []
        for n in range(50):
            panelist = personal.new_panelist(f"racer{n}@example.org", password_hash, None)
            db.session.add(panelist)
            ids.append(panelist.id)
        db.session.commit()
    for panelist_id in ids:
        credit(app, panelist_id, "10.00")

    def one(n: int):
        with app.app_context():
            try:
                panelist = db.session.get(Panelist, ids[n])
                entry = redemptions.redeem(panelist, Decimal("10.00"), "gift_card", None)
                return "paid", payouts.show(panelist, entry.id)["code"]["code"]
            except Conflict as refusal:
                return "refused", refusal.message
            finally:
                db.session.remove()

    results = at_once(50, one)
    paid = [code for outcome, code in results if outcome == "paid"]
    refused = [n for n, (outcome, _) in enumerate(results) if outcome == "refused"]
    assert len(paid) == 10 and len(set(paid)) == 10
    assert set(paid) == {f"CODE-Bookshop-10.00-{n:04d}" for n in range(10)}
    assert len(refused) == 40
    assert all("No gift card" in results[n][1] for n in refused)
    assert all(balance(app, ids[n]) == 1000 for n in refused)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Payout)) == 10
        assert db.session.scalar(select(func.count(func.distinct(GiftCardCode.payout_id)))) == 10
        assert db.session.scalar(select(func.sum(LedgerEntry.amount_minor))) == 40 * 1000


def test_a_code_is_shown_once_then_behind_the_password(app, client):
    stock(app, codes_csv(2))
    tokens = funded(app, client)
    made = redeem(client, tokens)
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["kind"] == "redemption" and body["amount"] == "-10.00"
    assert body["payout"]["state"] == "reserved" and body["payout"]["code"] is None
    path = f"/api/v1/rewards/payouts/{body['id']}"
    first = client.get(path, headers=bearer(tokens)).get_json()
    assert first["state"] == "delivered" and first["code"]["brand"] == "Bookshop"
    assert first["code"]["code"].startswith("CODE-Bookshop-10.00-")
    assert [e["state"] for e in first["history"]] == ["requested", "reserved", "delivered"]
    second = client.get(path, headers=bearer(tokens)).get_json()
    assert second["code"] is None and second["code_available"] and second["code_shown"]
    wrong = client.post(f"{path}/code", headers=bearer(tokens), json={"password": "nope nope"})
    assert wrong.status_code == 403
    again = client.post(f"{path}/code", headers=bearer(tokens), json={"password": PASSWORD})
    assert again.status_code == 200 and again.get_json()["code"] == first["code"]
    listed = client.get("/api/v1/rewards/payouts", headers=bearer(tokens)).get_json()
    assert [(p["id"], p["state"], p["code"]) for p in listed] == [(body["id"], "delivered", None)]
    other = register(app, client)
    assert client.get(path, headers=bearer(other)).status_code == 404
    assert client.post(f"{path}/code", headers=bearer(other),
                       json={"password": PASSWORD}).status_code == 404
    with app.app_context():  # sealed at rest: the code is nowhere in the row
        row = db.session.scalar(select(GiftCardCode).where(GiftCardCode.payout_id == body["id"]))
        assert first["code"]["code"].encode() not in row.code_sealed


def test_import_refuses_bad_files_whole_and_skips_known_codes(app):
    assert stock(app, codes_csv(3)).imported == 3
    again = stock(app, codes_csv(4))  # three known, one new
    assert (again.imported, again.duplicates) == (1, 3)
    for bad, words in [("code,value\nX,1.00\n", "header"),
                       (HEADER + "Shop,ten,EUR,X1,,\n", "line 2"),
                       (HEADER + "Shop,5.00,EUR,X2,,\nShop,5.00,EURO,X3,,\n", "line 3"),
                       (HEADER + "Shop,5.00,EUR,X4,,31.12.2027\n", "expiry"),
                       (HEADER, "no codes")]:
        with app.app_context(), pytest.raises(Invalid) as refused:
            gift_cards.import_csv(COMMAND_LINE, bad)
        assert words in refused.value.message and "X" not in refused.value.message.split(
            "Nothing was imported.")[-1].replace("EXPIRY", "")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(GiftCardCode)) == 4


def test_expired_codes_are_never_handed_out(app, client):
    stock(app, codes_csv(1, expiry="2020-01-01"))
    tokens = funded(app, client)
    refused = redeem(client, tokens)
    assert refused.status_code == 409 and "No gift card" in refused.get_json()["message"]
    assert balance(app, tokens["panelist"]["id"]) == 3000


def test_the_command_line_imports_codes(app, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text(codes_csv(5))
    result = app.test_cli_runner().invoke(args=["payouts", "import-codes", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 5 codes; 0 were already known." in result.output
    assert "CODE-" not in result.output
    path.write_text("nonsense")
    failed = app.test_cli_runner().invoke(args=["payouts", "import-codes", str(path)])
    assert failed.exit_code == 1 and "header" in failed.output


def test_rules_minimum_amounts_hold_and_daily_limits(app, client):
    stock(app, codes_csv(5) + codes_csv(5, value="5.00")[len(HEADER):])
    tokens = funded(app, client, "60.00")
    app.config.update(PAYOUT_MINIMUM="6.00")
    assert redeem(client, tokens, "5.00").status_code == 422
    app.config.update(PAYOUT_MINIMUM="0.00")
    odd = redeem(client, tokens, "7.00")
    assert odd.status_code == 422 and "5.00, 10.00" in odd.get_json()["message"]
    app.config.update(PAYOUT_HOLD_DAYS=14)
    held = redeem(client, tokens)
    assert held.status_code == 409 and "14 days after joining" in held.get_json()["message"]
    app.config.update(PAYOUT_HOLD_DAYS=0, PAYOUT_DAILY_LIMIT_PER_PANELIST="15.00")
    assert redeem(client, tokens).status_code == 201
    over = redeem(client, tokens)
    assert over.status_code == 409 and "5.00 is left for today" in over.get_json()["message"]
    assert redeem(client, tokens, "5.00").status_code == 201
    app.config.update(PAYOUT_DAILY_LIMIT_PER_PANELIST="0.00", PAYOUT_DAILY_LIMIT_TOTAL="25.00")
    other = funded(app, client)
    assert redeem(client, other).status_code == 201  # 25.00 paid today in all
    total = redeem(client, other, "5.00")
    assert total.status_code == 409 and "whole panel" in total.get_json()["message"]
    assert balance(app, tokens["panelist"]["id"]) == 6000 - 1500
    assert balance(app, other["panelist"]["id"]) == 3000 - 1000


def test_staff_with_the_payouts_role_run_payouts_and_every_action_is_audited(app, client):
    tokens = funded(app, client)
    manual = client.post("/api/v1/rewards/redemptions", headers=bearer(tokens),
                         json={"amount": "4.00", "method": "charity"}).get_json()
    assert manual["payout"]["state"] == "requested"
    staff_client = app.test_client()
    sign_in(app, staff_client, "payouts")
    assert staff_client.get("/admin/").headers["Location"].endswith("/admin/payouts")
    upload = post(app, staff_client, "/admin/payouts/codes", {
        "file": (io.BytesIO(codes_csv(3).encode()), "codes.csv")},
        content_type="multipart/form-data")
    assert upload.status_code == 303 and "3+codes+imported" in upload.headers["Location"]
    page = staff_client.get("/admin/payouts").get_data(as_text=True)
    with app.app_context():
        reference = payouts.panelist_ref(tokens["panelist"]["id"])
    assert "4.00 EUR" in page and "charity" in page and "requested" in page
    assert reference in page and tokens["panelist"]["email"] not in page
    assert "Bookshop" in page and "CODE-" not in page
    refused = post(app, staff_client, f"/admin/payouts/{manual['id']}/failed", {"reason": ""})
    assert refused.status_code == 422
    failed = post(app, staff_client, f"/admin/payouts/{manual['id']}/failed",
                  {"reason": "charity_closed"})
    assert failed.status_code == 303
    assert post(app, staff_client, f"/admin/payouts/{manual['id']}/failed",
                {"reason": "again"}).status_code == 409
    assert balance(app, tokens["panelist"]["id"]) == 3000  # returned, once
    mine = client.get(f"/api/v1/rewards/payouts/{manual['id']}", headers=bearer(tokens))
    assert mine.get_json()["state"] == "failed" and mine.get_json()["reason"] == "charity_closed"
    assert staff_client.get("/admin/overview").status_code == 403
    with app.app_context():
        from panel.models import AuditEntry
        actions = list(db.session.scalars(select(AuditEntry.action).order_by(
            AuditEntry.sequence)))
    assert {"gift_cards.imported", "payouts.viewed", "payout.failed"} <= set(actions)
    kinds = [e["kind"] for e in client.get("/api/v1/rewards/ledger",
                                           headers=bearer(tokens)).get_json()]
    assert kinds[:2] == ["payout_returned", "redemption"]


def test_a_reversed_gift_card_returns_the_amount_once(app, client):
    stock(app, codes_csv(1))
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    with app.app_context():
        payouts.reverse(COMMAND_LINE, payout_id, "brand_refused_code")
        with pytest.raises(Conflict):
            payouts.reverse(COMMAND_LINE, payout_id, "again")
        code = db.session.scalar(select(GiftCardCode))
        assert code.payout_id is None  # never shown: back in the inventory
    assert balance(app, tokens["panelist"]["id"]) == 3000


def test_low_inventory_warns_on_the_overview_and_by_mail_once_a_day(app, client):
    app.config.update(PAYOUT_LOW_INVENTORY=2, PAYOUT_AMOUNTS="gift_card=10.00")
    stock(app, codes_csv(3))
    make_staff(app, "payouts")
    admin = app.test_client()
    sign_in(app, admin, "admin")
    assert "running low" not in admin.get("/admin/overview").get_data(as_text=True)
    tokens = funded(app, client)
    redeem(client, tokens)
    assert "10.00 EUR: 2 left" in admin.get("/admin/overview").get_data(as_text=True)
    with app.app_context():
        assert gift_cards.warn_low_inventory() == 1
        assert gift_cards.warn_low_inventory() == 0  # not again the same day
        messages, total = mail.outbox()
        assert total == 2 and {m.recipient.split("-")[0] for m in messages} == {
            "admin", "payouts"}
        assert "10.00 EUR: 2 left" in messages[0].body and "CODE-" not in messages[0].body
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 2


def test_erasing_with_money_left_asks_first_and_keeps_anonymous_entries(app, client):
    stock(app, codes_csv(1))
    tokens = funded(app, client, "25.00")
    reserved = redeem(client, tokens).get_json()["id"]  # a code not yet shown
    refused = client.delete("/api/v1/me", headers=bearer(tokens), json={"password": PASSWORD})
    assert refused.status_code == 409
    assert "15.00 EUR" in refused.get_json()["message"] and "1 payout" in \
        refused.get_json()["message"]
    assert client.get("/api/v1/me", headers=bearer(tokens)).status_code == 200
    erased = client.delete("/api/v1/me", headers=bearer(tokens),
                           json={"password": PASSWORD, "forfeit_balance": True})
    assert erased.status_code == 202
    with app.app_context():
        entries = db.session.execute(select(LedgerEntry.panelist_id, LedgerEntry.kind,
                                            LedgerEntry.amount_minor)).all()
        assert sorted((k, a) for _, k, a in entries) == [
            ("forfeited", -2500), ("payout_returned", 1000), ("redemption", -1000),
            ("survey_reward", 2500)]
        assert {p for p, _, _ in entries} == {None}
        assert db.session.get(Payout, reserved).status == "reversed"
        assert db.session.scalar(select(GiftCardCode.payout_id)) is None  # back in stock
        assert payouts.totals() == {"owed": "0.00", "paid": "0.00"}


def test_the_export_lists_payouts_without_codes(app, client):
    import json
    import zipfile
    stock(app, codes_csv(1))
    tokens = funded(app, client)
    payout_id = redeem(client, tokens).get_json()["id"]
    code = client.get(f"/api/v1/rewards/payouts/{payout_id}",
                      headers=bearer(tokens)).get_json()["code"]["code"]
    data = client.get("/api/v1/me/export", headers=bearer(tokens)).data
    document = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("panelist.json"))
    assert [(p["id"], p["state"], p["amount"]) for p in document["payouts"]] == [
        (payout_id, "delivered", "10.00")]
    assert [e["state"] for e in document["payouts"][0]["history"]] == [
        "requested", "reserved", "delivered"]
    assert code.encode() not in data
