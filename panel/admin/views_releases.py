"""Releases: analysts define them, admins approve one for a recipient (it is computed
then) or refuse it, and download what was approved (each download recorded)."""
import json

from flask import Response, current_app, redirect, render_template, request, url_for

from panel.admin.access import actor, roles
from panel.admin.blueprint import blp
from panel.services import recipients, release_figures, releases


@blp.get("/releases")
@roles("analyst")
def releases_page():
    listed = releases.listing()
    periods = sorted({r.period for r in listed})
    return render_template("admin/releases.html", releases=listed,
                           recipients=recipients.listing(include_retired=False),
                           measures=release_figures.MEASURES,
                           groupings=release_figures.GROUPINGS,
                           budget={p: releases.budget_left(p) for p in periods},
                           deliveries={r.id: releases.deliveries(r) for r in listed},
                           config=current_app.config, notice=request.args.get("notice"))


@blp.post("/releases")
@roles("analyst")
def release_define():
    form = request.form
    release = releases.define(actor(), form.get("period", "").strip(), form.get("group_by", ""),
                              form.getlist("measures"), form.get("epsilon", ""),
                              form.get("note", ""))
    return redirect(url_for("admin.releases_page", notice=f"release {release.id} proposed"), 303)


@blp.post("/releases/<release_id>/approve")
@roles()
def release_approve(release_id):
    recipient = recipients.find(request.form.get("recipient_id", ""))
    release = releases.approve(actor(), releases.find(release_id), recipient)
    return redirect(url_for("admin.releases_page", notice=f"release {release.id} approved "
                            f"for {recipient.code}"), 303)


@blp.post("/releases/<release_id>/refuse")
@roles()
def release_refuse(release_id):
    release = releases.refuse(actor(), releases.find(release_id))
    return redirect(url_for("admin.releases_page", notice=f"release {release.id} refused"), 303)


@blp.get("/releases/<release_id>/download")
@roles()
def release_download(release_id):
    document = releases.deliver(releases.find(release_id), "admin_download", staff=actor())
    return Response(json.dumps(document, indent=2, ensure_ascii=False),
                    mimetype="application/json", headers={
                        "Content-Disposition": f'attachment; filename="release-{release_id}.json"'})
