"""Staff accounts (admins only): list, create (shows the TOTP set-up once), disable."""
from flask import redirect, render_template, request, url_for

from panel.admin import forms
from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.services import staff


@blp.get("/staff")
@roles()
def staff_page():
    return render_template("admin/staff.html", accounts=staff.listing(), roles=staff.ROLES,
                           notice=request.args.get("notice"))


@blp.post("/staff")
@roles()
def staff_create():
    created = staff.create(actor(), forms.email(request.form.get("email")),
                           request.form.get("role", ""), request.form.get("password") or None)
    return render_template("admin/staff_created.html", created=created,
                           generated=not request.form.get("password"))


@blp.post("/staff/<staff_id>/disable")
@roles()
def staff_disable(staff_id):
    staff.set_disabled(actor(), staff.find(staff_id), True)
    return redirect(url_for("admin.staff_page", notice="disabled; its sessions ended"), 303)


@blp.post("/staff/<staff_id>/enable")
@roles()
def staff_enable(staff_id):
    staff.set_disabled(actor(), staff.find(staff_id), False)
    return redirect(url_for("admin.staff_page", notice="enabled"), 303)
