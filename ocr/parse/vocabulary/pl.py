"""Polish and Czech."""
WORDS = {
    "total": [r"\bsuma\b", r"\brazem\b", r"\bcelkem\b"],
    "savings": [r"oszcz[eę]dno", r"zaoszcz"],
    "greeting": [r"witamy"],
    "column": [r"\bilo[śs][ćc]\b", r"\bcena\b", r"\bwarto[śs][ćc]\b", r"\bnazwa\b"],
}
