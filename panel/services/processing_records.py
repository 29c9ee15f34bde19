"""The records of processing activities (GDPR Art. 30) as a privacy office reads them: the
panel's own processing, every recipient on the register with its purposes, categories of
data and of people, legal basis, transfer and safeguards, retention and security measures,
and every transfer made (each delivered release)."""
from __future__ import annotations

import csv
import io

from flask import current_app
from sqlalchemy import func, select

from panel.db import db, utcnow
from panel.models import Recipient, Release, ReleaseDelivery
from panel.services import audit, recipients

FORMAT = "receipt-panel-art30/1"
DATA_SUBJECTS = "Panelists: adults who joined the receipt panel by invitation"
PANEL_SECURITY = ("Receipts redacted before storage and originals deleted; personal fields "
                  "sealed under per-panelist keys; staff access by role with two factors, "
                  "every look in a hash-chained audit log; recipients receive only "
                  "releases: groups of at least INSIGHTS_MIN_PANELISTS panelists, each "
                  "panelist's contribution bounded, differential-privacy noise (OpenDP)")
COLUMNS = ("record", "recipient_code", "recipient", "role", "contact", "country",
           "country_name", "abroad", "purposes", "data_categories", "data_subjects",
           "legal_basis", "transfer_mechanism", "retention", "security_measures",
           "release_id", "period", "released_at", "delivered_at", "epsilon", "retired_at")


def records(actor: audit.Actor) -> dict:
    """The whole record, as one document (the JSON export); the look is audited."""
    config = current_app.config
    document = {
        "format": FORMAT, "generated_at": utcnow().isoformat(),
        "controller": {"country": config.get("PANEL_COUNTRY"),
                       "contact": config.get("PUBLIC_URL")},
        "activities": [{
            "name": "Receipt panel: what people buy",
            "purposes": "Reporting aggregated purchases to the panel's clients; paying "
                        "panelists their rewards",
            "data_categories": "Redacted receipts (shop, date, items, totals), rewards, "
                               "survey answers, account and consent records",
            "data_subjects": DATA_SUBJECTS, "legal_basis": "Consent (GDPR Art. 6(1)(a))",
            "retention": f"Receipts {config['RETENTION_DAYS']} days; the account until "
                         "the panelist erases it",
            "security_measures": PANEL_SECURITY}],
        "recipients": [_recipient(r) for r in recipients.listing()],
        "transfers": transfers(),
    }
    audit.note(actor, "records.exported")
    return document


def _recipient(r: Recipient) -> dict:
    return {"code": r.code, "name": r.name, "role": r.role, "contact": r.contact,
            "country": r.country, "country_name": recipients.country_name(r.country),
            "abroad": recipients.abroad(r), "purposes": r.purposes,
            "data_categories": r.data_categories, "data_subjects": DATA_SUBJECTS,
            "legal_basis": r.legal_basis, "transfer_mechanism": r.transfer_mechanism,
            "retention": r.retention,
            "security_measures": "; ".join(x for x in (r.security_measures, PANEL_SECURITY) if x),
            "consent_version": r.version,
            "retired_at": r.retired_at.isoformat() if r.retired_at else None}


def transfers() -> list[dict]:
    """Every approved release with its first delivery: what left, when, to whom, where."""
    first = (select(ReleaseDelivery.release_id, func.min(ReleaseDelivery.at).label("at"))
             .group_by(ReleaseDelivery.release_id).subquery())
    rows = db.session.execute(
        select(Release, Recipient, first.c.at).join(Recipient, Recipient.id == Release.recipient_id)
        .outerjoin(first, first.c.release_id == Release.id)
        .where(Release.status == "released").order_by(Release.decided_at))
    return [{"release_id": release.id, "recipient_code": recipient.code,
             "recipient": recipient.name, "country": recipient.country,
             "abroad": recipients.abroad(recipient),
             "transfer_mechanism": recipient.transfer_mechanism, "period": release.period,
             "group_by": release.group_by, "measures": release.measures,
             "released_at": release.decided_at.isoformat(),
             "delivered_at": delivered.isoformat() if delivered else None,
             "epsilon": release.parameters["epsilon"]}
            for release, recipient, delivered in rows]


def as_csv(document: dict) -> str:
    """One row per recipient, then one per transfer (``record`` says which)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for r in document["recipients"]:
        writer.writerow({"record": "recipient", "recipient_code": r["code"],
                         "recipient": r["name"], **r})
    for t in document["transfers"]:
        writer.writerow({"record": "transfer", **t, "role": "", "country_name":
                         recipients.country_name(t["country"])})
    return out.getvalue()
