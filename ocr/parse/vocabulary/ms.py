"""Malay and Indonesian: Malaysia, Singapore, Brunei (receipts there are mostly English,
with Malay addresses and a few Malay words) and Indonesia (PPN the value-added tax, PB1 a
restaurant's tax)."""
WORDS = {
    "total": [r"\bjumlah\b"],
    "savings": [r"jimat"],
    "cash": [r"\btunai\b"],
    "change": [r"\bbaki\b", r"\bkembali(?:an)?\b"],
    "tax": [r"\bpajak\b", r"\bppn\b", r"\bpb1\b"],
    "rounding": [r"\bpembundaran\b"],
    # Indonesian "Jl." (read "JI.", "J!."), a block, a plot ("Kav."), a shophouse, an alley
    "street": [r"\bjalan\b", r"\bjln\b", r"\btaman\b", r"\blorong\b", r"\bpersiaran\b",
               r"\bj[li1!|u]\.", r"\bjl\b", r"\bblok\b", r"\bkav\b", r"\bruko\b", r"\bgg\b"],
    "title": [r"resit", r"invois", r"struk", r"nota", r"bukti pembayaran", r"faktur",
              r"kwitansi"],
    "document": [r"struk", r"nota", r"faktur", r"kwitansi"],
    "role": [r"kasir", r"pelayan", r"pelanggan", r"meja"],
    "date_cue": [r"tgl", r"tanggal"],
    "greeting": [r"terima kasih", r"selamat datang"],
    "column": [r"\bkuantiti\b", r"\bharga\b", r"\bperkara\b"],
}
