"""E-mail addresses. OCR sometimes puts a space around the @ or after a dot: allowed.
Role accounts of a shop (info@, service@, ...) are not personal and score below reporting."""
from __future__ import annotations

from redaction.recognizers.base import Pattern, Recognizer

ROLE_ACCOUNTS = ("info", "service", "kundenservice", "support", "kontakt", "contact", "shop",
                 "office", "mail", "hello", "noreply", "no-reply", "webshop", "filiale")


class EmailRecognizer(Recognizer):
    name = "email"
    category = "email"
    patterns = (
        Pattern("email", r"(?<![\w.+-])[\w+-]+(?:\. ?[\w+-]+)* ?@ ?[\w-]+(?:\. ?[\w-]+)*\.[a-z]{2,}"
                r"(?![\w])", 0.9),
    )
    context_words = ("e-mail", "email", "mail", "kunde", "customer")

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        local_part = text.split("@")[0].strip().casefold()
        return 0.15 if local_part in ROLE_ACCOUNTS else pattern.score
