"""Consent purposes in plain words, and the consent ledger."""
from __future__ import annotations

from dataclasses import dataclass

from panel.db import db
from panel.models import Consent, Panelist
from panel.services.errors import N_, Invalid


@dataclass(frozen=True)
class Purpose:
    name: str
    version: str
    required: bool
    text: str


PURPOSES = {p.name: p for p in [
    Purpose("receipts", "1", True,
            N_("You share photos of your shopping receipts. We read the shop, date, items and "
            "totals, remove anything sensitive first, and use what remains, combined with other "
            "panelists' receipts, to report what people buy. You can withdraw or delete any "
            "receipt at any time.")),
    Purpose("surveys", "1", False,
            N_("We may invite you to short paid surveys. Your answers are reported only in "
            "aggregate.")),
    Purpose("research_partners", "1", False,
            N_("Aggregated, anonymous figures that include your receipts may be shared with "
            "research partners. Nothing that identifies you is shared.")),
]}


def record_choices(panelist: Panelist, choices: dict[str, bool]) -> None:
    """Record a grant or withdrawal for every purpose named; unknown purposes are refused."""
    unknown = sorted(set(choices) - set(PURPOSES))
    if unknown:
        raise Invalid("Unknown consent purpose.", {"consents": {p: ["Unknown purpose."]
                                                               for p in unknown}})
    for name, granted in choices.items():
        db.session.add(Consent(panelist=panelist, purpose=name, granted=bool(granted),
                               version=PURPOSES[name].version))


def current(panelist: Panelist) -> list[Consent]:
    """The latest ledger row of each purpose (rows are ordered by time)."""
    latest: dict[str, Consent] = {}
    for consent in panelist.consents:
        latest[consent.purpose] = consent
    return [latest[name] for name in PURPOSES if name in latest]


def current_of(panelist: Panelist, purpose: str) -> Consent | None:
    return next((c for c in current(panelist) if c.purpose == purpose), None)


def history(panelist: Panelist) -> list[Consent]:
    """Every grant and withdrawal, oldest first."""
    return list(panelist.consents)
