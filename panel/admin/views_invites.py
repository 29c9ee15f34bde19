"""The waitlist, invitations and the mail outbox (admins only)."""
from flask import redirect, render_template, request, url_for

from panel import web
from panel.admin import forms
from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.services import audit, invitations, mail, waitlist

PAGE_SIZE = 100


@blp.get("/waitlist")
@roles()
def waitlist_page():
    where, page = forms.waitlist_filter(request.args), web.page_number(request.args)
    rows, total = waitlist.entries(where, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    _looked("waitlist.viewed")
    return render_template("admin/waitlist.html", rows=rows, total=total, page=page,
                           where=where, page_size=PAGE_SIZE)


@blp.post("/waitlist/invite")
@roles()
def waitlist_invite():
    form = request.form
    where, mode = forms.waitlist_filter(form), form.get("mode")
    days = forms.positive_int(form.get("days"), "days")
    count = forms.positive_int(form.get("count"), "count")
    ids = form.getlist("entry") if mode == "selected" else None
    if mode == "first" and count is None:
        count = 1
    entries = invitations.waiting(where if mode == "filter" else waitlist.Filter(), count, ids)
    invited = invitations.invite_entries(entries, actor(), days,
                                         language=form.get("language") or None)
    return redirect(url_for("admin.invites_page", notice=f"{invited} invited"), 303)


@blp.get("/invites")
@roles()
def invites_page():
    page = web.page_number(request.args)
    rows, total = invitations.listing(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    _looked("invites.viewed")
    return render_template("admin/invites.html", rows=rows, total=total, page=page,
                           page_size=PAGE_SIZE, notice=request.args.get("notice"))


@blp.post("/invites")
@roles()
def invite_create():
    days = forms.positive_int(request.form.get("days"), "days")
    invitations.invite_email(forms.email(request.form.get("email")), actor(), days,
                             language=request.form.get("language") or None)
    return redirect(url_for("admin.invites_page", notice="1 invited"), 303)


@blp.post("/invites/<invite_id>/expiry")
@roles()
def invite_expiry(invite_id):
    days = forms.positive_int(request.form.get("days"), "days") or 0
    invitations.set_expiry(invitations.find(invite_id), days, actor())
    return redirect(url_for("admin.invites_page", notice="expiry changed"), 303)


@blp.post("/invites/<invite_id>/revoke")
@roles()
def invite_revoke(invite_id):
    invitations.revoke(invitations.find(invite_id), actor())
    return redirect(url_for("admin.invites_page", notice="revoked"), 303)


@blp.post("/invites/<invite_id>/resend")
@roles()
def invite_resend(invite_id):
    invitations.resend(invitations.find(invite_id), actor())
    return redirect(url_for("admin.invites_page", notice="sent again with a new code"), 303)


@blp.get("/outbox")
@roles()
def outbox_page():
    page = web.page_number(request.args)
    messages, total = mail.outbox(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    _looked("outbox.viewed")
    return render_template("admin/outbox.html", messages=messages, total=total, page=page,
                           page_size=PAGE_SIZE)


def _looked(action: str) -> None:
    audit.note(actor(), action)
