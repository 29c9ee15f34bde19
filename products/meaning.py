"""Sensitive meanings of an item (GDPR Art. 9 special categories), from its class and from
the sensitive words of ``data/meanings.tsv``; and the redaction category each belongs to."""
from __future__ import annotations

HEALTH_CONDITION = "health_condition"
MEDICINE = "medicine"
MEDICAL_DEVICE = "medical_device"
HEALTH_CARE = "health_care"
SEXUAL_WELLNESS = "sexual_wellness"
RELIGIOUS = "religious"
POLITICAL = "political"
TRADE_UNION = "trade_union"
# an item a pharmacy sold that the classifier does not know to be ordinary (products.context)
PHARMACY_ITEM = "pharmacy_item"

# signal -> the redaction category (redaction.policy) that decides what is done with it
SIGNALS: dict[str, str] = {
    HEALTH_CONDITION: "health", MEDICINE: "health", MEDICAL_DEVICE: "health",
    HEALTH_CARE: "health", SEXUAL_WELLNESS: "sex_life", RELIGIOUS: "religion",
    POLITICAL: "political", TRADE_UNION: "trade_union", PHARMACY_ITEM: "health",
}
# COICOP 2018 classes (and the division) whose items are sensitive by what they are
CLASS_SIGNALS: dict[str, str] = {
    "06": HEALTH_CARE, "06.1.1": MEDICINE, "06.1.2": MEDICAL_DEVICE, "06.1.3": MEDICAL_DEVICE,
    "06.1.4": MEDICAL_DEVICE, "06.2.1": HEALTH_CARE, "06.2.2": HEALTH_CARE,
    "06.2.3": HEALTH_CARE, "06.3.1": HEALTH_CARE, "06.3.2": HEALTH_CARE,
    "06.4.1": HEALTH_CARE, "06.4.2": HEALTH_CARE,
    "13.2.2": RELIGIOUS, "14.6.1": RELIGIOUS, "14.6.2": POLITICAL,
}

# the class a sensitive word tells when nothing on the line tells one, in this order: COICOP
# 2018 13.2.9 holds erotic articles (SEA 2021 1329 139 "Erotikspielzeug"), 13.2.2 devotional
# articles, 14.6.2 parties and unions; a condition alone is the division's
SIGNAL_CLASSES: tuple[tuple[str, str], ...] = (
    (MEDICINE, "06.1.1"), (MEDICAL_DEVICE, "06.1.2"), (HEALTH_CONDITION, "06"),
    (HEALTH_CARE, "06"), (PHARMACY_ITEM, "06"), (SEXUAL_WELLNESS, "13.2.9"), (RELIGIOUS, "13.2.2"),
    (TRADE_UNION, "14.6.2"), (POLITICAL, "14.6.2"))


def signal_class(signals) -> str | None:
    """The class the sensitive ``signals`` of a line tell alone (``PENISRING``: 13.2.9)."""
    return next((code for signal, code in SIGNAL_CLASSES if signal in signals), None)


def signals_for(code: str | None, words: set[str]) -> set[str]:
    """The signal of the class ``code`` (14.6.2 "political parties, labour and professional
    organizations" is a union's where a union word says so)."""
    if "ordinary" in words:
        return set()  # the class came from words that tell nothing sensitive (vitamins)
    signal = CLASS_SIGNALS.get(code or "")
    if signal == POLITICAL and TRADE_UNION in words:
        return set()
    return {signal} if signal else set()


def categories(signals) -> set[str]:
    return {SIGNALS[signal] for signal in signals}
