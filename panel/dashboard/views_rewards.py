"""Rewards: this month's progress toward the goal, the balance, past months, the ledger
(newest first, paginated) and redemption."""
from __future__ import annotations

import secrets

from flask import g, redirect, render_template, request, url_for

from panel import web
from panel.dashboard import forms
from panel.dashboard.blueprint import blp
from panel.schemas import LedgerEntrySchema, RedemptionSchema
from panel.services import ledger, redemptions, rewards
from panel.services.errors import PanelError

PAGE_SIZE = 20
KIND_WORDS = {"period_reward": "Monthly reward", "receipt_reward": "Reward per receipt",
              "survey_reward": "Survey reward", "redemption": "Payout",
              "reversal": "Correction"}
METHOD_WORDS = {"store_credit": "Store credit", "charity": "Donation to charity"}


@blp.get("/rewards", endpoint="rewards")
def rewards_page():
    notice = "Your payout is on its way; you see it in the list below." \
        if request.args.get("redeemed") else None
    return _page(notice=notice)


@blp.post("/rewards/redemptions")
def redeem():
    form = request.form
    try:
        body = forms.load(RedemptionSchema(), {"amount": form.get("amount", "").strip(),
                                               "method": form.get("method", "")})
        redemptions.redeem(g.panelist, body["amount"], body["method"],
                           form.get("idempotency_key") or None)
    except PanelError as refusal:
        return _page(error=refusal.message, amount=form.get("amount", "")), refusal.status
    return redirect(url_for("dashboard.rewards", redeemed=1), 303)


def _page(notice: str | None = None, error: str | None = None, amount: str = ""):
    number = web.page_number(request.args)
    entries, total = ledger.page(g.panelist.id, number, PAGE_SIZE)
    return render_template(
        "dashboard/rewards.html", summary=rewards.summary(g.panelist.id),
        entries=LedgerEntrySchema(many=True).dump(entries),
        page=number, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), kinds=KIND_WORDS,
        methods=[(m, METHOD_WORDS.get(m, m.replace("_", " ").capitalize()))
                 for m in redemptions.methods()],
        idempotency_key=secrets.token_urlsafe(24), amount=amount, notice=notice,
        payout_error=error)  # shown at the form, which gets the focus
