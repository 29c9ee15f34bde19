"""Compare a ``ParsedReceipt`` with ground truth and sum the comparisons into rates."""
from __future__ import annotations

import re
import statistics
from collections import Counter
from decimal import Decimal

from ocr.parse.merchant import name_letters
from ocr.types import ParsedReceipt


def merchant_slug(name: str | None) -> str:
    """Lowercase letters without accents: "Marché Central" and "Marche Central" are one."""
    return name_letters(name or "")


# Labels that name a kind of shop rather than a chain (shared/eval/README.md: "tanke" =
# petrol station), and the words a parsed name shows that kind with.
KIND_LABELS = {"tanke": ("tanke", "tankstelle"), "apotheke": ("apotheke",)}


# Words a shop's name may carry or drop without naming another shop.
GENERIC_NAME_WORDS = {"the", "restaurant", "llc", "inc", "ltd", "co", "gmbh", "sdn", "bhd",
                      "pty", "pte", "corp", "company", "store"}


def merchant_matches(label: str, name: str | None) -> bool:
    """A brand or kind slug (``aldi``, ``tanke``) inside the parsed name's slug; a name as
    printed (``GRAND LUXCAFE``, ``McDonald's Restaurant #3100``) the same as the parsed one
    but for case, punctuation, store numbers and generic words, or holding it (or held
    by it) for at least half its letters."""
    if re.fullmatch(r"[a-z]+", label):
        slug = merchant_slug(name)
        words = KIND_LABELS.get(label, (label,))
        return bool(slug) and any(merchant_slug(word) in slug for word in words)
    wanted, found = name_core(label), name_core(name)
    if not wanted or not found:
        return False
    short, long = sorted((wanted, found), key=len)
    return short in long and len(short) >= len(long) / 2


def name_core(name: str | None) -> str:
    """The name's letters without generic words, numbers and store numbers, also where a
    store number is glued on ("BESTBUY#994", "Steak'nshakeNo:11")."""
    words = [merchant_slug(word) for word in (name or "").split()
             for word in [re.sub(r"(?:#|\bno\.?:?|(?<=[a-z])no:)\d+\W*$", "", word, flags=re.I)]
             if word and not re.search(r"\d", word)]
    return "".join(word for word in words if word not in GENERIC_NAME_WORDS)


def score(entry: dict, receipt: ParsedReceipt) -> dict:
    """Exact matches (after normalisation) and item matches for one receipt."""
    total_right = receipt.total == Decimal(entry["total"])
    result = {
        "merchant": merchant_matches(entry["merchant"], receipt.merchant),
        "date": receipt.purchase_date is not None
        and receipt.purchase_date.isoformat() == entry["date_iso"],
        "total": total_right,
        "adds_up": total_right and receipt.items_add_up,
        "needs_review": receipt.needs_review,
    }
    result["wrong_unreviewed"] = not result["needs_review"] and not (
        result["merchant"] and result["date"] and result["total"])
    if entry.get("items"):
        result["items_found"] = len(receipt.items)
        result["items_true"] = len(entry["items"])
        result["items_matched"] = matched_items(entry["items"], receipt)
    return result


def matched_items(truth: list[dict], receipt: ParsedReceipt) -> int:
    """Parsed items whose amount matches a labelled item's (each label used once)."""
    wanted = Counter(Decimal(item["amount"]) for item in truth)
    found = Counter(item.amount for item in receipt.items)
    return sum((wanted & found).values())


def summarise(results: list[dict]) -> dict:
    """Rates and timings over one engine's results."""
    count = len(results)
    summary = {"receipts": count}
    for field in ("merchant", "date", "total", "adds_up", "needs_review", "wrong_unreviewed"):
        summary[field] = sum(r[field] for r in results) / count if count else 0.0
    labelled = [r for r in results if "items_true" in r]
    if labelled:
        matched = sum(r["items_matched"] for r in labelled)
        summary["item_precision"] = matched / max(1, sum(r["items_found"] for r in labelled))
        summary["item_recall"] = matched / max(1, sum(r["items_true"] for r in labelled))
    for key in ("seconds", "engine_seconds"):
        times = sorted(r[key] for r in results)
        summary[f"median_{key}"] = statistics.median(times) if times else 0.0
        summary[f"p90_{key}"] = percentile(times, 0.9)
    return summary


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]
