"""Dutch: the Netherlands, Belgium."""
WORDS = {
    "total": [r"\btotaal\b", r"\bte\s?betalen\b"],
    "subtotal": [r"subtotaal"],
    "savings": [r"besparing", r"bespaard", r"\bvoordeel\b"],
    "tax": [r"\bbtw(?![a-z])"],
    "rounding": [r"afronding"],
    "cash": [r"contant(?:en)?"],
    "change": [r"\bterug\b", r"wisselgeld"],
    "title": [r"kassabon", r"factuur", r"kopie", r"bon\b"],
    "document": [r"factuur", r"kassabon"],
    "address_label": [r"factuuradres", r"afleveradres"],
    "greeting": [r"welkom"],
    "legal_mention": [r"\bkvk\b", r"handelsregister", r"btw[-\s]?(?:nr|nummer)"],
    "months": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"],
    "street": [r"straat(?![a-z])", r"\blaan\b", r"\bplein\b", r"gracht(?![a-z])", r"\bkade\b"],
    "column": [r"\baantal\b", r"\bprijs\b", r"\bbedrag\b", r"\bomschrijving\b"],
}
