"""ReceiptSchema's quick dump gives exactly what marshmallow's own dump gives, for receipts
of every shape (fields missing or present, odd decimals, items, redactions, timelines); and
the API's list read with plain statements (``listing_for``) shows what the ORM's page
(``page_for``) shows, on both databases."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import marshmallow as ma
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel.models import Receipt, ReceiptEvent, ReceiptItem, ReceiptRedaction, ReceiptStatus
from panel.schemas import QuickDump, ReceiptSchema

money = st.one_of(st.none(), st.decimals(min_value=-10_000, max_value=10_000, places=3,
                                         allow_nan=False, allow_infinity=False))
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1),
                       timezones=st.just(timezone.utc))
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@st.composite
def receipts(draw):
    submitted = draw(moments)
    receipt = Receipt(
        id=draw(st.uuids()).hex, panelist_id="p-1", status=draw(st.sampled_from(list(
            ReceiptStatus))), status_reason=draw(st.one_of(st.none(), text)),
        submitted_at=submitted, processed_at=draw(st.one_of(st.none(), moments)),
        period=submitted.strftime("%Y-%m"), merchant_name=draw(st.one_of(st.none(), text)),
        purchase_date=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1)))),
        currency=draw(st.one_of(st.none(), st.just("EUR"))), subtotal=draw(money),
        tax=draw(money), total=draw(money),
        redacted_image_key=draw(st.one_of(st.none(), st.just("redacted/x.jpg"))),
        withdrawn_at=draw(st.one_of(st.none(), moments)),
        purged_at=draw(st.one_of(st.none(), moments)))
    receipt.items = [ReceiptItem(
        position=n, description=draw(text), quantity=draw(st.decimals(
            min_value=0, max_value=99, places=3, allow_nan=False)),
        unit_price=draw(money), amount=draw(money) or Decimal("0"),
        category_code=draw(st.one_of(st.none(), st.just("01.1.4"))),
        category_name=draw(st.one_of(st.none(), text)),
        category_confidence=draw(st.one_of(st.none(), st.floats(0, 1))),
        brand=draw(st.one_of(st.none(), text)))
        for n in range(draw(st.integers(0, 4)))]
    receipt.redactions = [ReceiptRedaction(category=category, action="masked",  # one a kind
                                           count=draw(st.integers(0, 9)))
                          for category in draw(st.lists(text, max_size=2, unique=True))]
    receipt.timeline = [ReceiptEvent(sequence=n, at=submitted + timedelta(seconds=n),
                                     status=ReceiptStatus.PROCESSING, step=draw(st.one_of(
                                         st.none(), text)), reason=draw(st.one_of(st.none(), text)))
                        for n in range(draw(st.integers(0, 5)))]
    return receipt


@pytest.fixture
def context(app):
    with app.app_context():
        yield


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.lists(receipts(), max_size=6))
def test_quick_dump_is_marshmallows_dump(context, page):
    schema = ReceiptSchema(many=True)
    assert schema.dump(page) == ma.Schema.dump(ReceiptSchema(many=True), page)
    for receipt in page[:1]:
        assert ReceiptSchema().dump(receipt) == ma.Schema.dump(ReceiptSchema(), receipt)


def test_quick_dump_refuses_what_it_cannot_dump():
    class Dotted(ma.Schema):
        id = ma.fields.String(attribute="survey.id")

    with pytest.raises(ValueError):
        QuickDump(Dotted())


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.lists(receipts(), min_size=1, max_size=5))
def test_the_listing_read_plainly_dumps_as_the_orm_page(context, page):
    from panel.db import db
    from panel.models import Panelist
    from panel.services.receipts import listing_for, page_for
    panelist = db.session.get(Panelist, "p-1") or Panelist(
        id="p-1", email_hash="h", email_sealed=b"x", password_hash="x")
    db.session.add(panelist)
    for receipt in page:
        receipt.page_count = 1
        for n, event in enumerate(receipt.timeline):
            event.sequence = n
        db.session.add(receipt)
    db.session.commit()
    try:
        for status in (None, page[0].status):
            plain, total = listing_for(panelist, status, 1, 100)
            db.session.expire_all()
            orm, orm_total = page_for(panelist, status, 1, 100)
            assert total == orm_total
            assert ReceiptSchema(many=True).dump(plain) == ma.Schema.dump(
                ReceiptSchema(many=True), orm)
    finally:
        db.session.rollback()
        db.session.query(Receipt).delete()
        db.session.commit()
