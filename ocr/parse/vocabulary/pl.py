"""Polish and Czech."""
WORDS = {
    "total": [r"\bsuma\b", r"\brazem\b", r"\bcelkem\b"],
    "greeting": [r"witamy"],
}
