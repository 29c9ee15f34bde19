"""Polish and Czech (the other languages of Central and Eastern Europe: ``cee``)."""
WORDS = {
    "total": [r"\bsuma\b", r"\brazem\b", r"\bcelkem\b"],
    "savings": [r"oszcz[eę]dno", r"zaoszcz"],
    "greeting": [r"witamy"],
    "column": [r"\bilo[śs][ćc]\b", r"\bcena\b", r"\bwarto[śs][ćc]\b", r"\bnazwa\b"],
}
