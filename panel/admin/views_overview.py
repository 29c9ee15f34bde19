"""The panel's health (admins and analysts: aggregates only) and the audit log (admins)."""
from flask import render_template, request

from panel import web
from panel.admin import chart
from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.services import audit, overview

PAGE_SIZE = 200


@blp.get("/overview")
@roles("analyst")
def overview_page():
    figures = overview.build(days=30)
    return render_template("admin/overview.html", figures=figures,
                           chart=chart.receipts_per_day(figures.receipts_per_day))


@blp.get("/audit")
@roles()
def audit_page():
    page = web.page_number(request.args)
    audit.note(actor(), "audit.viewed")
    check = audit.verify()
    return render_template("admin/audit.html", entries=audit.recent(
        PAGE_SIZE, (page - 1) * PAGE_SIZE), check=check, total=check.count, page=page,
        page_size=PAGE_SIZE)
