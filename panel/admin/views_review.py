"""The review queue (reviewers and admins): the redacted image and extracted fields only.

A review item is a receipt waiting for a person; ``item_id`` is that receipt's id. (Staff
routes keep apart from the panelist API's ``<receipt_id>`` routes, which answer only
their owner.)"""
from flask import Response, redirect, render_template, request, url_for

from panel import web
from panel.admin import forms
from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.services import review

PAGE_SIZE = 50


@blp.get("/review")
@roles("reviewer")
def review_queue():
    page = web.page_number(request.args)
    receipts, total = review.queue(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render_template("admin/review_queue.html", receipts=receipts, total=total,
                           page=page, page_size=PAGE_SIZE, notice=request.args.get("notice"))


@blp.get("/review/<item_id>")
@roles("reviewer")
def review_receipt(item_id):
    receipt = review.open_for_review(item_id, actor())
    return render_template("admin/review_receipt.html", receipt=receipt,
                           accept_reasons=review.ACCEPT_REASONS,
                           reject_reasons=review.REJECT_REASONS)


@blp.get("/review/<item_id>/image")
@roles("reviewer")
def review_image(item_id):
    data = review.redacted_image(item_id, actor())
    return Response(data, mimetype="image/jpeg")


@blp.post("/review/<item_id>")
@roles("reviewer")
def review_decide(item_id):
    accept = request.form.get("decision") == "accept"
    fields = forms.review_fields(request.form) if accept else None
    receipt = review.decide(item_id, accept, request.form.get("reason", ""), fields, actor())
    return redirect(url_for("admin.review_queue", notice=f"{receipt.status}"), 303)
