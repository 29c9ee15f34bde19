"""Recipients, panelists with consents and receipts, made straight in the database for the
release tests (call inside an app context)."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from panel.db import db, new_id
from panel.models import Consent, Panelist, Receipt, ReceiptItem
from panel.services import recipients
from panel.services.audit import COMMAND_LINE

WHEN = datetime(2026, 10, 14, 12, tzinfo=ZoneInfo("Europe/Berlin"))
MILK = ("01.1.4", "Milk, other dairy products and eggs")


def recipient(code: str = "acme-cn", country: str = "CN"):
    return recipients.create(COMMAND_LINE, code, {
        "name": f"{code} research", "contact": f"privacy@{code}.example", "country": country,
        "role": "client", "purposes": "Reports on what households buy",
        "data_categories": "Noisy counts and spending per group",
        "legal_basis": "Consent", "retention": "24 months",
        "transfer_mechanism": "Standard contractual clauses" if country != "DE" else ""})


def panelist(research_partners: bool = True, *recipients_consented) -> str:
    person = Panelist(email_hash=uuid.uuid4().hex, email_sealed=b"-", password_hash="-")
    db.session.add(person)
    db.session.flush()
    db.session.add(Consent(panelist_id=person.id, purpose="research_partners",
                           granted=research_partners, version="1"))
    for r in recipients_consented:
        db.session.add(Consent(panelist_id=person.id, purpose=recipients.purpose_of(r),
                               granted=True, version=str(r.version)))
    db.session.commit()
    return person.id


def receipt(panelist_id: str, merchant: str, total: str, *items: tuple[str, str, str],
            minutes: int = 0) -> str:
    at = WHEN + timedelta(minutes=minutes)
    row = Receipt(id=new_id(), panelist_id=panelist_id, status="accepted", page_count=1,
                  submitted_at=at, period="2026-10", merchant_name=merchant, currency="EUR",
                  total=Decimal(total), processed_at=at)
    row.items = [ReceiptItem(position=n, description="x", quantity=Decimal(1),
                             amount=Decimal(amount), category_code=code, category_name=name)
                 for n, (code, name, amount) in enumerate(items)]
    db.session.add(row)
    db.session.commit()
    return row.id
