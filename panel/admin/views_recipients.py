"""The register of recipients (admins change it; analysts read it), their API keys, and
the records of processing (Art. 30) as CSV and JSON."""
import json

from flask import Response, redirect, render_template, request, url_for

from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.services import processing_records, recipients


def _values(form) -> dict:
    return {name: form.get(name, "") for name in recipients.FIELDS if name in form}


@blp.get("/recipients")
@roles("analyst")
def recipients_page():
    listed = recipients.listing()
    return render_template("admin/recipients.html", recipients=listed,
                           keys={r.id: recipients.key_count(r) for r in listed},
                           abroad={r.id: recipients.abroad(r) for r in listed},
                           fields=recipients.FIELDS, roles=recipients.ROLES,
                           transfers=processing_records.transfers(),
                           notice=request.args.get("notice"))


@blp.post("/recipients")
@roles()
def recipient_create():
    created = recipients.create(actor(), request.form.get("code", ""), _values(request.form))
    return redirect(url_for("admin.recipients_page", notice=f"{created.code} added"), 303)


@blp.post("/recipients/<recipient_id>")
@roles()
def recipient_change(recipient_id):
    changed = recipients.change(actor(), recipients.find(recipient_id), _values(request.form))
    return redirect(url_for("admin.recipients_page", notice=f"{changed.code} saved"), 303)


@blp.post("/recipients/<recipient_id>/retire")
@roles()
def recipient_retire(recipient_id):
    retired = recipients.retire(actor(), recipients.find(recipient_id))
    return redirect(url_for("admin.recipients_page", notice=f"{retired.code} retired"), 303)


@blp.post("/recipients/<recipient_id>/keys")
@roles()
def recipient_key(recipient_id):
    recipient = recipients.find(recipient_id)
    key = recipients.issue_key(actor(), recipient)
    return render_template("admin/recipient_key.html", recipient=recipient, key=key)


@blp.post("/recipients/<recipient_id>/keys/revoke")
@roles()
def recipient_keys_revoke(recipient_id):
    count = recipients.revoke_keys(actor(), recipients.find(recipient_id))
    return redirect(url_for("admin.recipients_page", notice=f"{count} key(s) revoked"), 303)


@blp.get("/records-of-processing.csv")
@roles()
def processing_records_csv():
    document = processing_records.records(actor())
    return Response(processing_records.as_csv(document), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="records-of-processing.csv"'})


@blp.get("/records-of-processing.json")
@roles()
def processing_records_json():
    document = processing_records.records(actor())
    return Response(json.dumps(document, indent=2, ensure_ascii=False),
                    mimetype="application/json", headers={
                        "Content-Disposition": 'attachment; filename="records-of-processing.json"'})
