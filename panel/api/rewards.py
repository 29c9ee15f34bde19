"""Rewards: the balance and monthly progress, the ledger, and redemptions."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from panel.api.limits import MAX_PAGE_SIZE
from panel.api.openapi import refuses
from panel.api.receipts import IDEMPOTENCY_HEADER
from panel.api.security import BEARER, current_panelist
from panel.schemas import LedgerEntrySchema, RedemptionSchema, RewardsSchema
from panel.services import ledger, redemptions, rewards

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
    @refuses(blp, 409, "That is more than your balance.")
    @blp.arguments(RedemptionSchema)
    @blp.response(201, LedgerEntrySchema)
    @blp.doc(security=BEARER, parameters=[IDEMPOTENCY_HEADER])
    def post(self, body):
        """Pay out part of your balance (store credit or a charity donation)."""
        return redemptions.redeem(current_panelist(), body["amount"], body["method"],
                                  request.headers.get("Idempotency-Key"))
