"""Spanish: Spain, Latin America."""
WORDS = {
    "total": [r"\ba\s?pagar\b", r"\bimporte\b", r"\btot\W{0,2}compra"],  # "TOT. COMPRA"
    "savings": [r"ahorr"],
    "tax": [r"\biva(?![a-z])"],
    "tip": [r"propina"],
    "rounding": [r"redondeo"],
    "cash": [r"efectivo"],
    "change": [r"\bcambio\b", r"\bvuelto\b"],
    "role": [r"cajer[oa]", r"camarer[oa]", r"meser[oa]", r"para\s?llevar"],
    "title": [r"recibo", r"factura", r"cuenta\b", r"ticket\b"],
    "document": [r"factura", r"recibo", r"cuenta"],
    "greeting": [r"bienvenid\w*"],
    "welcome": [r"bienvenido"],
    "welcome_to": [r"a", r"en"],
    "date_cue": ["fecha"],
    "legal_mention": [r"registro\s?mercantil", r"domicilio\s?social", r"\bc\.?i\.?f\.?:"],
    "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
               "septiembre", "octubre", "noviembre", "diciembre"],
    "street": [r"\bcalle\b", r"\bavenida\b", r"\bavda\b", r"\bpaseo\b", r"\bcarrer\b"],
    "column": [r"\bcant(?:idad)?\b", r"\bprecio\b", r"\bimporte\b", r"\bdescripci[oó]n\b",
               r"\bart[ií]culo\b"],
}
