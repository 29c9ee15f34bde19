"""Typed SQLAlchemy models. They import only ``panel.db``."""
from panel.models.panelists import (
    AuthToken,
    Consent,
    DataKey,
    DeletionRecord,
    Invite,
    Panelist,
    PasswordReset,
)
from panel.models.payouts import (
    FINAL_STATES,
    OPEN_STATES,
    GiftCardCode,
    InventoryAlert,
    PayoutState,
)
from panel.models.receipts import (
    FINAL_STATUSES,
    UNFINISHED_STATUSES,
    IdempotencyKey,
    Receipt,
    ReceiptEvent,
    ReceiptItem,
    ReceiptRedaction,
    ReceiptStatus,
)
from panel.models.rewards import LedgerEntry, Payout, PayoutEvent, RewardPeriod
from panel.models.staff import (  # noqa: F401
    AuditEntry,
    OutboxMessage,
    StaffAccount,
    StaffSession,
    ThrottleCount,
    ThrottleHit,
    WaitlistEntry,
)
from panel.models.surveys import Survey, SurveyQuestion, SurveyResponse

__all__ = ["AuthToken", "Consent", "DataKey", "DeletionRecord", "IdempotencyKey", "Invite", "Panelist", "PasswordReset", "Receipt",
           "ReceiptEvent", "ReceiptItem", "ReceiptRedaction", "ReceiptStatus", "FINAL_STATUSES",
           "UNFINISHED_STATUSES", "LedgerEntry", "Payout", "RewardPeriod",
           "PayoutEvent", "PayoutState", "OPEN_STATES", "FINAL_STATES", "GiftCardCode",
           "InventoryAlert",
           "Survey", "SurveyQuestion", "SurveyResponse"]
