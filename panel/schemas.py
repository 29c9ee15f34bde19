"""Marshmallow schemas of the mobile API (see docs/api.md), also used by the data export."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import marshmallow as ma
from flask import current_app
from flask_smorest.fields import Upload

from panel import i18n
from panel.models import ReceiptStatus
from panel.services import rewards
from panel.services.money import from_minor

RECEIPT_STATUSES = [status.value for status in ReceiptStatus]


class DecimalString(ma.fields.Decimal):
    """A decimal written as a string ("1.5"); the OpenAPI document says string, format
    decimal (panel.api registers it). On input, only a string (matching the ``pattern`` in
    its metadata, if any) is one."""

    def __init__(self, **kwargs):
        super().__init__(as_string=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        pattern = self.metadata.get("pattern")
        if not isinstance(value, str) or (pattern and not re.fullmatch(pattern, value)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Money(DecimalString):
    def __init__(self, **kwargs):
        super().__init__(places=2, **kwargs)


class StrictBoolean(ma.fields.Boolean):
    """JSON true or false, nothing else (not 0, 1 or "yes"), as the document says."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class ConsentSchema(ma.Schema):
    purpose = ma.fields.String(dump_only=True)
    granted = ma.fields.Boolean(dump_only=True)
    version = ma.fields.String(dump_only=True)
    updated_at = ma.fields.DateTime(attribute="recorded_at", dump_only=True)


class PanelistSchema(ma.Schema):
    """Dumps a profile (``services.personal.profile``)."""

    id = ma.fields.String(dump_only=True)
    email = ma.fields.Email(dump_only=True)
    display_name = ma.fields.String(dump_only=True, allow_none=True)
    status = ma.fields.String(dump_only=True)
    joined_at = ma.fields.DateTime(dump_only=True)
    consents = ma.fields.List(ma.fields.Nested(ConsentSchema), dump_only=True)


class PurposeSchema(ma.Schema):
    purpose = ma.fields.String(attribute="name", dump_only=True)
    version = ma.fields.String(dump_only=True)
    required = ma.fields.Boolean(dump_only=True)
    text = ma.fields.String(dump_only=True)


class ConsentChoiceSchema(ma.Schema):
    granted = StrictBoolean(required=True)


def _new_password(**kwargs) -> ma.fields.String:
    return ma.fields.String(required=True, load_only=True,
                            validate=ma.validate.Length(10, 200), **kwargs)


def _given_password(**kwargs) -> ma.fields.String:
    return ma.fields.String(required=True, load_only=True, validate=ma.validate.Length(1, 200),
                            **kwargs)


class RegisterSchema(ma.Schema):
    invite_code = ma.fields.String(required=True, validate=ma.validate.Length(1, 64))
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=320))
    password = _new_password()
    display_name = ma.fields.String(load_default=None, validate=ma.validate.Length(1, 100))
    consents = ma.fields.Dict(keys=ma.fields.String(), values=StrictBoolean(),
                              required=True)


class LoginSchema(ma.Schema):
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=320))
    password = _given_password()


class PasswordResetRequestSchema(ma.Schema):
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=320))


class PasswordResetSchema(ma.Schema):
    token = ma.fields.String(required=True, load_only=True, validate=ma.validate.Length(1, 200),
                             metadata={"description": "The reset code from the mail."})
    password = _new_password(metadata={"description": "The new password (10 characters or more)."})


class PasswordChangeSchema(ma.Schema):
    current_password = _given_password()
    new_password = _new_password(metadata={"description": "10 characters or more."})


class PasswordConfirmSchema(ma.Schema):
    password = _given_password(metadata={"description": "Your password, asked again."})


class PayoutCodeSchema(ma.Schema):
    """Read leniently, so that another panelist's payout is a 404 whatever the body."""

    class Meta:
        unknown = ma.EXCLUDE

    password = ma.fields.String(load_default="", metadata={
        "description": "Your password, asked again."})


class EraseSchema(PasswordConfirmSchema):
    forfeit_balance = StrictBoolean(load_default=False, metadata={
        "description": "Needed while a balance or a payout remains: you agree to lose it."})


class AcceptedSchema(ma.Schema):
    status = ma.fields.String(dump_only=True)


class RefreshSchema(ma.Schema):
    refresh_token = ma.fields.String(required=True, validate=ma.validate.Length(1, 200))


class TokenPairSchema(ma.Schema):
    access_token = ma.fields.String(dump_only=True)
    refresh_token = ma.fields.String(dump_only=True)
    token_type = ma.fields.String(dump_only=True)
    expires_in = ma.fields.Integer(dump_only=True)
    panelist = ma.fields.Nested(PanelistSchema, dump_only=True)


class UploadSchema(ma.Schema):
    """Other parts than ``image`` are ignored (and so documented: no additionalProperties)."""

    class Meta:
        unknown = ma.EXCLUDE

    image = ma.fields.List(Upload(), required=True,
                           metadata={"description": "The pages of one receipt, top to bottom; or one "
                                                  "PDF e-receipt as the only part."})


class ForwardingAddressSchema(ma.Schema):
    address = ma.fields.String(dump_only=True, metadata={
        "description": "Forward receipt mails here; private: anyone who knows it can send "
                       "you receipts. Renewing it retires this one."})
    created_at = ma.fields.DateTime(dump_only=True)


class ReceiptQuerySchema(ma.Schema):
    status = ma.fields.String(validate=ma.validate.OneOf(RECEIPT_STATUSES))


class ItemSchema(ma.Schema):
    description = ma.fields.String()
    quantity = DecimalString()
    unit_price = Money(allow_none=True)
    amount = Money()
    category_code = ma.fields.String(allow_none=True, metadata={
        "description": "What the item is: a COICOP 2018 class (01.1.4) or division (01); "
                       "null when not understood."})
    category_name = ma.fields.String(allow_none=True,
                                     metadata={"description": "The COICOP 2018 title."})
    category_confidence = ma.fields.Float(allow_none=True, metadata={
        "description": "0..1; under 0.5 the category is a guess."})
    brand = ma.fields.String(allow_none=True)


class RedactionSchema(ma.Schema):
    category = ma.fields.String()
    action = ma.fields.String()
    count = ma.fields.Integer()


class RedactedLineSchema(ma.Schema):
    line = ma.fields.Integer(metadata={
        "description": "The line's number on the receipt, counted from its top line (1)."})
    action = ma.fields.String(metadata={"description": "line_removed or masked."})
    reasons = ma.fields.Method("reasons_of", metadata={
        "description": "The categories that caused it (health, card_number, ...)."})
    top = ma.fields.Float(metadata={
        "description": "Where the line lies on the redacted image: its top, 0..1 of the "
                       "image's height."})
    height = ma.fields.Float(metadata={"description": "Its height, 0..1 of the image's."})

    def reasons_of(self, row):
        return [reason for reason in row.reasons.split(",") if reason]


class EventSchema(ma.Schema):
    at = ma.fields.DateTime()
    status = ma.fields.String()
    step = ma.fields.String(allow_none=True)
    reason = ma.fields.String(allow_none=True)


class QuickDump:
    """Dumps objects as ``schema.dump`` does, with the same fields' own ``_serialize``, but
    without marshmallow's per-value machinery (accessor look-ups, the List and Nested
    layers): a page of 100 receipts with their items and timelines has some 1,300 objects to
    dump. A None, a ``str`` for a String and a datetime or date for theirs are written as
    their fields would write them, without the call. For schemas of plain attributes,
    ``Method`` fields and lists of nested schemas of the same kind, without processors of
    their own (the caller runs them)."""

    def __init__(self, schema: ma.Schema):
        self.plan = []
        for name, field in schema.dump_fields.items():
            attribute = field.attribute or name
            if "." in attribute or field.dump_default is not ma.missing:
                raise ValueError(f"QuickDump cannot dump {name}")
            key = field.data_key or name
            if isinstance(field, ma.fields.Method):
                method = getattr(schema, field.serialize_method_name)
                self.plan.append((key, None, None, lambda value, obj, m=method: m(obj)))
            elif isinstance(field, ma.fields.List) and isinstance(field.inner, ma.fields.Nested):
                inner = QuickDump(field.inner.schema)
                self.plan.append((key, attribute, None, lambda value, obj, d=inner: [
                    d.one(each) for each in value]))
            elif isinstance(field, (ma.fields.Nested, ma.fields.List, ma.fields.Pluck)):
                raise ValueError(f"QuickDump cannot dump {name}")
            else:
                self.plan.append((key, attribute, _as_is(field), _Serializer(field, attribute)))

    def one(self, obj) -> dict:
        out = {}
        for key, attribute, as_is, serialize in self.plan:
            if attribute is None:
                out[key] = serialize(None, obj)
                continue
            value = getattr(obj, attribute, ma.missing)
            if value is None and as_is is not None:
                out[key] = None  # every plain field writes None as None
            elif as_is is str and type(value) is str:
                out[key] = value
            elif as_is is Decimal:  # as its field would write it, if no rounding is due
                exponent = serialize.places
                if type(value) is Decimal and value.is_finite() and (
                        exponent is None or value.as_tuple().exponent == exponent):
                    out[key] = format(value, "f")
                else:
                    out[key] = serialize(value, obj)
            elif as_is is not None and as_is is not str and type(value) is as_is:
                out[key] = value.isoformat()
            elif value is not ma.missing:  # as marshmallow: an absent attribute, no key
                out[key] = serialize(value, obj)
        return out


class _Serializer:
    """A field's own ``_serialize`` for one attribute; ``places`` is a Decimal field's
    exponent (None when it does not round)."""

    def __init__(self, field: ma.fields.Field, attribute: str):
        self.field, self.attribute = field, attribute
        places = getattr(field, "places", None)
        self.places = places.as_tuple().exponent if places is not None else None

    def __call__(self, value, obj):
        return self.field._serialize(value, self.attribute, obj)


def _as_is(field: ma.fields.Field):
    """The type a field writes without its call: ``str`` as itself, a datetime or date by
    ``isoformat`` (their fields' default format), a finite Decimal already at the field's
    places by ``format(value, "f")`` (what a string Decimal field does after rounding);
    ``object`` for any other plain field."""
    if type(field) is ma.fields.String:
        return str
    if isinstance(field, ma.fields.Decimal) and field.as_string and not field.allow_nan \
            and field.rounding is None:
        return Decimal
    if type(field) in (ma.fields.DateTime, ma.fields.Date) and field.format in (None, "iso"):
        return datetime if type(field) is ma.fields.DateTime else date
    return object


class ReceiptSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    status = ma.fields.String(dump_only=True)
    status_reason = ma.fields.String(dump_only=True, allow_none=True)
    submitted_at = ma.fields.DateTime(dump_only=True)
    processed_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    source = ma.fields.String(dump_only=True, metadata={
        "description": "How the receipt came: photo, pdf (an uploaded e-receipt) or email "
                       "(forwarded to your forwarding address)."})
    merchant = ma.fields.Method("merchant_of", dump_only=True, allow_none=True)
    purchase_date = ma.fields.Date(dump_only=True, allow_none=True)
    currency = ma.fields.String(dump_only=True, allow_none=True)
    subtotal = Money(dump_only=True, allow_none=True)
    tax = Money(dump_only=True, allow_none=True)
    total = Money(dump_only=True, allow_none=True)
    items = ma.fields.List(ma.fields.Nested(ItemSchema), dump_only=True)
    redactions = ma.fields.List(ma.fields.Nested(RedactionSchema), dump_only=True)
    redacted_lines = ma.fields.List(ma.fields.Nested(RedactedLineSchema), dump_only=True,
                                    metadata={"description": "Which lines were removed or "
                                              "masked and why, without their text."})
    period = ma.fields.String(dump_only=True)
    counts_toward_reward = ma.fields.Boolean(dump_only=True)
    reward_reason = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Why the receipt does not count toward its month's reward "
                       "(not_accepted, withdrawn, excluded_merchant, weekly_cap), or null."})
    image_url = ma.fields.Method("image_url_of", dump_only=True, allow_none=True)
    timeline = ma.fields.List(ma.fields.Nested(EventSchema), dump_only=True)
    withdrawn_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    purge_at = ma.fields.Method("purge_date", dump_only=True, metadata={
        "description": "When the redacted image and the items will be deleted."})
    purged_at = ma.fields.DateTime(dump_only=True, allow_none=True)

    def purge_date(self, receipt):
        days = current_app.config["RETENTION_DAYS"]
        return (receipt.submitted_at + timedelta(days=days)).date().isoformat()

    def merchant_of(self, receipt):
        return {"name": receipt.merchant_name} if receipt.merchant_name else None

    @ma.post_dump(pass_collection=True, pass_original=True)
    def add_qualification(self, data, original, many, **_):
        """Both reward fields, from one look per month among the receipts dumped."""
        rows, receipts = (data, list(original)) if many else ([data], [original])
        for row, answer in zip(rows, rewards.qualifications(receipts)):
            row["counts_toward_reward"], row["reward_reason"] = answer
        return data

    def image_url_of(self, receipt):
        if not receipt.redacted_image_key:
            return None
        return f"/api/v1/receipts/{receipt.id}/image"

    def dump(self, obj, *, many: bool | None = None):
        """What ``ma.Schema.dump`` gives (tested), in a fraction of the time (QuickDump)."""
        many = self.many if many is None else many
        quick = self.__dict__.get("_quick") or self.__dict__.setdefault("_quick",
                                                                        QuickDump(self))
        data = [quick.one(receipt) for receipt in obj] if many else quick.one(obj)
        return self.add_qualification(data, obj, many)


class PeriodProgressSchema(ma.Schema):
    period = ma.fields.String()
    qualifying_receipts = ma.fields.Integer()
    goal = ma.fields.Integer()
    reward = Money()


class PeriodSchema(ma.Schema):
    period = ma.fields.String()
    qualifying_receipts = ma.fields.Integer()
    goal = ma.fields.Integer()
    earned = Money()


class RewardsSchema(ma.Schema):
    currency = ma.fields.String()
    balance = Money()
    current_period = ma.fields.Nested(PeriodProgressSchema)
    periods = ma.fields.List(ma.fields.Nested(PeriodSchema))


class LedgerEntrySchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    at = ma.fields.DateTime(attribute="created_at", dump_only=True)
    kind = ma.fields.String(dump_only=True)
    amount = ma.fields.Method("amount_of", dump_only=True)
    currency = ma.fields.String(dump_only=True)
    period = ma.fields.String(dump_only=True, allow_none=True)
    description = ma.fields.String(dump_only=True)

    def amount_of(self, entry):
        return f"{from_minor(entry.amount_minor):.2f}"


class RedemptionSchema(ma.Schema):
    amount = DecimalString(required=True, places=None,
                           validate=ma.validate.Range(min=0, min_inclusive=False),
                           metadata={"pattern": r"^[0-9]{1,9}(\.[0-9]{1,2})?$",
                                     "example": "4.00"})
    method = ma.fields.String(load_default="store_credit",
                              metadata={"description": "store_credit, charity or gift_card"})
    brand = ma.fields.String(load_default=None, allow_none=True,
                             validate=ma.validate.Length(max=40),
                             metadata={"description": "a gift card's brand (optional)"})


class PayoutEventSchema(ma.Schema):
    at = ma.fields.DateTime(dump_only=True)
    state = ma.fields.String(dump_only=True)
    reason = ma.fields.String(dump_only=True, allow_none=True)


class GiftCardCodeSchema(ma.Schema):
    brand = ma.fields.String(dump_only=True)
    code = ma.fields.String(dump_only=True)
    pin = ma.fields.String(dump_only=True, allow_none=True)
    expires_on = ma.fields.Date(dump_only=True, allow_none=True)


class PayoutSchema(ma.Schema):
    id = ma.fields.String(dump_only=True)
    state = ma.fields.String(dump_only=True, metadata={
        "description": "requested, reserved, delivered, failed or reversed"})
    reason = ma.fields.String(dump_only=True, allow_none=True)
    method = ma.fields.String(dump_only=True)
    amount = Money(dump_only=True)
    currency = ma.fields.String(dump_only=True)
    brand = ma.fields.String(dump_only=True, allow_none=True)
    requested_at = ma.fields.DateTime(dump_only=True)
    delivered_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    code = ma.fields.Nested(GiftCardCodeSchema, dump_only=True, allow_none=True, metadata={
        "description": "the gift card, only the first time it is shown or after the password"})
    code_available = ma.fields.Boolean(dump_only=True)
    code_shown = ma.fields.Boolean(dump_only=True)
    history = ma.fields.List(ma.fields.Nested(PayoutEventSchema), dump_only=True)


class RedemptionResultSchema(LedgerEntrySchema):
    payout = ma.fields.Nested(PayoutSchema, dump_only=True)


class QuestionSchema(ma.Schema):
    id = ma.fields.String()
    text = ma.fields.String()
    kind = ma.fields.String()
    choices = ma.fields.List(ma.fields.String())


class SurveySchema(ma.Schema):
    id = ma.fields.String(attribute="survey.id")
    title = ma.fields.String(attribute="survey.title")
    reward = ma.fields.Method("reward_of")
    questions = ma.fields.List(ma.fields.Nested(QuestionSchema), attribute="survey.questions")
    answered = ma.fields.Boolean()

    def reward_of(self, row):
        return f"{from_minor(row['survey'].reward_minor):.2f}"


class AnswerSchema(ma.Schema):
    question_id = ma.fields.String(required=True)
    value = ma.fields.Raw(required=True, metadata={
        "description": "A choice, a list of choices, a rating 1-5, or a short text."})


class SurveyResponseSchema(ma.Schema):
    answers = ma.fields.List(ma.fields.Nested(AnswerSchema), required=True,
                             validate=ma.validate.Length(min=1, max=100))


class WaitlistJoinSchema(ma.Schema):
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=320))
    country = ma.fields.String(load_default=None, validate=ma.validate.Regexp(
        r"^[A-Za-z]{2}$", error="Use a two-letter country code (ISO 3166), e.g. DE."))
    postal_code = ma.fields.String(load_default=None, validate=ma.validate.Regexp(
        r"^[A-Za-z0-9 -]{2,12}$", error="Use 2 to 12 letters, digits, spaces or dashes."))
    language = ma.fields.String(load_default=None, validate=ma.validate.OneOf(i18n.languages()),
                                metadata={"description": "The language of the waitlist mail, "
                                                         "status page and invitation; left "
                                                         "out: the request's Accept-Language."})


class RecipientSchema(ma.Schema):
    """A recipient as a panelist reads it (``services.recipients.ForPanelist``)."""

    code = ma.fields.String(dump_only=True)
    name = ma.fields.String(dump_only=True)
    country = ma.fields.String(dump_only=True)
    country_name = ma.fields.String(dump_only=True)
    role = ma.fields.String(dump_only=True)
    role_words = ma.fields.String(dump_only=True)
    purposes = ma.fields.String(dump_only=True)
    data_categories = ma.fields.String(dump_only=True)
    transfer_mechanism = ma.fields.String(dump_only=True, allow_none=True)
    retention = ma.fields.String(dump_only=True)
    version = ma.fields.String(dump_only=True)
    needs_consent = ma.fields.Boolean(dump_only=True)
    granted = ma.fields.Boolean(dump_only=True, allow_none=True)


class ContributionSchema(ma.Schema):
    """A release the panelist's receipts went into (``services.releases.contributed_by``)."""

    release_id = ma.fields.String(dump_only=True)
    recipient = ma.fields.String(dump_only=True)
    recipient_code = ma.fields.String(dump_only=True)
    country = ma.fields.String(dump_only=True)
    country_name = ma.fields.String(dump_only=True)
    released_at = ma.fields.String(dump_only=True)
    period = ma.fields.String(dump_only=True)
    figures = ma.fields.String(dump_only=True)
    your_receipts = ma.fields.Integer(dump_only=True)
    epsilon = ma.fields.Float(dump_only=True)


class ReleaseSummarySchema(ma.Schema):
    """A release in the recipient's list."""

    id = ma.fields.String(dump_only=True)
    period = ma.fields.String(dump_only=True)
    group_by = ma.fields.String(dump_only=True)
    measures = ma.fields.List(ma.fields.String(), dump_only=True)
    approved_at = ma.fields.DateTime(attribute="decided_at", dump_only=True)


class ReleaseDocumentSchema(ma.Schema):
    """A release with its figures and privacy parameters (``services.releases.document``)."""

    id = ma.fields.String(dump_only=True)
    period = ma.fields.String(dump_only=True)
    group_by = ma.fields.String(dump_only=True)
    measures = ma.fields.List(ma.fields.String(), dump_only=True)
    recipient = ma.fields.Dict(dump_only=True)
    approved_at = ma.fields.String(dump_only=True)
    privacy = ma.fields.Dict(dump_only=True)
    figures = ma.fields.List(ma.fields.Dict(), dump_only=True)
