"""Malay and Indonesian: Malaysia, Singapore, Brunei (receipts there are mostly English,
with Malay addresses and a few Malay words) and Indonesia (PPN the value-added tax, PB1 a
restaurant's tax)."""
WORDS = {
    "total": [r"\bjumlah\b"],
    "cash": [r"\btunai\b"],
    "change": [r"\bbaki\b", r"\bkembali(?:an)?\b"],
    "tax": [r"\bpajak\b", r"\bppn\b", r"\bpb1\b"],
    "rounding": [r"\bpembundaran\b"],
    "street": [r"\bjalan\b", r"\bjln\b", r"\btaman\b", r"\blorong\b", r"\bpersiaran\b"],
    "title": [r"resit", r"invois"],
    "greeting": [r"terima kasih", r"selamat datang"],
    "column": [r"\bkuantiti\b", r"\bharga\b", r"\bperkara\b"],
}
