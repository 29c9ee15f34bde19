"""The recipients' API sees only the key holder's own releases; panelists see every
recipient in plain words, consent to one abroad on its own, and where their data went."""
from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from panel.db import db
from panel.models import Panelist, ReleaseDelivery
from panel.services import recipients, releases
from panel.services.audit import COMMAND_LINE
from tests.support.factories import PASSWORD, bearer, register
from tests.support.releases import panelist, receipt, recipient


def _key(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def _approved(acme, period="2026-10"):
    return releases.approve(COMMAND_LINE, releases.define(
        COMMAND_LINE, period, "merchant", ["receipts", "spend"], 0.5), acme).id


def test_a_recipient_key_sees_only_its_own_releases(app, client):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    with app.app_context():
        acme, other = recipient("acme-cn", "CN"), recipient("marktblick", "DE")
        for _ in range(2):
            receipt(panelist(True, acme), "Rewe", "7.00")
        own = [_approved(acme), _approved(acme, "2026-11")]
        theirs = _approved(other)
        key, other_key = (recipients.issue_key(COMMAND_LINE, r) for r in (acme, other))
        proposed = releases.define(COMMAND_LINE, "2026-10", "merchant", ["receipts"], 0.1).id

    listed = client.get("/api/v1/releases", headers=_key(key))
    assert listed.status_code == 200
    assert sorted(r["id"] for r in listed.get_json()) == sorted(own)
    fetched = client.get(f"/api/v1/releases/{own[0]}", headers=_key(key)).get_json()
    assert fetched["recipient"]["code"] == "acme-cn"
    assert [f["group"] for f in fetched["figures"]] == ["Rewe"]
    assert fetched["privacy"]["min_panelists"] == 2 and fetched["privacy"]["epsilon"] > 0
    for hidden in (theirs, proposed, "no-such-release"):
        answer = client.get(f"/api/v1/releases/{hidden}", headers=_key(key))
        assert answer.status_code == 404 and answer.get_json()["message"]
    assert [r["id"] for r in client.get("/api/v1/releases", headers=_key(other_key))
            .get_json()] == [theirs]

    tokens = register(app, client)
    for headers in ({}, bearer(tokens), _key("rk_wrong"), _key(key[3:])):
        assert client.get("/api/v1/releases", headers=headers).status_code == 401
    with app.app_context():
        delivered = db.session.scalars(select(ReleaseDelivery)).all()
        assert [(d.release_id, d.channel) for d in delivered] == [(own[0], "api")]
        recipients.revoke_keys(COMMAND_LINE, recipients.find_code("acme-cn"))
    assert client.get("/api/v1/releases", headers=_key(key)).status_code == 401
    assert client.get("/api/v1/releases", headers=_key(other_key)).status_code == 200


def test_a_panelist_consents_to_a_recipient_abroad_and_sees_where_data_went(app, client):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    tokens = register(app, client, research_partners=True)
    me = tokens["panelist"]["id"]
    with app.app_context():
        acme = recipient("acme-cn", "CN")
        recipient("marktblick", "DE")
        other = panelist(True, acme)
        for person in (me, other):
            receipt(person, "Rewe", "7.00")

    shown = {r["code"]: r for r in client.get("/api/v1/me/recipients",
                                               headers=bearer(tokens)).get_json()}
    assert shown["acme-cn"]["country_name"] == "China"
    assert shown["acme-cn"]["needs_consent"] is True and shown["acme-cn"]["granted"] is False
    assert shown["marktblick"]["needs_consent"] is False
    refused = client.put("/api/v1/me/recipients/marktblick/consent", json={"granted": True},
                         headers=bearer(tokens))
    assert refused.status_code == 422 and refused.get_json()["message"]
    assert client.put("/api/v1/me/recipients/nobody/consent", json={"granted": True},
                      headers=bearer(tokens)).status_code == 404

    with app.app_context():
        without_me = _approved(recipients.find_code("acme-cn"))
    given = client.put("/api/v1/me/recipients/acme-cn/consent", json={"granted": True},
                       headers=bearer(tokens))
    assert given.status_code == 200 and given.get_json()["granted"] is True
    with app.app_context():
        with_me = _approved(recipients.find_code("acme-cn"), "2026-10")
        _approved(recipients.find_code("marktblick"))

    went = client.get("/api/v1/me/releases", headers=bearer(tokens)).get_json()
    assert without_me not in [w["release_id"] for w in went]
    assert {(w["recipient_code"], w["country_name"]) for w in went} == {
        ("acme-cn", "China"), ("marktblick", "Germany")}
    assert next(w for w in went if w["release_id"] == with_me)["your_receipts"] == 1
    history = client.get("/api/v1/me/consents/history", headers=bearer(tokens)).get_json()
    assert [(c["purpose"], c["granted"]) for c in history][-1] == ("recipient:acme-cn", True)

    export = client.get("/api/v1/me/export", headers=bearer(tokens))
    document = json.loads(zipfile.ZipFile(io.BytesIO(export.data)).read("panelist.json"))
    assert {r["release_id"] for r in document["releases"]} == {w["release_id"] for w in went}
    assert {r["code"]: r["granted"] for r in document["recipients"]} == {
        "acme-cn": True, "marktblick": None}

    client.put("/api/v1/me/recipients/acme-cn/consent", json={"granted": False},
               headers=bearer(tokens))
    with app.app_context():
        later = _approved(recipients.find_code("acme-cn"), "2026-10")
        assert not recipients.consented(db.session.get(Panelist, me),
                                        recipients.find_code("acme-cn"))
    assert later not in [w["release_id"] for w in client.get(
        "/api/v1/me/releases", headers=bearer(tokens)).get_json()]


def test_an_erased_panelist_leaves_no_contribution_behind(app, client):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    tokens = register(app, client, research_partners=True)
    me = tokens["panelist"]["id"]
    with app.app_context():
        local = recipient("marktblick", "DE")
        for person in (me, panelist(True)):
            receipt(person, "Rewe", "7.00")
        release_id = _approved(local)
        assert [c["release_id"] for c in releases.contributed_by(me)] == [release_id]
    erased = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=bearer(tokens))
    assert erased.status_code == 202
    with app.app_context():
        assert releases.contributed_by(me) == []
        assert releases.find(release_id).figures  # the release itself stays on record
