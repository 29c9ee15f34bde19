"""The panelist's own account: profile, password, consents, export, leaving and erasure."""
import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint, Page

from panel import i18n
from panel.api.limits import MAX_PAGE_SIZE, limited
from panel.api.openapi import refuses
from panel.api.security import BEARER, current_login, current_panelist
from panel.schemas import (
    AcceptedSchema,
    ConsentChoiceSchema,
    ConsentSchema,
    ContributionSchema,
    EraseSchema,
    ForwardingAddressSchema,
    PanelistSchema,
    PasswordChangeSchema,
    PurposeSchema,
    RecipientSchema,
)
from panel.services import (
    account,
    consents,
    credentials,
    export,
    forwarding,
    personal,
    recipients,
    releases,
)

blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="The panelist")
purposes_blp = Blueprint("consents", __name__, url_prefix="/api/v1/consents",
                         description="Consent purposes in plain words")


@purposes_blp.route("/purposes")
class Purposes(MethodView):
    @purposes_blp.response(200, PurposeSchema(many=True))
    def get(self):
        """What each consent purpose means, in plain words, with its current version."""
        return list(consents.PURPOSES.values())


@blp.route("")
class Me(MethodView):
    @blp.response(200, PanelistSchema)
    @blp.doc(security=BEARER)
    def get(self):
        """Your profile and current consents."""
        return personal.profile(current_panelist())

    @limited(blp, "password_check")
    @refuses(blp, 403, "The password is not right.")
    @refuses(blp, 409, "A balance or a payout remains: pay it out first, or agree to "
                       "forfeit it with forfeit_balance.")
    @blp.arguments(EraseSchema)
    @blp.response(202, AcceptedSchema)
    @blp.doc(security=BEARER)
    def delete(self, body):
        """Erase your account and everything about it, with your password asked again. Your
        tokens stop working at once. With money left (a balance, or a payout on its way),
        it is refused (409, saying how much) unless forfeit_balance is true."""
        account.erase(current_panelist(), body["password"], body["forfeit_balance"])
        return {"status": "erased"}


@blp.route("/password")
class Password(MethodView):
    @limited(blp, "password_check")
    @refuses(blp, 403, "The current password is not right.")
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204)
    @blp.doc(security=BEARER)
    def post(self, body):
        """Change your password (the current one is needed). Every other login of yours
        ends; this one carries on."""
        panelist, login = current_login()
        credentials.change(panelist, body["current_password"], body["new_password"], login)


@blp.route("/consents")
class Consents(MethodView):
    @blp.response(200, ConsentSchema(many=True))
    @blp.doc(security=BEARER)
    def get(self):
        """Your current choice for each purpose."""
        return consents.current(current_panelist())


@blp.route("/consents/history")
class ConsentHistory(MethodView):
    @blp.response(200, ConsentSchema(many=True))
    @blp.paginate(Page, page_size=MAX_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self):
        """Every grant and withdrawal you made, oldest first."""
        return consents.history(current_panelist())


@blp.route(f"/consents/<any({', '.join(consents.PURPOSES)}):purpose>")
class ConsentByPurpose(MethodView):
    @blp.arguments(ConsentChoiceSchema)
    @blp.response(200, ConsentSchema)
    @blp.doc(security=BEARER)
    def put(self, body, purpose):
        """Grant or withdraw one purpose. Withdrawing 'receipts' means leaving the panel."""
        return account.set_consent(current_panelist(), purpose, body["granted"])


@blp.route("/recipients")
class Recipients(MethodView):
    @blp.response(200, RecipientSchema(many=True))
    @blp.paginate(Page, page_size=MAX_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self):
        """Who receives figures from the panel, in plain words; for a recipient abroad,
        whether you gave your own consent to it (nothing about you reaches it otherwise)."""
        return recipients.for_panelist(current_panelist())


@blp.route("/recipients/<code>/consent")
class RecipientConsent(MethodView):
    @refuses(blp, 422, "This recipient is in the panel's own country: no separate consent.")
    @blp.arguments(ConsentChoiceSchema)
    @blp.response(200, RecipientSchema)
    @blp.doc(security=BEARER)
    def put(self, body, code):
        """Give or withdraw your consent to one recipient abroad, on its own."""
        return recipients.set_consent(current_panelist(), code, body["granted"])


@blp.route("/releases")
class Contributions(MethodView):
    @blp.response(200, ContributionSchema(many=True))
    @blp.paginate(Page, page_size=MAX_PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    @blp.doc(security=BEARER)
    def get(self):
        """Each release your receipts went into: to whom, where, when, what kind."""
        return releases.contributed_by(current_panelist().id)


@blp.route("/leave")
class Leave(MethodView):
    @blp.response(200, PanelistSchema)
    @blp.doc(security=BEARER)
    def post(self):
        """Leave the panel: no more uploads; your data stays until you erase it."""
        return personal.profile(account.leave(current_panelist()))


@blp.route("/export")
class Export(MethodView):
    @blp.response(200, content_type="application/zip")
    @blp.doc(security=BEARER)
    def get(self):
        """Everything the panel holds about you, as a ZIP (panelist.json and images)."""
        data = export.export_zip(current_panelist())
        return Response(data, mimetype="application/zip", headers={
            "Content-Disposition": 'attachment; filename="my-receipt-panel-data.zip"'})


@blp.route("/forwarding-address")
class ForwardingAddress(MethodView):
    @refuses(blp, 409, "Receipts by e-mail are not switched on for this panel.")
    @blp.response(200, ForwardingAddressSchema)
    @blp.doc(security=BEARER)
    def get(self):
        """Your private address for forwarding receipt mails (made when first asked for)."""
        return forwarding.address_of(current_panelist())


@blp.route("/forwarding-address/renew")
class RenewForwardingAddress(MethodView):
    @refuses(blp, 409, "Receipts by e-mail are not switched on for this panel.")
    @blp.response(200, ForwardingAddressSchema)
    @blp.doc(security=BEARER)
    def post(self):
        """A new forwarding address; mail to the old one is refused from now on."""
        return forwarding.renew(current_panelist())
class LanguageSchema(ma.Schema):
    language = ma.fields.String(required=True, allow_none=True,
                                validate=ma.validate.OneOf(i18n.languages()), metadata={
        "description": "en, de (each language the panel has a catalogue for), or null for "
                       "the app's Accept-Language"})


@blp.route("/language")
class Language(MethodView):
    @blp.response(200, LanguageSchema)
    @blp.doc(security=BEARER)
    def get(self):
        """The language the panel speaks to you (null: your app's Accept-Language)."""
        return {"language": current_panelist().language}

    @blp.arguments(LanguageSchema)
    @blp.response(200, LanguageSchema)
    @blp.doc(security=BEARER)
    def put(self, body):
        """Choose the language of the panel's pages, mail and messages to you."""
        panelist = account.set_language(current_panelist(), body["language"], i18n.languages())
        return {"language": panelist.language}
