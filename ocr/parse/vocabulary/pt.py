"""Portuguese: Portugal, Brazil."""
WORDS = {
    "savings": [r"poupan[çc]a", r"poupou", r"economi"],
    "cash": [r"dinheiro"],
    "change": [r"\btroco\b"],
    "greeting": [r"bem-?vind\w*"],
    "months": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
               "setembro", "outubro", "novembro", "dezembro"],
    "street": [r"\brua\b", r"\bpraça\b", r"\bpraca\b"],
    "column": [r"\bqtd[ea]?\b", r"\bquantidade\b", r"\bpre[çc]o\b", r"\bdescri[çc][ãa]o\b"],
}
