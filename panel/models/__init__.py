"""Typed SQLAlchemy models. They import only ``panel.db``."""
from panel.models.panelists import (
    AuthToken, Consent, DataKey, DeletionRecord, Invite, Panelist)
from panel.models.receipts import (
    IdempotencyKey, Receipt, ReceiptEvent, ReceiptItem, ReceiptRedaction)

__all__ = ["AuthToken", "Consent", "DataKey", "DeletionRecord", "IdempotencyKey", "Invite", "Panelist", "Receipt",
           "ReceiptEvent", "ReceiptItem", "ReceiptRedaction"]
