"""Malay: Malaysia, Singapore, Brunei (receipts there are mostly English, with Malay
addresses and a few Malay words)."""
WORDS = {
    "total": [r"\bjumlah\b"],
    "cash": [r"\btunai\b"],
    "change": [r"\bbaki\b"],
    "rounding": [r"\bpembundaran\b"],
    "street": [r"\bjalan\b", r"\bjln\b", r"\btaman\b", r"\blorong\b", r"\bpersiaran\b"],
    "title": [r"resit", r"invois"],
    "greeting": [r"terima kasih", r"selamat datang"],
    "column": [r"\bkuantiti\b", r"\bharga\b", r"\bperkara\b"],
}
