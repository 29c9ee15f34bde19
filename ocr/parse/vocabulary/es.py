"""Spanish: Spain, Latin America."""
WORDS = {
    "total": [r"\ba\s?pagar\b", r"\bimporte\b"],
    "tax": [r"\biva(?![a-z])"],
    "tip": [r"propina"],
    "rounding": [r"redondeo"],
    "cash": [r"efectivo"],
    "change": [r"\bcambio\b", r"\bvuelto\b"],
    "role": [r"cajero"],
    "title": [r"recibo", r"factura"],
    "document": [r"factura", r"recibo"],
    "greeting": [r"bienvenid\w*"],
    "welcome": [r"bienvenido"],
    "welcome_to": [r"a", r"en"],
    "date_cue": ["fecha"],
    "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
               "septiembre", "octubre", "noviembre", "diciembre"],
    "street": [r"\bcalle\b", r"\bavenida\b", r"\bavda\b", r"\bpaseo\b", r"\bcarrer\b"],
}
