"""Typed SQLAlchemy models. They import only ``panel.db``."""
from panel.models.panelists import AuthToken, Consent, Invite, Panelist
from panel.models.receipts import (
    IdempotencyKey, Receipt, ReceiptEvent, ReceiptItem, ReceiptRedaction)

__all__ = ["AuthToken", "Consent", "IdempotencyKey", "Invite", "Panelist", "Receipt",
           "ReceiptEvent", "ReceiptItem", "ReceiptRedaction"]
