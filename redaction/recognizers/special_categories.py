"""Special categories of personal data (GDPR Art. 9) found on item lines by word lists.

Each recognizer reads a German and an English list from ``redaction/data/``; the default
policy removes the whole line (the item is dropped and the line painted over).
"""
from __future__ import annotations

from redaction.recognizers.word_list import WordListRecognizer


class HealthRecognizer(WordListRecognizer):
    """Tests, contraception, medical devices, clinic and therapy fees, pharmacy medicines."""
    name = "health"
    category = "health"
    lists = ("health.de", "health.en")


class ReligionRecognizer(WordListRecognizer):
    """Churches, mosques, temples, synagogues, tithes, church tax, devotional items."""
    name = "religion"
    category = "religion"
    lists = ("religion.de", "religion.en")


class PoliticalRecognizer(WordListRecognizer):
    """Party membership fees, party and campaign donations."""
    name = "political"
    category = "political"
    lists = ("political.de", "political.en")


class TradeUnionRecognizer(WordListRecognizer):
    """Trade-union membership and dues."""
    name = "trade_union"
    category = "trade_union"
    lists = ("trade_union.de", "trade_union.en")


class SexLifeRecognizer(WordListRecognizer):
    """Sex toys, lubricants, erotic shops and services."""
    name = "sex_life"
    category = "sex_life"
    lists = ("sex_life.de", "sex_life.en")
