"""Rewards: the balance and monthly progress, the ledger, redemptions and their payouts."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.limits import MAX_PAGE_SIZE, limited
from panel.api.openapi import refuses
from panel.api.receipts import IDEMPOTENCY_HEADER
from panel.api.security import BEARER, current_panelist
from panel.schemas import (
    LedgerEntrySchema,
    PayoutCodeSchema,
    PayoutSchema,
    RedemptionResultSchema,
    RedemptionSchema,
    RewardsSchema,
)
from panel.services import ledger, payouts, redemptions, rewards

blp = Blueprint("rewards", __name__, url_prefix="/api/v1/rewards", description="Rewards")


@blp.route("")
class Rewards(MethodView):
    @blp.response(200, RewardsSchema)
    @blp.doc(security=BEARER)
    def get(self):
        """Your balance, this month's progress toward the goal, and past months."""
        return rewards.summary(current_panelist().id)


@blp.route("/ledger")
class Ledger(MethodView):
    @blp.response(200, LedgerEntrySchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self, pagination_parameters):
        """Every reward and payout, newest first."""
        entries, total = ledger.page(current_panelist().id, pagination_parameters.page,
                                     pagination_parameters.page_size)
        pagination_parameters.item_count = total
        return entries


@blp.route("/redemptions")
class Redemptions(MethodView):
    @refuses(blp, 409, "That is more than your balance, beyond today's limit, within the "
                       "hold for new accounts, or no gift card of that value is left.")
    @blp.arguments(RedemptionSchema)
    @blp.response(201, RedemptionResultSchema)
    @blp.doc(security=BEARER, parameters=[IDEMPOTENCY_HEADER])
    def post(self, body):
        """Pay out part of your balance (store credit, a charity donation, or a gift card:
        its code is shown by GET /rewards/payouts/<id>, once)."""
        return redemptions.redeem(current_panelist(), body["amount"], body["method"],
                                  request.headers.get("Idempotency-Key"), body["brand"])


@blp.route("/payouts")
class Payouts(MethodView):
    @blp.response(200, PayoutSchema(many=True))
    @blp.paginate(max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self, pagination_parameters):
        """Your payouts, newest first, each with its state and history (no codes)."""
        found, total = payouts.of_panelist(current_panelist().id, pagination_parameters.page,
                                           pagination_parameters.page_size)
        pagination_parameters.item_count = total
        return found


@blp.route("/payouts/<payout_id>")
class PayoutById(MethodView):
    @blp.response(200, PayoutSchema)
    @blp.doc(security=BEARER)
    def get(self, payout_id):
        """One payout. A gift card's code is in the answer the first time only (the payout
        is then delivered); after that, POST /rewards/payouts/<id>/code with your password."""
        return payouts.show(current_panelist(), payout_id)


@blp.route("/payouts/<payout_id>/code")
class PayoutCode(MethodView):
    @limited(blp, "password_check")
    @refuses(blp, 403, "The password is not right.")
    @blp.arguments(PayoutCodeSchema)
    @blp.response(200, PayoutSchema)
    @blp.doc(security=BEARER)
    def post(self, body, payout_id):
        """A gift card's code again, with your password asked again."""
        return payouts.show_again(current_panelist(), payout_id, body["password"])
