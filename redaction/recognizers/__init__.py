"""Recognizers: one small class per kind of sensitive content, and the registry."""
from redaction.recognizers.base import Candidate, Pattern, Recognizer
from redaction.recognizers.card_number import CardNumberRecognizer
from redaction.recognizers.email import EmailRecognizer
from redaction.recognizers.iban import IbanRecognizer
from redaction.recognizers.masked_card_number import MaskedCardNumberRecognizer
from redaction.recognizers.phone import PhoneRecognizer
from redaction.recognizers.prescription import PrescriptionRecognizer
from redaction.recognizers.registry import Registry, default_registry

__all__ = [
    "Candidate", "Pattern", "Recognizer", "Registry", "default_registry",
    "CardNumberRecognizer", "MaskedCardNumberRecognizer", "IbanRecognizer",
    "PrescriptionRecognizer", "EmailRecognizer", "PhoneRecognizer",
]
