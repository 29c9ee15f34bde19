"""Releases: figures an analyst defines, an admin approves for one recipient, computed once
with their protection (``release_figures``), stored, delivered and recorded.

Only panelists who consent to ``research_partners`` (and, for a recipient abroad, to that
recipient, in its current version) contribute; each release spends epsilon from its
month's privacy budget, and one past the budget is refused.
"""
from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from panel.db import db, utcnow
from panel.models import (
    Consent,
    Panelist,
    PrivacyBudget,
    ReceiptItem,
    Recipient,
    Release,
    ReleaseContribution,
    ReleaseDelivery,
)
from panel.services import audit, recipients
from panel.services import release_figures as figures_of
from panel.services.errors import Conflict, Invalid, NotFound

PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
SLACK = 1e-9  # float addition of epsilons
WORDS = {"merchant": "per shop", "category": "per product category", "receipts": "receipts",
         "panelists": "number of panelists", "spend": "amount spent"}


def _latest_granted(purpose: str, version: str | None = None):
    """Ids of panelists whose latest choice for ``purpose`` is a grant (of ``version``)."""
    row, newest = aliased(Consent), aliased(Consent)
    latest = select(newest.panelist_id, func.max(newest.recorded_at).label("at")).where(
        newest.purpose == purpose).group_by(newest.panelist_id).subquery()
    query = select(row.panelist_id).join(latest, (row.panelist_id == latest.c.panelist_id)
                                         & (row.recorded_at == latest.c.at)).where(
        row.purpose == purpose, row.granted.is_(True))
    return query.where(row.version == version) if version else query


def eligible(recipient: Recipient):
    """Ids of the panelists whose data may reach ``recipient``."""
    query = select(Panelist.id).where(Panelist.id.in_(_latest_granted("research_partners")))
    if recipients.abroad(recipient):
        query = query.where(Panelist.id.in_(_latest_granted(
            recipients.purpose_of(recipient), str(recipient.version))))
    return query


def bounds() -> figures_of.Bounds:
    config = current_app.config
    return figures_of.Bounds(
        max_cells=config["RELEASE_MAX_CELLS_PER_PANELIST"],
        max_spend_cents=round(float(config["RELEASE_MAX_SPEND_PER_CELL"]) * 100),
        min_panelists=config["INSIGHTS_MIN_PANELISTS"], currency=config["REWARD_CURRENCY"])


def define(actor: audit.Actor, period: str, group_by: str, measures: list[str],
           epsilon: float | str, note: str = "") -> Release:
    """An analyst's proposal: what to release; nothing is computed until it is approved."""
    errors = {}
    if not PERIOD.fullmatch(period or ""):
        errors["period"] = ["A month as YYYY-MM."]
    if group_by not in figures_of.GROUPINGS:
        errors["group_by"] = [f"One of: {', '.join(figures_of.GROUPINGS)}."]
    asked = set(measures or [])
    measures = [m for m in figures_of.MEASURES if m in asked]
    if not measures or len(measures) != len(asked):
        errors["measures"] = [f"One or more of: {', '.join(figures_of.MEASURES)}."]
    limit = current_app.config["RELEASE_MAX_EPSILON"]
    try:
        epsilon = float(epsilon)
    except (TypeError, ValueError):
        epsilon = -1.0
    if not 0 < epsilon <= limit:
        errors["epsilon"] = [f"A number above 0 and at most {limit} (RELEASE_MAX_EPSILON)."]
    if errors:
        raise Invalid("The release is not well defined.", errors)
    release = Release(period=period, group_by=group_by, measures=measures, epsilon=epsilon,
                      note=(note or "").strip()[:300], defined_by=actor.staff_id)
    db.session.add(release)
    db.session.flush()
    audit.record(actor, "release.defined", reason=f"release={release.id}; period={period}; "
                                                  f"epsilon={epsilon}")
    db.session.commit()
    return release


def approve(actor: audit.Actor, release: Release, recipient: Recipient) -> Release:
    """Approve a proposed release for a recipient: compute it, charge the month's privacy
    budget, record who contributed. Refused (409) past the budget."""
    if release.status != "proposed":
        raise Conflict(f"This release is already {release.status}.")
    if recipient.retired_at is not None:
        raise Conflict("This recipient is retired.")
    if recipients.abroad(recipient) and not recipient.transfer_mechanism:
        raise Conflict("Record the recipient's transfer mechanism first.")
    _claim(release)
    remaining = budget_left(release.period)
    if release.epsilon > remaining + SLACK:
        db.session.rollback()
        raise Conflict(f"The privacy budget of {release.period} has {remaining:.3f} left; "
                       f"this release needs {release.epsilon}.")
    limits, connection = bounds(), db.session.connection()
    kept = figures_of.materialise(figures_of.kept_cells(
        release.period, release.group_by, limits, eligible(recipient)), connection)
    exact = db.session.execute(figures_of.exact_groups(kept, limits)).all()
    figures, parameters = figures_of.noisy(exact, release.measures, limits, release.epsilon)
    _charge(release.period, parameters["epsilon"])
    if release.group_by == "category":
        _name_categories(figures)
    release.status, release.recipient_id = "released", recipient.id
    release.decided_by, release.decided_at = actor.staff_id, utcnow()
    release.parameters, release.figures = parameters, figures
    shown = [row[0] for row in exact]
    if shown:
        db.session.execute(insert(ReleaseContribution).from_select(
            ["release_id", "panelist_id", "receipts"],
            figures_of.contributors(kept, shown, release.id)))
    figures_of.forget(kept, connection)
    audit.record(actor, "release.approved",
                 reason=f"release={release.id}; recipient={recipient.code}; "
                        f"epsilon={parameters['epsilon']:.4f}; groups={len(figures)}")
    db.session.commit()
    return release


def _claim(release: Release) -> None:
    """Take the proposed release in one conditional UPDATE, so two admins approving it at
    once cannot both compute it: the second waits for the first and finds it taken."""
    taken = db.session.execute(update(Release).where(
        Release.id == release.id, Release.status == "proposed").values(status="computing")
        .execution_options(synchronize_session=False)).rowcount
    if not taken:
        db.session.rollback()
        raise Conflict("This release was decided meanwhile.")


def refuse(actor: audit.Actor, release: Release) -> Release:
    if release.status != "proposed":
        raise Conflict(f"This release is already {release.status}.")
    _claim(release)
    release.status, release.decided_by, release.decided_at = "refused", actor.staff_id, utcnow()
    audit.record(actor, "release.refused", reason=f"release={release.id}")
    db.session.commit()
    return release


def budget_left(period: str) -> float:
    spent = db.session.scalar(select(PrivacyBudget.spent).where(PrivacyBudget.period == period))
    return current_app.config["RELEASE_PERIOD_EPSILON"] - (spent or 0.0)


def _charge(period: str, epsilon: float) -> None:
    """Add ``epsilon`` to the month's spending in one conditional UPDATE, so two approvals
    racing for the last of the budget cannot both pass."""
    if db.session.get(PrivacyBudget, period) is None:
        try:
            with db.session.begin_nested():
                db.session.add(PrivacyBudget(period=period, spent=0.0))
        except IntegrityError:
            pass  # another approval created it first
    limit = current_app.config["RELEASE_PERIOD_EPSILON"]
    charged = db.session.execute(update(PrivacyBudget).where(
        PrivacyBudget.period == period, PrivacyBudget.spent + epsilon <= limit + SLACK)
        .values(spent=PrivacyBudget.spent + epsilon)).rowcount
    if not charged:
        db.session.rollback()
        raise Conflict(f"The privacy budget of {period} does not allow this release.")


def _name_categories(figures: list[dict]) -> None:
    codes = [f["group"] for f in figures]
    names = dict(db.session.execute(select(
        ReceiptItem.category_code, func.max(ReceiptItem.category_name))
        .where(ReceiptItem.category_code.in_(codes)).group_by(ReceiptItem.category_code)).all())
    for figure in figures:
        figure["name"] = names.get(figure["group"])


def listing(status: str | None = None) -> list[Release]:
    query = select(Release).order_by(Release.defined_at.desc())
    return list(db.session.scalars(query.where(Release.status == status) if status else query))


def find(release_id: str) -> Release:
    release = db.session.get(Release, release_id)
    if release is None:
        raise NotFound("There is no such release.")
    return release


def document(release: Release) -> dict:
    """A released release as delivered: what, for whom, how protected, and the figures."""
    recipient = release.recipient
    return {"id": release.id, "period": release.period, "group_by": release.group_by,
            "measures": release.measures,
            "recipient": {"code": recipient.code, "name": recipient.name,
                          "country": recipient.country},
            "approved_at": release.decided_at.isoformat(), "privacy": release.parameters,
            "figures": release.figures}


def deliver(release: Release, channel: str, staff: audit.Actor | None = None,
            key_id: str | None = None) -> dict:
    """Hand a released release over (admin download or the recipient's API), recorded."""
    if release.status != "released":
        raise Conflict("Only an approved release can be delivered.")
    db.session.add(ReleaseDelivery(release_id=release.id, channel=channel, key_id=key_id,
                                   staff_id=staff.staff_id if staff else None))
    if staff:
        audit.record(staff, "release.downloaded", reason=f"release={release.id}")
    db.session.commit()
    return document(release)


def of_recipient(recipient: Recipient) -> list[Release]:
    return list(db.session.scalars(select(Release).where(
        Release.recipient_id == recipient.id, Release.status == "released")
        .order_by(Release.decided_at.desc())))


def find_for(recipient: Recipient, release_id: str) -> Release:
    """One of the recipient's own releases; any other id is 404."""
    release = db.session.get(Release, release_id)
    if release is None or release.recipient_id != recipient.id or release.status != "released":
        raise NotFound("There is no such release.")
    return release


def deliveries(release: Release) -> list[ReleaseDelivery]:
    return list(db.session.scalars(select(ReleaseDelivery).where(
        ReleaseDelivery.release_id == release.id).order_by(ReleaseDelivery.at)))


def kind_in_words(release: Release) -> str:
    measures = ", ".join(WORDS[m] for m in release.measures)
    return f"{measures.capitalize()} {WORDS[release.group_by]}, {release.period}"


def contributed_by(panelist_id: str) -> list[dict]:
    """Each release the panelist's receipts went into: recipient, country, date, kind."""
    rows = db.session.execute(select(Release, Recipient, ReleaseContribution.receipts)
                              .join(ReleaseContribution,
                                    ReleaseContribution.release_id == Release.id)
                              .join(Recipient, Recipient.id == Release.recipient_id)
                              .where(ReleaseContribution.panelist_id == panelist_id)
                              .order_by(Release.decided_at))
    return [{"release_id": release.id, "recipient": recipient.name,
             "recipient_code": recipient.code, "country": recipient.country,
             "country_name": recipients.country_name(recipient.country),
             "released_at": release.decided_at.isoformat(), "period": release.period,
             "figures": kind_in_words(release), "your_receipts": receipts,
             "epsilon": release.parameters["epsilon"]}
            for release, recipient, receipts in rows]
