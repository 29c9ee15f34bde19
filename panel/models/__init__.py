"""Typed SQLAlchemy models. They import only ``panel.db``."""
from panel.models.changes import Change
from panel.models.panelists import (
    AuthToken,
    Consent,
    DataKey,
    DeletionRecord,
    Invite,
    Panelist,
    PasswordReset,
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
from panel.models.rewards import LedgerEntry, Payout, RewardPeriod
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

__all__ = ["Change", "AuthToken", "Consent", "DataKey", "DeletionRecord", "IdempotencyKey", "Invite", "Panelist", "PasswordReset", "Receipt",
           "ReceiptEvent", "ReceiptItem", "ReceiptRedaction", "ReceiptStatus", "FINAL_STATUSES",
           "UNFINISHED_STATUSES", "LedgerEntry", "Payout", "RewardPeriod",
           "Survey", "SurveyQuestion", "SurveyResponse"]
