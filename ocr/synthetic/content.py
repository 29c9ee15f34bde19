"""Random receipt content with its ground truth: header, items, totals, tender, date.

``make_receipt(random, today)`` returns ``(rows, truth)``: rows are ``(left, right,
centred)`` text triples in print order; truth holds what a perfect parser would return.
"""
from __future__ import annotations

import random as random_module
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from ocr.synthetic.locales import LOCALES, Locale, money, print_date

MERCHANTS = ["Biomarkt Sonne", "Corner Shop", "Bäckerei Kruste", "Green Grocer", "Rewe",
             "Lidl", "Tesco", "Walmart", "Marché Central", "Hofladen Lindenhof", "Edeka",
             "Quick Stop", "Drogerie Blau", "Fresh Market", "Kaufland", "Obi"]
SLOGANS = ["Frisch und regional", "Thank you for shopping", "Ihr Markt um die Ecke",
           "Quality every day", "Merci de votre visite"]
STREETS = ["Hauptstraße 5", "12 High Street", "Lindenallee 23", "450 Main Street",
           "Rue de la Paix 8", "Marktplatz 1"]
TOWNS = ["10115 Berlin", "London SW1A 1AA", "80331 München", "Springfield, IL 62701",
         "75002 Paris", "50667 Köln"]
GOODS = ["Vollmilch", "Roggenbrot", "Bananen", "Tomaten", "Butter", "Joghurt Natur",
         "Apple Juice", "Cheddar", "Coffee Beans", "Pasta", "Olive Oil", "Eggs 10",
         "Chocolate", "Rice", "Orangen", "Käse Gouda", "Shampoo", "Toothpaste",
         "Mineralwasser", "Tea Bags", "Baguette", "Croissant", "Bread Rolls", "Honey"]
BIG_GOODS = ["Television", "Waschmaschine", "Laptop", "Sofa"]
CENT = Decimal("0.01")


def make_receipt(rng: random_module.Random, today: date
                 ) -> tuple[list[tuple[str, str, bool]], dict]:
    locale = LOCALES[rng.choice(sorted(LOCALES))]
    merchant = rng.choice(MERCHANTS)
    day = today - timedelta(days=rng.randint(0, 300))
    rows = header_rows(rng, merchant)
    date_row = (print_date(day, rng.choice(locale.date_formats))
                + f" {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}", "", False)
    if rng.random() < 0.5:
        rows.append(date_row)
    items, item_rows = make_items(rng, locale)
    rows += [("", "", False)] + item_rows + [("", "", False)]
    total, total_rows = total_lines(rng, locale, items)
    rows += total_rows + tender_rows(rng, locale, total)
    if date_row not in rows:
        rows.append(date_row)
    rows.append((rng.choice(["Vielen Dank!", "Thank you!", "Merci!"]), "", True))
    truth = {"merchant": slug(merchant), "merchant_name": merchant, "date_iso": day.isoformat(),
             "total": f"{total:.2f}", "currency": locale.currency, "locale": locale.code,
             "items": [{"description": d, "quantity": str(q), "amount": f"{a:.2f}"}
                       for d, q, a in items], "num_items": len(items)}
    return rows, truth


def slug(name: str) -> str:
    return re.sub(r"[^a-zäöüéè]", "", name.lower())


def header_rows(rng: random_module.Random, merchant: str) -> list[tuple[str, str, bool]]:
    name = merchant.upper() if rng.random() < 0.6 else merchant
    if rng.random() < 0.2:
        name = f"** {name} **"
    rows = [(name, "", True)]
    if rng.random() < 0.3:
        rows.append((rng.choice(SLOGANS), "", True))
    rows += [(rng.choice(STREETS), "", True), (rng.choice(TOWNS), "", True)]
    if rng.random() < 0.5:
        rows.append((f"Tel. 0{rng.randint(20, 89)} {rng.randint(100000, 999999)}", "", True))
    return rows


def make_items(rng: random_module.Random, locale: Locale):
    items, rows = [], []
    for description in rng.sample(GOODS, rng.randint(2, 10)):
        quantity = rng.choice([1, 1, 1, 1, 2, 3])
        unit = Decimal(rng.randint(29, 999)) / 100
        amount = unit * quantity
        tag = " A" if locale.code == "de" else ""
        if quantity > 1 and rng.random() < 0.5:
            rows += [(description, money(amount, locale) + tag, False),
                     (f"  {quantity} {locale.quantity_sign} {money(unit, locale)}", "", False)]
        elif quantity > 1:
            rows.append((f"{description} {quantity} {locale.quantity_sign} {money(unit, locale)}",
                         money(amount, locale) + tag, False))
        else:
            rows.append((description, money(amount, locale) + tag, False))
        items.append((description, quantity, amount))
    if rng.random() < 0.15:
        amount = Decimal(rng.randint(1000, 2999))
        rows.append((rng.choice(BIG_GOODS), money(amount, locale), False))
        items.append((rows[-1][0], 1, amount))
    if rng.random() < 0.3:
        amount = -Decimal(rng.randint(10, 150)) / 100
        word = rng.choice(["Rabatt", "Discount", "Leergut", "Coupon"])
        rows.append((word, money(amount, locale), False))
        items.append((word, 1, amount))
    return items, rows


def total_lines(rng: random_module.Random, locale: Locale, items) -> tuple[Decimal, list]:
    subtotal = sum((amount for _, _, amount in items), Decimal(0))
    if locale.tax_added:
        tax = (subtotal * Decimal("0.08")).quantize(CENT, ROUND_HALF_UP)
        total = subtotal + tax
        return total, [(locale.subtotal_word, money(subtotal, locale), False),
                       (f"{locale.tax_word} 8.0%", money(tax, locale), False),
                       (f"{locale.total_word} {locale.money_prefix}".strip(),
                        money(total, locale), False)]
    tax = (subtotal - subtotal / Decimal("1.19")).quantize(CENT, ROUND_HALF_UP)
    rows = [(f"{locale.total_word} {locale.money_prefix}".strip(), money(subtotal, locale), False)]
    return subtotal, rows + [(f"{locale.tax_word} 19%", money(tax, locale), False)]


def tender_rows(rng: random_module.Random, locale: Locale, total: Decimal) -> list:
    if rng.random() < 0.5:
        return [(locale.card_word, money(total, locale), False)]
    given = (total / 10).to_integral_value(rounding="ROUND_CEILING") * 10 or Decimal(10)
    return [(locale.cash_word, money(given, locale), False),
            (locale.change_word, money(given - total, locale), False)]
