"""The parts of a synthetic receipt from another country around its items and totals
(``ocr.synthetic.world``): the shop's header, the lines with the receipt number, date,
staff, table and customer, the tender, and a restaurant's tip lines.

``show`` is the receipt's ``world.Printer``: how it prints amounts.
"""
from __future__ import annotations

import random as random_module
from decimal import ROUND_CEILING, Decimal

from ocr.synthetic.bill import suggested_tips
from ocr.synthetic.shops import LANGUAGES, fill
from ocr.synthetic.styles import Style, TaxRegime

GREETINGS = ("Welcome", "Bienvenidos", "Benvenuti", "Welkom", "Welkom bij", "Bienvenue",
             "Selamat Datang")
DATE_WORDS = {"es": ("Fecha: ", "Fecha "), "it": ("Data ", "DATA "), "nl": ("Datum: ", "Datum "),
              "fr": ("Date : ", "Le ", "Date "), "id": ("Tanggal: ", "Tgl: ", "Tgl ")}
TABLE_WORDS = {"es": ("Mesa", "Comensales"), "it": ("Tavolo", "Coperti"),
               "nl": ("Tafel", "Personen"), "fr": ("Table", "Couverts"), "id": ("Meja", "Tamu")}
NUMBERS = ("#####", "######", "CS#######", "##-######", "####/##", "T###-#####")


def header_rows(rng: random_module.Random, style: Style, name: str, legal: str,
                regime: TaxRegime) -> tuple[list, str]:
    """The header rows and the merchant's name as it should be displayed."""
    rows = []
    before = rng.random() < 0.35
    if before:
        title = rng.choice(style.titles)
        title = f"{title} to" if title == "Welcome" and rng.random() < 0.4 else title
        rows.append((title, "", True))
    capitals = rng.random() < 0.55
    shown = name.upper() if capitals else name
    suffix = legal.upper() if capitals or rng.random() < 0.3 else legal
    registered = legal.startswith("Sdn") and rng.random() < 0.6  # Malaysian company number
    registration = fill(rng, "(#######-@)") if registered else ""
    if legal and (len(shown) + len(suffix) > 28 or rng.random() < 0.25):
        lines = [(shown, "", True), (f"{suffix} {registration}".strip(), "", True)]
        rows += lines[::-1] if style.legal_first else lines
    else:
        joined = f"{suffix} {shown}" if style.legal_first else f"{shown} {suffix}"
        rows.append((joined.strip(), "", True))
        if registration:
            rows.append((registration, "", True))
    words = LANGUAGES[style.names]
    rows += [(fill(rng, rng.choice(words.streets)), "", True),
             (fill(rng, rng.choice(words.towns)), "", True)]
    if rng.random() < 0.75:
        rows.append((fill(rng, rng.choice(words.phones)), "", True))
    if regime.ids and rng.random() < 0.85:
        rows.append((fill(rng, rng.choice(regime.ids)), "", True))
    documents = [title for title in style.titles if title not in GREETINGS]
    if not before and rng.random() < 0.4:
        rows.append((rng.choice(documents), "", True))
    return rows, (f"{legal} {name}" if style.legal_first else f"{name} {legal}").strip()


def meta_rows(rng: random_module.Random, style: Style, printed_date: str, printed_time: str,
              eatery: bool) -> tuple[list, tuple]:
    """The rows between header and items, and the date's row (placed among them or, on
    some receipts, at the bottom by the caller)."""
    number = f"{rng.choice(style.number_words)}{rng.choice((': ', ' ', ' : '))}" \
             f"{fill(rng, rng.choice(NUMBERS))}"
    word = rng.choice(DATE_WORDS.get(style.names, ("Date: ", "Date : ", "DATE ")) + ("",))
    date_row = rng.choice([(f"{word}{printed_date}", printed_time, False),
                           (f"{word}{printed_date} {printed_time}", "", False),
                           (f"{printed_date} {printed_time}", "", True)])
    first = [(number, "", False), date_row]
    if rng.random() < 0.4:
        first.reverse()
    people = LANGUAGES[style.names].people
    staff, customer = rng.sample(people, 2)
    rest = []
    if rng.random() < 0.7:
        rest.append((staff_line(rng, style, staff), "", False))
    if style.restaurant or (eatery and rng.random() < 0.4):
        rest.append(table_row(rng, style))
    if rng.random() < 0.25:
        rest.append((f"{rng.choice(style.customer_words)}: {customer}", "", False))
    rng.shuffle(rest)
    return first + rest, date_row


def staff_line(rng: random_module.Random, style: Style, person: str) -> str:
    """"Cashier: Tan Woon Yann", "Server Maria", or the name alone (with a till id in the US)."""
    alone = rng.random()
    if alone < 0.15:
        return f"{rng.randint(100, 999)} {person}" if style.restaurant else person
    return f"{rng.choice(style.staff_words)}{rng.choice((': ', ' ', ' : '))}{person}"


def table_row(rng: random_module.Random, style: Style) -> tuple:
    table, guests = TABLE_WORDS.get(style.names, ("Table", rng.choice(("Guests", "Pax", "Covers"))))
    number, count = rng.randint(1, 60), rng.randint(1, 8)
    return rng.choice([(f"{table} {number}", f"{guests} {count}", False),
                       (f"Tbl {number}/1   Chk {rng.randint(1000, 9999)}", f"Gst {count}", False),
                       (f"{table}: {number}", "", False),
                       (f"Order: {rng.randint(1, 999):04d}", "", True)])


def tender_rows(rng: random_module.Random, style: Style, total: Decimal, show) -> list:
    """Card (sometimes with its masked number) or cash and change."""
    if rng.random() < 0.55:
        rows = [(rng.choice(style.card_words), show.amount(total), False)]
        if rng.random() < 0.4:
            rows.append((f"{'X' * 12}{rng.randint(1000, 9999)}", "", False))
        return rows
    notes = (5, 10, 20, 50) if total < 100 else (50, 100, 500)
    step = Decimal(rng.choice((10_000, 20_000, 50_000, 100_000) if style.whole_units else notes))
    given = (total / step).to_integral_value(rounding=ROUND_CEILING) * step
    return [(rng.choice(style.cash_words), show.amount(given), False),
            (rng.choice(style.change_words), show.amount(given - total), False)]


def tip_rows(rng: random_module.Random, style: Style, bill, show) -> list:
    """A restaurant bill without a tip: blank tip and total lines to fill in, and tips
    suggested per rate (their amounts are not the total)."""
    if not style.restaurant or bill.tip:
        return []
    rows = []
    if rng.random() < 0.3:
        rows += [("", "", False), ("Tip:", "________", False), ("Total:", "________", False),
                 ("Signature ____________", "", False)]
    if rng.random() < 0.6:
        base = bill.subtotal if rng.random() < 0.5 else bill.total
        word = rng.choice(("Suggested Tip", "Suggested Gratuity", "Tip Guide"))
        tips = suggested_tips(base)
        rows += rng.choice([
            [(f"{word}:", "", False)] + [(f"{rate}%", show.amount(tip), False)
                                         for rate, tip in tips],
            [(f"{word} {rate}%: {show.amount(tip)}", "", False) for rate, tip in tips],
            [(word, "", True)] + [(f"{rate}% (Tip {show.amount(tip, True)})",
                                   f"Total {show.amount(bill.total + tip, True)}", False)
                                  for rate, tip in tips]])
    return rows
