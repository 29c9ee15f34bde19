import pytest

from redaction.recognizers.checksums import ean13_valid, iban_valid, luhn_valid


@pytest.mark.parametrize("digits, valid", [
    ("4111111111111111", True),
    ("4111111111111112", False),
    ("5500000000000004", True),
    ("378282246310005", True),      # Amex test number, 15 digits
    ("6011111111111117", True),
    ("4222222222222", True),        # 13-digit Visa test number
    ("79927398713", True),          # the textbook example
    ("79927398710", False),
    ("", False),
    ("4111 1111 1111 1111", False),  # validators take digits only
])
def test_luhn(digits, valid):
    assert luhn_valid(digits) is valid


@pytest.mark.parametrize("digits, valid", [
    ("4006381333931", True),
    ("4006381333932", False),
    ("5901234123457", True),
    ("590123412345", False),
])
def test_ean13(digits, valid):
    assert ean13_valid(digits) is valid


@pytest.mark.parametrize("text, valid", [
    ("DE89 3704 0044 0532 0130 00", True),
    ("GB82WEST12345698765432", True),
    ("DE89 3704 0044 0532 0130 01", False),
    ("DE89", False),
])
def test_iban(text, valid):
    assert iban_valid(text) is valid
