"""Prescriptions: Rx numbers, prescription words, prescriber/patient lines and drug strengths.

Any of these on a receipt makes the whole receipt a prescription record (the default policy
removes it). Pharmacy words anywhere on the page count as context, because a drug strength
on a pharmacy receipt means something different from "Magnesium 400mg" at a drugstore.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ocr.types import OcrPage
from redaction.recognizers.base import Pattern, Recognizer
from redaction.text import trie_pattern

DRUG_LIST = Path(__file__).resolve().parent.parent / "data" / "prescription_drugs.txt"
STRENGTH = r"\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|ug|i\.?e\.?|iu)(?![a-zäöü])"
# word endings typical of prescription drug names (statins, ACE inhibitors, sartans, ...)
DRUG_ENDINGS = ("statin", "pril", "sartan", "olol", "prazol", "cillin", "mycin", "cyclin",
                "floxacin", "dipin", "formin", "gliptin", "azepam", "zolam", "triptan",
                "setron", "tidin", "glutid")


@lru_cache(maxsize=None)
def drug_names(path: Path = DRUG_LIST) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().casefold() for line in lines
                 if line.strip() and not line.startswith("#"))


def drug_alternatives() -> str:
    return trie_pattern(list(drug_names()))


class PrescriptionRecognizer(Recognizer):
    name = "prescription"
    category = "prescription"
    context_words = ("apotheke", "pharmacy", "pharmacie", "farmacia", "apotheek", "rezept",
                     "prescription", "ordonnance", "receta", "ricetta", "pzn", "zuzahlung",
                     "patient", "paciente", "paziente", "arzt", "médecin", "medico", "médico",
                     "rx")
    negative_words = ("tipp", "idee", "monat", "koch", "recipe", "www", "http", "dsgvo",
                      "(eu)", "datenschutz", "gdpr")
    negative_lines_before = 0  # negative words count on the match's own line only

    def __init__(self) -> None:
        drugs = drug_alternatives()
        self.patterns = (
            Pattern("rx_number", r"\bRx\s*(?:#|no\.?|nr\.?|:)\s*\d{4,}|\bRx\s?\d{6,}", 0.9),
            # French, Spanish, Italian and Dutch as well: a prescription, its number, the
            # share the insurer pays for it (tiers payant, aportación, ticket SSN)
            Pattern("prescription_form", r"\b(?:e-?rezept|kassenrezept|privatrezept"
                    r"|rezeptgeb(?:ü|ue)hr|zuzahlung|rx only|prescription\s*(?:no|nr|number|#)"
                    r"|ordonnance\s*(?:n[o°]?|num[ée]ro|du)|tiers[ -]payant|part\s+(?:amo|amc)"
                    r"|receta\s+(?:m[ée]dica|electr[oó]nica)|aportaci[oó]n\s+(?:usuario|farmac)"
                    r"|ricetta\s+(?:medica|elettronica|ssn|n\.?\s*\d)|ticket\s+ssn"
                    r"|(?:medisch|dokters)\s?voorschrift"
                    # what a prescription costs the patient at the counter: the UK's charge,
                    # Australia's PBS, North America's dispensing fee and co-pay
                    r"|presc(?:ription)?\.?\s+(?:charge|chg|fee)s?|pbs\s+(?:script|safety\s+net)"
                    r"|dispensing\s+fees?|rx\s+co-?pay|ticket\s+mod[ée]rateur)", 0.85),
            Pattern("prescription_word", r"\b(?:rezept|prescription|verordnung|verordnet"
                    r"|prescribed|ordonnance|prescrit|prescripci[oó]n|prescrizione"
                    r"|voorgeschreven)\b", 0.7),
            Pattern("person_label", r"^\W*(?:patient(?:in)?|prescriber|prescribed by|doctor"
                    r"|physician|arzt|(?:ä|ae)rztin|verordnende[rs]? arzt|versicherte[rs]?"
                    r"|patiente?|m[ée]decin|prescripteur|paciente|m[ée]dico|paziente"
                    r"|prescrittore|voorschrijver)\s*[:.]", 0.85),
            Pattern("doctor_title", r"\bdr\.?\s?med\b", 0.8),
            Pattern("drug_strength", rf"\b(?:{drugs})e?\b[^\d\n]{{0,30}}?{STRENGTH}", 0.9),
            Pattern("drug_name", rf"\b(?:{drugs})e?\b", 0.6),
            Pattern("any_strength", rf"\b[a-zäöüß][\w-]{{3,}}\s+{STRENGTH}", 0.4),
        )
        super().__init__()

    def score_match(self, pattern: Pattern, text: str) -> float | None:
        if pattern.name == "any_strength":
            name = text.split()[0].casefold().rstrip("e")
            if name.endswith(DRUG_ENDINGS):
                return pattern.score + 0.2
        return pattern.score

    def context_text(self, page: OcrPage, index: int, start: int, end: int) -> str:
        """Pharmacy words anywhere on the page, except the match itself."""
        lines = [line.text for line in page.lines]
        lines[index] = lines[index][:start] + " " + lines[index][end:]
        return "\n".join(lines).casefold()
