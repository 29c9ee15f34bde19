"""Receipts: share (upload), list with filters, detail, the redacted image, and withdrawing
or deleting one after a confirmation page. The services decide; these pages only show."""
from __future__ import annotations

import math
import uuid
from datetime import date
from decimal import Decimal

from flask import Response, current_app, g, redirect, render_template, request, url_for

from panel.dashboard.blueprint import blp
from panel.schemas import RECEIPT_STATUSES, ReceiptSchema
from panel.services import receipts as service
from panel.services.errors import Invalid, PanelError

PAGE_SIZE = 24
UNFINISHED = ("queued", "processing")
LIST_NOTICES = {
    "welcome": "Welcome to the panel! Share your first receipt below: take a photo of it "
               "after you shop.",
    "shared": "Thank you. Your receipt is being read; this page updates itself until it is "
              "done.",
    "deleted": "The receipt is deleted: its images and everything read from it are gone.",
}
DETAIL_NOTICES = {
    "withdrawn": "You withdrew this receipt. It is no longer used or counted anywhere.",
}
CATEGORY_WORDS = {
    "card_number": "Card number", "card_expiry": "Card expiry date",
    "auth_code": "Card payment code", "iban": "Bank account (IBAN)",
    "bank_account": "Bank account number", "person_name": "Name", "email": "Email address",
    "phone": "Phone number", "loyalty_id": "Loyalty or customer number",
    "address": "Address", "licence_plate": "Number plate", "prescription": "Prescription",
    "health": "Health purchase", "religion": "Religious purchase",
    "political": "Political purchase", "trade_union": "Trade union payment",
    "sex_life": "Intimate purchase",
}
STEP_WORDS = {
    "load": "opening the photo", "ocr": "reading the text", "parse": "finding shop, date "
    "and items", "redact": "removing personal details; the original photo is then deleted",
    "check": "checking the result", "review": "checked by a person",
}
ACTION_WORDS = {"masked": "hidden", "line_removed": "line removed",
                "receipt_removed": "whole receipt removed"}


def category_words(category: str) -> str:
    return CATEGORY_WORDS.get(category, category.replace("_", " ").capitalize())


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action, action.replace("_", " "))


def step_words(step: str | None) -> str:
    return STEP_WORDS.get(step, "") if step else ""


def bought(value: str | None) -> str:
    """A date of the API's ("2026-11-12") as "12 Nov 2026"."""
    return date.fromisoformat(value).strftime("%-d %b %Y") if value else "–"


def quantity(value: str | None) -> str:
    """"1.000" as "1", "0.250" as "0.25"."""
    return f"{Decimal(value).normalize():f}" if value else "–"


WORDS = {"bought": bought, "quantity": quantity, "category_words": category_words,
         "action_words": action_words, "step_words": step_words}


@blp.get("/receipts")
def receipts():
    return _list_page()


@blp.post("/receipts")
def share_receipt():
    pages = [upload.read() for upload in request.files.getlist("image") if upload.filename]
    try:
        if not pages:
            raise Invalid("Choose at least one photo of your receipt, then share it.")
        service.submit(g.panelist, pages, request.form.get("idempotency_key") or None)
    except PanelError as refusal:
        return _list_page(error=refusal.message), refusal.status
    return redirect(url_for("dashboard.receipts", shared=1), 303)


def _list_page(error: str | None = None):
    status = request.args.get("status") or None
    period = request.args.get("month") or None
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    rows, total = service.page_for(g.panelist, status, page, PAGE_SIZE, period)
    shown = ReceiptSchema(many=True).dump(rows)
    notice = next((text for key, text in LIST_NOTICES.items() if request.args.get(key)), None)
    return render_template(
        "dashboard/receipts.html", receipts=shown, total=total, page=page,
        pages=max(math.ceil(total / PAGE_SIZE), 1), status=status, month=period,
        statuses=RECEIPT_STATUSES, months=service.periods_for(g.panelist),
        max_pages=current_app.config["UPLOAD_MAX_PAGES"], idempotency_key=uuid.uuid4().hex, notice=notice,
        error=error, refresh=any(r["status"] in UNFINISHED for r in shown), **WORDS)


@blp.get("/receipts/<receipt_id>")
def receipt(receipt_id):
    shown = ReceiptSchema().dump(service.get_for(g.panelist, receipt_id))
    notice = next((text for key, text in DETAIL_NOTICES.items() if request.args.get(key)), None)
    return render_template("dashboard/receipt.html", receipt=shown, notice=notice,
                           refresh=shown["status"] in UNFINISHED, **WORDS)


@blp.get("/receipts/<receipt_id>/image")
def receipt_image(receipt_id):
    data = service.redacted_image(g.panelist, receipt_id)
    return Response(data, mimetype="image/jpeg", headers={"Cache-Control": "private"})


@blp.get("/receipts/<receipt_id>/withdraw")
def confirm_withdraw_receipt(receipt_id):
    shown = ReceiptSchema().dump(service.get_for(g.panelist, receipt_id))
    return render_template("dashboard/confirm_receipt.html", receipt=shown, action="withdraw",
                           waiting=shown["status"] in UNFINISHED, **WORDS)


@blp.post("/receipts/<receipt_id>/withdraw")
def withdraw_receipt(receipt_id):
    service.withdraw(g.panelist, receipt_id)
    return redirect(url_for("dashboard.receipt", receipt_id=receipt_id, withdrawn=1), 303)


@blp.get("/receipts/<receipt_id>/delete")
def confirm_delete_receipt(receipt_id):
    shown = ReceiptSchema().dump(service.get_for(g.panelist, receipt_id))
    return render_template("dashboard/confirm_receipt.html", receipt=shown, action="delete",
                           waiting=shown["status"] in UNFINISHED, **WORDS)


@blp.post("/receipts/<receipt_id>/delete")
def delete_receipt(receipt_id):
    service.delete(g.panelist, receipt_id)
    return redirect(url_for("dashboard.receipts", deleted=1), 303)
