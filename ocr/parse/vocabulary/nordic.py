"""Swedish, Danish, Norwegian, Finnish."""
WORDS = {
    "total": [r"\bsumma\b", r"\bi\s?alt\b", r"\byhteens[äa]\b"],
    "savings": [r"besparelse", r"besparing", r"\bspar(?:ade|at|et|te)\b"],
    "greeting": [r"v[äa]lkommen"],
    "date_cue": ["dato"],
    "column": [r"\bantal\b", r"\bpris\b", r"\bbel[øo]b\b", r"\bbelopp\b", r"\bbeskrivelse\b"],
}
