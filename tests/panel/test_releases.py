"""Releases to recipients: consent decides who contributes, small groups never appear,
noise differs each time within the accuracy OpenDP promises, and the budget holds."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from panel.db import db
from panel.models import Panelist, Receipt, ReleaseContribution
from panel.services import recipients, release_figures, releases
from panel.services.audit import COMMAND_LINE
from panel.services.errors import Conflict, Invalid
from tests.support.releases import MILK, panelist, receipt, recipient


@pytest.fixture
def config(app):
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=3, RELEASE_MAX_EPSILON=1.0,
                      RELEASE_PERIOD_EPSILON=3.0, RELEASE_MAX_CELLS_PER_PANELIST=5)
    return app


def release(period="2026-10", group_by="merchant", measures=("receipts", "panelists", "spend"),
            epsilon=1.0):
    return releases.define(COMMAND_LINE, period, group_by, list(measures), epsilon)


def contributors(release_id: str) -> set[str]:
    return set(db.session.scalars(select(ReleaseContribution.panelist_id).where(
        ReleaseContribution.release_id == release_id)))


def exact(recipient_, eligible=None, group_by="merchant"):
    bounds = releases.bounds()
    kept = release_figures.kept_cells("2026-10", group_by, bounds,
                                      eligible if eligible is not None
                                      else releases.eligible(recipient_))
    return [tuple(row) for row in db.session.execute(release_figures.exact_groups(kept, bounds))]


def test_a_panelist_without_the_recipients_consent_never_contributes(config):
    with config.app_context():
        acme = recipient()
        consenting = [panelist(True, acme) for _ in range(4)]
        no_recipient_consent = [panelist(True) for _ in range(2)]
        no_research_consent = panelist(False, acme)
        for n, person in enumerate(consenting + no_recipient_consent + [no_research_consent]):
            receipt(person, "Rewe", f"{10 + n}.00", minutes=n)
            receipt(person, "Aldi", "99.00", minutes=60 + n)
        first = releases.approve(COMMAND_LINE, release(), acme)
        assert contributors(first.id) == set(consenting)
        assert {f["group"] for f in first.figures} == {"Aldi", "Rewe"}

        # recomputed without everyone who did not consent: the exact figures are the same
        with_consent = exact(acme)
        outsiders = no_recipient_consent + [no_research_consent]
        db.session.execute(delete(Receipt).where(Receipt.panelist_id.in_(outsiders)))
        db.session.commit()
        assert exact(acme, eligible=select(Panelist.id)) == with_consent
        assert with_consent == [("Aldi", 4, 4, 4 * 9900), ("Rewe", 4, 4, 1000 + 1100 + 1200 + 1300)]

        # withdrawing keeps a panelist out of every later release, not out of the record
        leaver = consenting[0]
        recipients.set_consent(db.session.get(Panelist, leaver), acme.code, False)
        second = releases.approve(COMMAND_LINE, release(), acme)
        assert contributors(second.id) == set(consenting[1:])
        assert [c["release_id"] for c in releases.contributed_by(leaver)] == [first.id]


def test_a_changed_recipient_asks_again(config):
    with config.app_context():
        acme = recipient()
        people = [panelist(True, acme) for _ in range(3)]
        for person in people:
            receipt(person, "Rewe", "5.00")
        recipients.change(COMMAND_LINE, acme, {"purposes": "Also advertising"})
        assert acme.version == 2
        assert releases.approve(COMMAND_LINE, release(), acme).figures == []


def test_a_domestic_recipient_needs_research_partners_consent_only(config):
    with config.app_context():
        local = recipient("marktblick", "DE")
        people = [panelist(True) for _ in range(3)]
        refuser = panelist(False)
        for person in people + [refuser]:
            receipt(person, "Rewe", "5.00")
        done = releases.approve(COMMAND_LINE, release(), local)
        assert contributors(done.id) == set(people)


def test_a_group_of_four_panelists_never_appears(config):
    config.config["INSIGHTS_MIN_PANELISTS"] = 5
    with config.app_context():
        acme = recipient()
        five = [panelist(True, acme) for _ in range(5)]
        four = [panelist(True, acme) for _ in range(4)]
        for person in five:
            receipt(person, "Big Market", "20.00", (*MILK, "3.00"))
        for person in four:
            receipt(person, "Four Friends", "400.00", ("02.1.3", "Beer", "50.00"))
            receipt(person, "Four Friends", "400.00", ("02.1.3", "Beer", "50.00"), minutes=5)
        by_merchant = releases.approve(COMMAND_LINE, release(), acme)
        by_category = releases.approve(COMMAND_LINE, release(group_by="category"), acme)
        assert [f["group"] for f in by_merchant.figures] == ["Big Market"]
        assert [(f["group"], f["name"]) for f in by_category.figures] == [MILK]
        for done in (by_merchant, by_category):
            assert contributors(done.id) == set(five)
            assert "Four" not in str(done.figures) and "Beer" not in str(done.figures)


def test_the_same_release_twice_differs_within_the_promised_accuracy(config):
    with config.app_context():
        acme = recipient()
        for n in range(8):
            person = panelist(True, acme)
            for k in range(3):
                receipt(person, "Rewe" if k else "Aldi", f"{12 + n}.50", minutes=k)
        truth = {row[0]: row[1:] for row in exact(acme)}
        twice = [releases.approve(COMMAND_LINE, release(epsilon=1.0), acme) for _ in range(2)]
        assert twice[0].figures != twice[1].figures
        for done in twice:
            for figure in done.figures:
                for n, measure in enumerate(release_figures.MEASURES):
                    scale = done.parameters["measures"][measure]["scale"]
                    promise = release_figures.accuracy(scale, alpha=1e-9)
                    shown = float(figure[measure]) * (100 if measure == "spend" else 1)
                    assert abs(shown - truth[figure["group"]][n]) <= promise, (figure, measure)
            assert done.parameters["epsilon"] == pytest.approx(1.0)


def test_noise_stays_within_the_95_percent_accuracy_about_95_percent_of_the_time(config):
    bounds = release_figures.Bounds(max_cells=5, max_spend_cents=10_000, min_panelists=3,
                                    currency="EUR")
    measurement, scale, epsilon = release_figures.mechanism("receipts", bounds, 0.5)
    assert epsilon == pytest.approx(0.5)
    promise = release_figures.accuracy(scale)
    draws = measurement([100] * 4000)
    within = sum(abs(d - 100) <= promise for d in draws) / len(draws)
    assert 0.93 <= within <= 0.97, within


def test_the_budget_refuses_a_release_past_it(config):
    config.config["RELEASE_PERIOD_EPSILON"] = 1.0
    with config.app_context():
        acme = recipient()
        for _ in range(3):
            receipt(panelist(True, acme), "Rewe", "5.00")
        releases.approve(COMMAND_LINE, release(epsilon=0.6), acme)
        refused = release(epsilon=0.6)
        with pytest.raises(Conflict):
            releases.approve(COMMAND_LINE, refused, acme)
        refused = releases.find(refused.id)
        assert refused.status == "proposed" and contributors(refused.id) == set()
        assert releases.budget_left("2026-10") == pytest.approx(0.4)
        releases.approve(COMMAND_LINE, release(epsilon=0.4), acme)  # exactly what is left
        assert releases.budget_left("2026-10") == pytest.approx(0.0, abs=1e-9)
        releases.approve(COMMAND_LINE, release(period="2026-11", epsilon=1.0), acme)
        with pytest.raises(Invalid):
            release(epsilon=1.5)  # above the per-release limit: not even proposed


def test_a_release_is_approved_once(config):
    with config.app_context():
        acme = recipient()
        done = releases.approve(COMMAND_LINE, release(), acme)
        with pytest.raises(Conflict):
            releases.approve(COMMAND_LINE, done, acme)
        with pytest.raises(Conflict):
            releases.refuse(COMMAND_LINE, done)


def test_two_approvals_of_one_release_compute_it_once(postgres_app):
    """Two admins at once: the second waits for the first and is refused (409), so the
    budget is charged once and the contributors are recorded once."""
    import threading

    app = postgres_app
    app.config.update(PANEL_COUNTRY="DE", INSIGHTS_MIN_PANELISTS=2)
    with app.app_context():
        acme = recipient()
        for _ in range(3):
            receipt(panelist(True, acme), "Rewe", "5.00")
        release_id, acme_id = release(epsilon=0.5).id, acme.id
    outcomes, start = [], threading.Barrier(2)

    def approve():
        with app.app_context():
            start.wait()
            try:
                releases.approve(COMMAND_LINE, releases.find(release_id),
                                 recipients.find(acme_id))
                outcomes.append("approved")
            except Conflict:
                outcomes.append("refused")

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "refused"]
    with app.app_context():
        assert releases.budget_left("2026-10") == pytest.approx(2.5)
        assert len(contributors(release_id)) == 3
