"""Card expiry dates after an expiry cue ("Gültig bis 12/27", "EXP 03/2028", "valid thru")."""
from __future__ import annotations

from redaction.recognizers.cued_value import CuedValueRecognizer


class CardExpiryRecognizer(CuedValueRecognizer):
    name = "card_expiry"
    category = "card_expiry"
    cue = (r"(?<![^\W_])(?:exp(?:iry|ires|iration)?(?:\s*date)?|valid\s*(?:thru|through|until)"
           r"|good\s*thru|gu(?:e)?ltig\s*bis|ablauf(?:datum)?|verfall(?:sdatum|datum)?"
           r"|karte\s*gu(?:e)?ltig"
           r"|mm/jj|mm/yy)(?![^\W_])")
    value = r"(?:0[1-9]|1[0-2])\s?[/.-]\s?(?:20)?\d{2}(?!\d)"
    score = 0.85
