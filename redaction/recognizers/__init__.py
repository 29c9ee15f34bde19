"""Recognizers: one small class per kind of sensitive content, and the registry."""
from redaction.recognizers.address import AddressRecognizer
from redaction.recognizers.address_block import AddressBlockRecognizer
from redaction.recognizers.auth_code import AuthCodeRecognizer
from redaction.recognizers.bank_account import BankAccountRecognizer, MaskedIbanRecognizer
from redaction.recognizers.base import Candidate, Pattern, Recognizer
from redaction.recognizers.card_expiry import CardExpiryRecognizer, ExpiryAfterBisRecognizer
from redaction.recognizers.card_number import CardNumberRecognizer
from redaction.recognizers.email import EmailFragmentRecognizer, EmailRecognizer
from redaction.recognizers.iban import IbanRecognizer
from redaction.recognizers.item_meaning import ItemMeaningRecognizer
from redaction.recognizers.licence_plate import LicencePlateRecognizer
from redaction.recognizers.loyalty_id import LoyaltyIdRecognizer
from redaction.recognizers.masked_card_number import MaskedCardNumberRecognizer
from redaction.recognizers.misread_mask import MisreadMaskRecognizer
from redaction.recognizers.person_name import PersonNameRecognizer
from redaction.recognizers.phone import PhoneRecognizer
from redaction.recognizers.prescription import PrescriptionRecognizer
from redaction.recognizers.registry import Registry, default_registry
from redaction.recognizers.slip_code import SlipCodeRecognizer
from redaction.recognizers.special_categories import (
    HealthRecognizer,
    PoliticalRecognizer,
    ReligionRecognizer,
    SexLifeRecognizer,
    TradeUnionRecognizer,
)
from redaction.recognizers.word_list import WordListRecognizer

ALL_RECOGNIZERS = (
    CardNumberRecognizer, MaskedCardNumberRecognizer, CardExpiryRecognizer, AuthCodeRecognizer,
    IbanRecognizer, MaskedIbanRecognizer, BankAccountRecognizer, PrescriptionRecognizer,
    HealthRecognizer, ReligionRecognizer, PoliticalRecognizer, TradeUnionRecognizer,
    SexLifeRecognizer, PersonNameRecognizer, EmailRecognizer, EmailFragmentRecognizer,
    PhoneRecognizer, LoyaltyIdRecognizer, AddressRecognizer, AddressBlockRecognizer,
    LicencePlateRecognizer, MisreadMaskRecognizer, ExpiryAfterBisRecognizer, SlipCodeRecognizer,
    ItemMeaningRecognizer,
)

__all__ = [
    "Candidate", "Pattern", "Recognizer", "Registry", "default_registry", "WordListRecognizer",
    "ALL_RECOGNIZERS", *(recognizer.__name__ for recognizer in ALL_RECOGNIZERS),
]
