"""Italian: Italy, Switzerland."""
WORDS = {
    "total": [r"\bda\s?pagare\b"],
    "subtotal": [r"subtotale", r"totale parziale"],
    "tax": [r"\biva(?![a-z])"],
    "service": [r"servizio", r"coperto"],
    "rounding": [r"arrotond"],
    "cash": [r"contanti"],
    "change": [r"\bresto\b"],
    "role": [r"cassier[ea]\b", r"camerier[ea]\b"],
    "title": [r"documento", r"di vendita", r"scontrino", r"ricevuta", r"conto\b"],
    "document": [r"ricevuta", r"conto"],
    "greeting": [r"benvenut\w*"],
    "date_cue": ["data"],
    "months": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
               "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "street": [r"\bvia\b", r"\bviale\b", r"\bpiazza\b", r"\bcorso\b", r"\bp\.zza\b"],
}
