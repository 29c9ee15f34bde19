"""Generated receipts with labels: each row says whether it is an ordinary item, other text,
or which sensitive category it holds (and which part of it must vanish)."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from redaction.evalset import vocabulary as v
from redaction.recognizers.checksums import luhn_valid

KINDS = ("card", "prescription", "special", "personal", "masked_card", "delivery", "fuel",
         "ordinary", "special_en", "card_split", "bank", "ordinary_en")
LINE_CATEGORIES = ("health", "religion", "political", "trade_union", "sex_life")


@dataclass
class Row:
    left: str
    right: str = ""
    label: str = "other"  # "item", "other", or a category
    secret: str = ""      # the part of ``left`` that must vanish ("" means the whole row)


@dataclass
class Receipt:
    name: str
    kind: str
    rows: list[Row] = field(default_factory=list)

    @property
    def prescription(self) -> bool:
        return any(row.label == "prescription" for row in self.rows)


def card_number(rng: random.Random, length: int = 16) -> str:
    while True:
        digits = rng.choice("3456") + "".join(rng.choice("0123456789") for _ in range(length - 1))
        if luhn_valid(digits):
            return digits


def iban(rng: random.Random) -> str:
    bban = "".join(rng.choice("0123456789") for _ in range(18))
    check = 98 - int(bban + "131400") % 97  # D=13, E=14, then "00"
    value = f"DE{check:02d}{bban}"
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


class Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def fill(self, text: str) -> str:
        r = self.rng
        return text.format(n2=r.randint(10, 99), n3=r.randint(100, 999),
                           n4=r.randint(1000, 9999), n6=r.randint(100000, 999999),
                           n7=r.randint(1000000, 9999999), name=self.name(),
                           last=r.choice(v.LAST))

    def name(self) -> str:
        return f"{self.rng.choice(v.FIRST)} {self.rng.choice(v.LAST)}"

    def price(self) -> str:
        return f"{self.rng.randint(0, 30)},{self.rng.randint(0, 99):02d}"

    def items(self, english: bool, count: int) -> list[Row]:
        names = self.rng.sample(v.ITEMS_EN if english else v.ITEMS_DE, count)
        return [Row(name, self.price(), "item") for name in names]

    def header(self, english: bool, shop: str | None = None) -> list[Row]:
        shop = shop or self.rng.choice(v.SHOPS_EN if english else v.SHOPS_DE)
        street = f"{self.rng.choice(v.STREETS)} {self.rng.randint(1, 99)}"
        return [Row(shop), Row(street), Row(self.rng.choice(v.TOWNS)),
                Row(f"{self.rng.randint(1, 28):02d}.0{self.rng.randint(1, 9)}.2024 "
                    f"{self.rng.randint(8, 20)}:{self.rng.randint(10, 59)}")]

    def footer(self, english: bool) -> list[Row]:
        return [Row("TOTAL" if english else "SUMME EUR", self.price()),
                Row("Thank you" if english else "Vielen Dank")]

    def card_rows(self, kind: str) -> list[Row]:
        r = self.rng
        if kind == "masked_card":
            number = r.choice(["**** **** **** {n4}", "############{n4}", "XXXXXXXXXXXX{n4}"])
            number = self.fill(number)
            return [Row("Kartenzahlung"), Row(f"Karte {number}", "", "masked_card_number", number)]
        number = card_number(r, r.choice([15, 16, 16, 16]))
        if kind == "card_split":
            cut = r.randint(3, len(number) - 4)
            number = f"{number[:cut]} {number[cut:]}"
        else:
            style = r.choice(["spaces", "plain", "dashes"])
            if style != "plain":
                sep = " " if style == "spaces" else "-"
                number = sep.join(number[i:i + 4] for i in range(0, len(number), 4))
        label = r.choice(["VISA", "Mastercard", "Karte:", "Kartennr.", "Card"])
        expiry = f"{r.randint(1, 12):02d}/{r.randint(25, 31)}"
        code = "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(6))
        return [Row(f"{label} {number}", "", "card_number", number),
                Row(f"Gueltig bis {expiry}", "", "card_expiry", expiry),
                Row(f"Genehmigungs-Nr. {code}", "", "auth_code", code)]

    def sensitive_rows(self, kind: str, english: bool) -> list[Row]:
        r = self.rng
        if kind in ("special", "special_en"):
            picks = [r.choice(LINE_CATEGORIES) for _ in range(r.randint(2, 4))]
            return [Row(r.choice(v.SENSITIVE[c]), self.price(), c) for c in picks]
        if kind == "personal":
            name = self.name()
            email = f"{name.split()[0].lower()}.{r.choice(v.LAST).lower()}@example.de"
            number = f"{r.randint(1000, 9999)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}"
            phone = f"0171 {r.randint(1000000, 9999999)}"
            return [Row(f"Es bediente Sie: {name}", "", "person_name", name),
                    Row(f"Kunde: {email}", "", "email", email),
                    Row(f"Kunde Tel. {phone}", "", "phone", phone),
                    Row(f"PAYBACK-Nr. {number}", "", "loyalty_id", number)]
        if kind == "delivery":
            name = self.name()
            street = f"{r.choice(v.STREETS)} {r.randint(1, 99)}"
            town = f"{r.randint(10000, 99999)} {r.choice(['Lippstadt', 'Bielefeld', 'York'])}"
            return [Row("Lieferadresse:"), Row(name, "", "address", name),
                    Row(street, "", "address", street), Row(town, "", "address", town)]
        if kind == "fuel":
            plate = self.fill(r.choice(v.PLATES))
            litres = f"{r.randint(20, 60)},{r.randint(10, 99)} Liter"
            return [Row("Zapfsaeule 3 Super E10"), Row(litres),
                    Row(f"Kennzeichen: {plate}", "", "licence_plate", plate)]
        if kind == "bank":
            value = iban(r)
            account = str(r.randint(10 ** 9, 10 ** 10 - 1))
            return [Row("SEPA-Lastschrift"), Row(f"IBAN {value}", "", "iban", value),
                    Row(f"Konto-Nr. {account}", "", "bank_account", account)]
        if kind == "prescription":
            picks = r.sample(v.PRESCRIPTION_LINES, 2)
            return [Row(self.fill(text), self.price(), label) for text, label in picks]
        return []

    def receipt(self, index: int) -> Receipt:
        kind = KINDS[index % len(KINDS)]
        english = kind.endswith("_en") or (kind == "special" and self.rng.random() < 0.3)
        shop = "LINDEN APOTHEKE" if kind == "prescription" else "TANKSTELLE WEST" if (
            kind == "fuel") else None
        rows = self.header(english, shop)
        items = self.items(english, self.rng.randint(4, 9))
        sensitive = self.sensitive_rows(kind, english)
        if kind in ("special", "special_en", "prescription"):
            for row in sensitive:
                items.insert(self.rng.randint(0, len(items)), row)
            sensitive = []
        rows += items + self.footer(english)[:1] + sensitive
        if kind in ("card", "masked_card", "card_split"):
            rows += self.card_rows(kind)
        rows += self.footer(english)[1:]
        return Receipt(f"gen_{index:03d}_{kind}", kind, rows)


def generate(count: int, seed: int = 4) -> list[Receipt]:
    """``count`` receipts, the same for the same seed; kinds cycle, so any 12 in a row hold
    cards, a prescription, special categories, personal data and ordinary receipts."""
    rng = random.Random(seed)
    builder = Builder(rng)
    return [builder.receipt(index) for index in range(count)]
