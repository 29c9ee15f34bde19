"""Swedish, Danish, Norwegian, Finnish."""
WORDS = {
    "total": [r"\bsumma\b", r"\bi\s?alt\b", r"\byhteens[äa]\b"],
    "greeting": [r"v[äa]lkommen"],
    "date_cue": ["dato"],
}
