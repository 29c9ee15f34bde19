"""Typed SQLAlchemy models. They import only ``panel.db``."""
from panel.models.changes import Change
from panel.models.panelists import (
    AuthToken,
    Consent,
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
    ForwardingAddress,
    IdempotencyKey,
    Receipt,
    ReceiptEvent,
    ReceiptItem,
    ReceiptRedactedLine,
    ReceiptRedaction,
    ReceiptSource,
    ReceiptStatus,
)
from panel.models.recipients import (
    PrivacyBudget,
    Recipient,
    RecipientKey,
    Release,
    ReleaseContribution,
    ReleaseDelivery,
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

__all__ = ["Change", "AuthToken", "Consent", "DeletionRecord", "IdempotencyKey", "Invite", "Panelist", "PasswordReset", "Receipt",
           "ReceiptEvent", "ReceiptItem", "ReceiptRedactedLine", "ReceiptRedaction", "ReceiptSource", "ReceiptStatus", "ForwardingAddress", "FINAL_STATUSES",
           "UNFINISHED_STATUSES", "LedgerEntry", "Payout", "RewardPeriod",
           "PayoutEvent", "PayoutState", "OPEN_STATES", "FINAL_STATES", "GiftCardCode",
           "InventoryAlert",
           "Survey", "SurveyQuestion", "SurveyResponse", "PrivacyBudget", "Recipient",
           "RecipientKey", "Release", "ReleaseContribution", "ReleaseDelivery"]
