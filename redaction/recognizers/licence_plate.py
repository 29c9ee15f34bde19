"""Vehicle licence plates, mostly on fuel receipts ("Kennzeichen: PB-AB 123", "Reg: AB12 CDE").

A plate shape after a plate cue counts; a German plate with its hyphen ("PB-AB 123") also
counts without a cue on a receipt with fuel words. Abbreviations receipts use ("UST-ID 12",
"TA-NR 5") are not plates.
"""
from __future__ import annotations

import re
from typing import Iterator

from ocr.types import OcrPage, ParsedReceipt
from redaction.recognizers.base import Candidate, Recognizer, word_matcher
from redaction.text import fold, folded_text

GERMAN = r"[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2}[ -]?[1-9]\d{0,3}[EH]?"
UK = r"[A-Z]{2}\d{2} ?[A-Z]{3}"
ANY = r"[A-Z0-9]{1,4}[- ]?[A-Z0-9]{1,4}(?:[- ][A-Z0-9]{1,4})?"
CUE_WORD = (r"(?<![^\W_])(?:kennzeichen|kfz[- .]*(?:kennz\w*|nr|zeichen)?|amtl\.?\s*kennz"
            r"|licen[cs]e\s*(?:plate|no)?|plate|reg(?:istration)?\.?\s*(?:no|nr|#)?"
            r"|vehicle(?:\s*(?:id|no|reg))?|fahrzeug\w*)")
CUE = re.compile(CUE_WORD + r"\s*[:.#]?\s*$")  # a cue right before the plate
ANY_CUE = re.compile(CUE_WORD)
FUEL_WORDS = ("tankstelle", "tanke", "kraftstoff", "diesel", "super e10", "super e5", "benzin",
              "zapfsaule", "zapfsaeule", "saule", "saeule", "liter", "fuel", "petrol",
              "gasoline", "unleaded", "pump")
NOT_PLATES = {"UST", "MWST", "TA", "VU", "NR", "ID", "EUR", "TSE", "AID", "EMV", "KFZ", "BON",
              "SN", "ST", "TEL", "FAX", "USt", "DE", "EC", "PIN", "APP", "POS", "BLZ", "BIC"}


class LicencePlateRecognizer(Recognizer):
    name = "licence_plate"
    category = "licence_plate"

    def __init__(self) -> None:
        super().__init__()
        self._shapes = [(re.compile(rf"(?<![\w-]){shape}(?![\w-])"), score)
                        for shape, score in ((GERMAN, 0.6), (UK, 0.5), (ANY, 0.4))]
        self._fuel = word_matcher(FUEL_WORDS)

    def applies_to(self, page: OcrPage) -> bool:
        return bool(self._shapes[0][0].search(page.text) or ANY_CUE.search(folded_text(page)))

    def candidates(self, page: OcrPage, index: int,
                   parsed: ParsedReceipt | None) -> Iterator[Candidate]:
        text = page.lines[index].text
        cued = self._cue_before(page, index)
        fuel = None
        shapes = self._shapes if cued(0) or ANY_CUE.search(fold(text)) else self._shapes[:1]
        for regex, score in shapes:
            for match in regex.finditer(text):
                plate = match.group()
                if re.split(r"[- ]", plate)[0] in NOT_PLATES or not re.search(r"\d", plate):
                    continue
                if not re.search(r"[A-Z]", plate):
                    continue
                if cued(match.start()):
                    yield Candidate(match.start(), match.end(), score + 0.3)
                elif regex is self._shapes[0][0] and "-" in plate[:4]:
                    if fuel is None:
                        fuel = bool(self._fuel.search(folded_text(page)))
                    if fuel:
                        yield Candidate(match.start(), match.end(), score - 0.05)

    def _cue_before(self, page: OcrPage, index: int):
        text = page.lines[index].text
        above = fold(page.lines[index - 1].text) if index > 0 else ""
        line_cue = bool(above and CUE.search(above) and len(text.split()) <= 3)
        return lambda start: line_cue or bool(CUE.search(fold(text[:start])))
