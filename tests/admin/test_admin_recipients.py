"""The register of recipients and releases in the admin tool and on the command line:
admins keep the register and approve, analysts propose, every step audited; the records
of processing (Art. 30) list every recipient and every transfer."""
from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from panel.db import db
from panel.models import AuditEntry, Recipient, Release
from tests.admin.conftest import post, sign_in
from tests.support.releases import panelist, receipt

ACME = {"code": "acme-cn", "name": "Acme Research (Shanghai)", "contact": "dpo@acme.example",
        "country": "cn", "role": "client", "purposes": "Reports on what households buy",
        "data_categories": "Noisy counts and spending per shop", "legal_basis": "Consent",
        "transfer_mechanism": "PIPL standard contract; EU SCCs", "retention": "2 years",
        "security_measures": "Keys per organisation"}


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.sequence)))


def test_admins_keep_the_register_and_analysts_propose(app, admin_client):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    admin = admin_client
    missing = post(app, admin, "/admin/recipients", {**ACME, "transfer_mechanism": ""})
    assert missing.status_code == 422 and b"transfer mechanism" in missing.data
    assert post(app, admin, "/admin/recipients", {**ACME, "country": "XX"}).status_code == 422
    assert post(app, admin, "/admin/recipients", ACME).status_code == 303
    assert post(app, admin, "/admin/recipients", ACME).status_code == 409
    with app.app_context():
        acme = db.session.scalar(select(Recipient))
        assert (acme.country, acme.version) == ("CN", 1)
        for _ in range(2):
            receipt(panelist(True, acme), "Rewe", "8.00")
        acme_id = acme.id

    analyst = app.test_client()
    sign_in(app, analyst, "analyst")
    assert b"Acme Research" in analyst.get("/admin/recipients").data
    assert post(app, analyst, "/admin/recipients", ACME).status_code == 403
    bad = post(app, analyst, "/admin/releases", {"period": "2026-13", "group_by": "merchant",
                                                  "measures": ["receipts"], "epsilon": "0.5"})
    assert bad.status_code == 422
    assert post(app, analyst, "/admin/releases", {
        "period": "2026-10", "group_by": "merchant", "measures": ["receipts", "spend"],
        "epsilon": "0.5", "note": "October shops"}).status_code == 303
    with app.app_context():
        release_id = db.session.scalar(select(Release.id))
    assert post(app, analyst, f"/admin/releases/{release_id}/approve",
                {"recipient_id": acme_id}).status_code == 403
    assert post(app, admin, f"/admin/releases/{release_id}/approve",
                {"recipient_id": acme_id}).status_code == 303
    page = admin.get("/admin/releases").get_data(as_text=True)
    assert "released" in page and "October shops" in page

    download = admin.get(f"/admin/releases/{release_id}/download")
    document = json.loads(download.data)
    assert document["recipient"]["code"] == "acme-cn" and document["period"] == "2026-10"
    assert [f["group"] for f in document["figures"]] == ["Rewe"]
    assert document["privacy"]["library"].startswith("opendp ")
    key_page = post(app, admin, f"/admin/recipients/{acme_id}/keys")
    assert key_page.status_code == 200 and b"rk_" in key_page.data
    changed = post(app, admin, f"/admin/recipients/{acme_id}", {"purposes": "Reports, ads"})
    assert changed.status_code == 303
    assert [a for a in actions(app) if a.startswith(("recipient.", "release."))] == [
        "recipient.created", "release.defined", "release.approved", "release.downloaded",
        "recipient.key_issued", "recipient.changed"]


def test_records_of_processing_list_every_recipient_and_transfer(app, admin_client):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    runner = app.test_cli_runner()
    base = ["recipients", "add", "--name", "N", "--contact", "c@example.org", "--role",
            "client", "--purposes", "Reports", "--data-categories", "Noisy counts",
            "--legal-basis", "Consent", "--retention", "1 year"]
    for code, country, extra in (("acme-cn", "CN", ["--transfer-mechanism", "SCCs"]),
                                 ("marktblick", "DE", []), ("proc-us", "US", [])):
        result = runner.invoke(args=[*base, "--code", code, "--country", country, *extra])
        assert (result.exit_code == 0) == (code != "proc-us"), result.output
    runner.invoke(args=[*base, "--code", "proc-us", "--country", "US", "--role", "processor",
                        "--transfer-mechanism", "EU-US Data Privacy Framework"])
    assert runner.invoke(args=["recipients", "retire", "proc-us"]).exit_code == 0
    with app.app_context():
        people = [panelist(True, *db.session.scalars(select(Recipient))) for _ in range(2)]
        for person in people:
            receipt(person, "Rewe", "8.00")
    released = []
    for code in ("acme-cn", "marktblick", "acme-cn"):
        defined = runner.invoke(args=["releases", "define", "2026-10", "--per", "merchant",
                                      "--measure", "panelists", "--epsilon", "0.5"])
        release_id = defined.output.strip()
        approved = runner.invoke(args=["releases", "approve", release_id, "--recipient", code])
        assert approved.exit_code == 0 and "1 group(s)" in approved.output, approved.output
        released.append((release_id, code))
    refused = runner.invoke(args=["releases", "define", "2026-10", "--per", "merchant",
                                  "--measure", "panelists", "--epsilon", "0.5"]).output.strip()
    runner.invoke(args=["releases", "refuse", refused])
    runner.invoke(args=["releases", "export", released[0][0]])

    document = json.loads(runner.invoke(args=["recipients", "records", "--format", "json"])
                          .output)
    assert {r["code"] for r in document["recipients"]} == {"acme-cn", "marktblick", "proc-us"}
    by_code = {r["code"]: r for r in document["recipients"]}
    assert by_code["acme-cn"]["abroad"] and not by_code["marktblick"]["abroad"]
    assert by_code["proc-us"]["retired_at"] and by_code["proc-us"]["role"] == "processor"
    assert [(t["release_id"], t["recipient_code"]) for t in document["transfers"]] == released
    assert document["transfers"][0]["transfer_mechanism"] == "SCCs"
    assert document["transfers"][0]["delivered_at"] and not document["transfers"][1][
        "delivered_at"]

    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        args=["recipients", "records"]).output)))
    assert sorted(r["recipient_code"] for r in rows if r["record"] == "recipient") == [
        "acme-cn", "marktblick", "proc-us"]
    assert [(r["release_id"], r["recipient_code"]) for r in rows
            if r["record"] == "transfer"] == released
    assert all(r["purposes"] and r["retention"] and r["data_subjects"] for r in rows
               if r["record"] == "recipient")

    admin = admin_client
    assert json.loads(admin.get("/admin/records-of-processing.json").data)["transfers"] == \
        document["transfers"]
    assert admin.get("/admin/records-of-processing.csv").mimetype == "text/csv"
    assert actions(app).count("records.exported") == 4
