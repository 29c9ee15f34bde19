"""E-mail addresses. OCR sometimes puts a space around the @ or after a dot, drops the dot
before the top-level domain ("max@examplede") or cuts the address off ("max@exampl"): an @
between a local part and a domain of three or more letters is enough. Role accounts of a shop
(info@, service@, ...) are not personal and are not reported."""
from __future__ import annotations

from redaction.recognizers.base import Pattern, Recognizer
from redaction.recognizers.cued_value import CuedValueRecognizer

ROLE_ACCOUNTS = ("info", "service", "kundenservice", "support", "kontakt", "contact", "shop",
                 "office", "mail", "hello", "noreply", "no-reply", "webshop", "filiale")


NOT_LOCAL_PARTS = ("nr", "no", "tel", "fax", "www", "str")


def role_account(text: str) -> bool:
    return text.split("@")[0].strip().casefold() in ROLE_ACCOUNTS


class EmailRecognizer(Recognizer):
    name = "email"
    category = "email"
    patterns = (
        Pattern("email", r"(?<![\w.+-])[\w+-]+(?:\. ?[\w+-]+)* ?@ ?[\w-]+(?:\. ?[\w-]+)*\.[a-z]{2,}"
                r"(?![\w])", 0.9),
        # a misread or cut-off address: no dot before the domain's end, or no domain end
        Pattern("email_misread", r"(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*@[\w-]{3,}(?:\.[\w-]*)*",
                0.7),
    )
    context_words = ("e-mail", "email", "mail", "kunde", "customer")

    def applies_to(self, page) -> bool:
        return "@" in page.text and super().applies_to(page)

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        return None if role_account(text) else pattern.score  # context must not lift it


class EmailFragmentRecognizer(CuedValueRecognizer):
    """What is left of an address OCR read only in part ("Kunde: emily." with the rest lost
    to a shadow): after an e-mail or customer cue with a colon, a lower-case word holding a
    dot or an @. A capitalised word there is a name (``person_name``), not this."""

    name = "email_fragment"
    category = "email"
    cue = r"(?<![^\W_])(?:e-?mail|kunde|kundin|customer)\s*:"
    value = r"[a-z][\w+-]*(?:[.@][\w+-]*)+(?![\w@])"
    score = 0.7

    def accept(self, value: str) -> bool:
        first = value.replace("@", ".").split(".")[0]
        return len(value) >= 4 and first not in NOT_LOCAL_PARTS and not role_account(value)
