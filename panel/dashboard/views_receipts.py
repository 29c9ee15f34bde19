"""Receipts: share (upload), list with filters, detail, the redacted image, and withdrawing
or deleting one after a confirmation page. The services decide; these pages only show."""
from __future__ import annotations

import math
import uuid

from flask import Response, current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext

from panel import i18n, ratelimit, web
from panel.dashboard.blueprint import blp
from panel.models import UNFINISHED_STATUSES
from panel.schemas import RECEIPT_STATUSES, ReceiptSchema
from panel.services import changes, forwarding
from panel.services import receipts as service
from panel.services.errors import N_, Invalid, PanelError

PAGE_SIZE = 24
LIST_NOTICES = {
    "welcome": N_("Welcome to the panel! Share your first receipt below: take a photo of it "
               "after you shop."),
    "shared": N_("Thank you. Your receipt is being read; this page updates itself until it is "
              "done."),
    "deleted": N_("The receipt is deleted: its images and everything read from it are "
                  "gone."),
    "renewed": N_("Your forwarding address is new; mail to the old one is no longer "
                  "accepted."),
}
DETAIL_NOTICES = {
    "withdrawn": N_("You withdrew this receipt. It is no longer used or counted anywhere."),
}
@blp.get("/receipts")
def receipts():
    return _list_page()


@blp.post("/receipts")
def share_receipt():
    try:
        ratelimit.check("upload")
        pages = [upload.read() for upload in request.files.getlist("image") if upload.filename]
        if not pages:
            raise Invalid(N_("Choose at least one photo of your receipt, then share it."))
        service.submit(g.panelist, pages, request.form.get("idempotency_key") or None)
    except PanelError as refusal:
        return _list_page(error=i18n.refusal_text(refusal)), refusal.status
    return redirect(url_for("dashboard.receipts", shared=1), 303)


@blp.post("/receipts/forwarding-address")
def renew_forwarding_address():
    try:
        forwarding.renew(g.panelist)
    except PanelError as refusal:
        return _list_page(error=i18n.refusal_text(refusal)), refusal.status
    return redirect(url_for("dashboard.receipts", renewed=1), 303)


def _list_page(error: str | None = None):
    status = request.args.get("status") or None
    period = request.args.get("month") or None
    page = web.page_number(request.args)
    drawn_at = changes.cursor_now(g.panelist.id)  # first: the rows are at least as new
    rows, total = service.page_for(g.panelist, status, page, PAGE_SIZE, period)
    shown = ReceiptSchema(many=True).dump(rows)
    notice = next((gettext(text) for key, text in LIST_NOTICES.items()
                   if request.args.get(key)), None)
    return render_template(
        "dashboard/receipts.html", receipts=shown, total=total, page=page,
        pages=max(math.ceil(total / PAGE_SIZE), 1), status=status, month=period,
        statuses=RECEIPT_STATUSES, months=service.periods_for(g.panelist),
        max_pages=current_app.config["UPLOAD_MAX_PAGES"], idempotency_key=uuid.uuid4().hex, notice=notice,
        error=error, refresh=any(r["status"] in UNFINISHED_STATUSES for r in shown),
        drawn_at=drawn_at,
        forwarding=forwarding.address_of(g.panelist) if forwarding.enabled() else None)


@blp.get("/receipts/<receipt_id>")
def receipt(receipt_id):
    drawn_at = changes.cursor_now(g.panelist.id)  # first: the receipt is at least as new
    shown = ReceiptSchema().dump(service.get_for(g.panelist, receipt_id))
    notice = next((gettext(text) for key, text in DETAIL_NOTICES.items()
                   if request.args.get(key)), None)
    return render_template("dashboard/receipt.html", receipt=shown, notice=notice,
                           refresh=shown["status"] in UNFINISHED_STATUSES, drawn_at=drawn_at)


@blp.get("/receipts/<receipt_id>/image")
def receipt_image(receipt_id):
    data = service.redacted_image(g.panelist, receipt_id)
    return Response(data, mimetype="image/jpeg", headers={"Cache-Control": "private"})


@blp.get("/receipts/<receipt_id>/withdraw")
def confirm_withdraw_receipt(receipt_id):
    return _confirmation(receipt_id, "withdraw")


@blp.post("/receipts/<receipt_id>/withdraw")
def withdraw_receipt(receipt_id):
    service.withdraw(g.panelist, receipt_id)
    return redirect(url_for("dashboard.receipt", receipt_id=receipt_id, withdrawn=1), 303)


@blp.get("/receipts/<receipt_id>/delete")
def confirm_delete_receipt(receipt_id):
    return _confirmation(receipt_id, "delete")


def _confirmation(receipt_id: str, action: str):
    """The page that says exactly what withdrawing or deleting will do, before it is done."""
    shown = ReceiptSchema().dump(service.get_for(g.panelist, receipt_id))
    return render_template("dashboard/confirm_receipt.html", receipt=shown, action=action,
                           waiting=shown["status"] in UNFINISHED_STATUSES)


@blp.post("/receipts/<receipt_id>/delete")
def delete_receipt(receipt_id):
    service.delete(g.panelist, receipt_id)
    return redirect(url_for("dashboard.receipts", deleted=1), 303)
