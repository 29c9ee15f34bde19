"""Rewards: this month's progress toward the goal, the balance, past months, payouts with
their states, the ledger (newest first, paginated), redemption, and a gift card's code
(shown once, then again behind the password)."""
from __future__ import annotations

import secrets

from flask import g, redirect, render_template, request, url_for
from flask_babel import gettext

from panel import i18n, ratelimit, web
from panel.dashboard import forms
from panel.dashboard.blueprint import blp
from panel.schemas import LedgerEntrySchema, RedemptionSchema
from panel.services import ledger, payouts, redemptions, rewards
from panel.services.errors import N_, PanelError

PAGE_SIZE = 20
KIND_WORDS = {"period_reward": N_("Monthly reward"), "receipt_reward": N_("Reward per receipt"),
              "survey_reward": N_("Survey reward"), "redemption": N_("Payout"),
              "reversal": N_("Correction"), "payout_returned": N_("Payout returned"),
              "forfeited": N_("Forfeited")}
METHOD_WORDS = {"store_credit": N_("Store credit"), "charity": N_("Donation to charity"),
                "gift_card": N_("Gift card (code shown here)")}
STATE_WORDS = {"requested": N_("Requested"), "reserved": N_("Ready: your code is waiting"),
               "delivered": N_("Delivered"), "failed": N_("Failed: the amount is back on your balance"),
               "reversed": N_("Reversed: the amount is back on your balance")}


@blp.get("/rewards", endpoint="rewards")
def rewards_page():
    notice = gettext("Your payout is on its way; you see it in the list below.") \
        if request.args.get("redeemed") else None
    return _page(notice=notice)


@blp.post("/rewards/redemptions")
def redeem():
    form = request.form
    try:
        body = forms.load(RedemptionSchema(), {"amount": form.get("amount", "").strip(),
                                               "method": form.get("method", "")})
        entry = redemptions.redeem(g.panelist, body["amount"], body["method"],
                                   form.get("idempotency_key") or None)
    except PanelError as refusal:
        return _page(error=i18n.refusal_text(refusal), amount=form.get("amount", "")), refusal.status
    if entry.payout["state"] == "reserved":  # a gift card: its code, shown once
        return redirect(url_for("dashboard.payout", payout_id=entry.id), 303)
    return redirect(url_for("dashboard.rewards", redeemed=1), 303)


@blp.get("/rewards/payouts/<payout_id>")
def payout(payout_id):
    return render_template("dashboard/payout.html", payout=payouts.show(g.panelist, payout_id),
                           states=_words(STATE_WORDS), methods=_words(METHOD_WORDS))


@blp.post("/rewards/payouts/<payout_id>/code")
def payout_code(payout_id):
    try:
        ratelimit.check("password_check")
        shown = payouts.show_again(g.panelist, payout_id, request.form.get("password", ""))
    except PanelError as refusal:
        return render_template("dashboard/payout.html", states=_words(STATE_WORDS),
                               methods=_words(METHOD_WORDS), error=i18n.refusal_text(refusal),
                               payout=payouts.summary(g.panelist.id, payout_id)), refusal.status
    return render_template("dashboard/payout.html", payout=shown, states=_words(STATE_WORDS),
                           methods=_words(METHOD_WORDS))


def _page(notice: str | None = None, error: str | None = None, amount: str = ""):
    number = web.page_number(request.args)
    entries, total = ledger.page(g.panelist.id, number, PAGE_SIZE)
    return render_template(
        "dashboard/rewards.html", summary=rewards.summary(g.panelist.id),
        entries=LedgerEntrySchema(many=True).dump(entries),
        payouts=payouts.of_panelist(g.panelist.id, 1, PAGE_SIZE)[0], states=_words(STATE_WORDS),
        method_words=_words(METHOD_WORDS),
        page=number, pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), kinds=_words(KIND_WORDS),
        methods=[(m, gettext(METHOD_WORDS.get(m, m.replace("_", " ").capitalize())))
                 for m in redemptions.methods()],
        idempotency_key=secrets.token_urlsafe(24), amount=amount, notice=notice,
        payout_error=error)  # shown at the form, which gets the focus


def _words(words: dict[str, str]) -> dict[str, str]:
    """A table of plain words in the panelist's language."""
    return {key: gettext(text) for key, text in words.items()}
