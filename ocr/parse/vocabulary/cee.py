"""Central and Eastern Europe, the Baltic states and Turkey: Czech and Slovak (with Polish in
``pl``), Hungarian, Croatian, Serbian, Bosnian, Slovenian, Romanian, Estonian, Latvian,
Lithuanian, Turkish. Words as tills print them, accents read or lost."""
WORDS = {
    "total": [r"\bkokku\b", r"\bkop[āa]\b", r"\bi[šs]\s?viso\b", r"\bukupno", r"\bskupaj\b",
              r"\bspolu\b", r"[öo]sszesen", r"fizetend", r"\btoplam"],
    "subtotal": [r"\bvahesumma\b", r"me[đd]uzbroj", r"\bara\s?toplam"],
    "tax": [r"k[äa]ibemaks", r"\bpvn\b", r"\bpvm\b", r"\bpdv\b", r"\bddv\b", r"\bdph\b",
            r"\b[áa]fa\b", r"\bkdv\b"],
    "cash": [r"sularaha", r"skaidr", r"gryn", r"gotovin", r"hotovos", r"k[ée]szp[ée]nz",
             r"numerar", r"\bnakit\b"],
    "change": [r"\btagasi\b", r"atlikums", r"gr[ąa][žz]a", r"\bpovrat\b", r"vra[ćc]eno",
               r"vra[čc]ilo", r"vr[áa]ten[ée]", r"vr[áa]ceno", r"visszaj[áa]r",
               r"para\s?[üu]st[üu]"],
    "card": [r"kartica", r"k[áa]rty[áa]"],
}
