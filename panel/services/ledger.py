"""The reward ledger: append-only entries; the balance is their sum and never below zero."""
from __future__ import annotations

from sqlalchemy import String, func, literal, select, true
from sqlalchemy.dialects import postgresql, sqlite

from panel.db import UtcDateTime, db, new_id, utcnow
from panel.models import LedgerEntry, Panelist
from panel.services import changes
from panel.services.errors import Conflict, Invalid

COLUMNS = ["id", "panelist_id", "kind", "amount_minor", "currency", "period", "dedupe_key",
           "description", "created_at"]


def _dialect() -> str:
    return db.engine.dialect.name


def _insert(model):
    return (postgresql.insert if _dialect() == "postgresql" else sqlite.insert)(model)


def random_id():
    """A fresh opaque id made by the database itself, for set-based inserts."""
    if _dialect() == "postgresql":
        return func.gen_random_uuid().cast(String)
    return func.lower(func.hex(func.randomblob(16)))


def insert_from_select(rows) -> int:
    """Insert ledger rows (in ``COLUMNS`` order); a row whose panelist already has an entry
    with the same dedupe key is skipped. Returns how many were written."""
    # The WHERE keeps SQLite from reading "ON CONFLICT" as the ON of a join.
    statement = _insert(LedgerEntry).from_select(COLUMNS, rows.where(true())) \
        .on_conflict_do_nothing(index_elements=["panelist_id", "dedupe_key"]) \
        .returning(LedgerEntry.id, LedgerEntry.panelist_id)  # no rowcount for INSERT ... SELECT
    written = db.session.execute(statement).all()
    for entry_id, panelist_id in written:  # Core: the change feed's listener does not see it
        changes.note(panelist_id, "reward", entry_id)
    return len(written)


def insert_ignoring_duplicates(model, values: list[dict], keys: list[str]) -> None:
    db.session.execute(_insert(model).values(values).on_conflict_do_nothing(
        index_elements=keys))


def balance_minor(panelist_id: str):
    return select(func.coalesce(func.sum(LedgerEntry.amount_minor), 0)).where(
        LedgerEntry.panelist_id == panelist_id).scalar_subquery()


def balance(panelist_id: str) -> int:
    return db.session.scalar(select(balance_minor(panelist_id)))


def credit(panelist_id: str, kind: str, amount_minor: int, currency: str, dedupe_key: str,
           description: str, period: str | None = None) -> bool:
    """A reward, written at most once per dedupe key. Returns whether it was written."""
    rows = select(literal(new_id()), literal(panelist_id), literal(kind), literal(amount_minor),
                  literal(currency), literal(period), literal(dedupe_key), literal(description),
                  literal(utcnow(), UtcDateTime))
    return insert_from_select(rows) == 1


def debit(panelist: Panelist, kind: str, amount_minor: int, currency: str, description: str,
          dedupe_key: str | None = None, limits: list | None = None,
          refusal=None) -> str:
    """Take ``amount_minor`` off the balance in the caller's transaction, or raise Conflict
    if it would go below zero (or break one of the ``limits``: conditions checked in the
    same statement; ``refusal(balance)`` then says which).

    The check and the write are one statement, after the panelist's row is locked
    (PostgreSQL) or inside SQLite's single writer, so concurrent debits never overdraw.
    """
    if amount_minor <= 0:
        raise Invalid("The amount must be more than zero.")
    if _dialect() == "postgresql":
        db.session.execute(select(Panelist.id).where(Panelist.id == panelist.id)
                           .with_for_update())
    entry_id = new_id()
    rows = select(literal(entry_id), literal(panelist.id), literal(kind), literal(-amount_minor),
                  literal(currency), literal(None, String), literal(dedupe_key, String),
                  literal(description), literal(utcnow(), UtcDateTime)).where(
        balance_minor(panelist.id) >= amount_minor, *(limits or []))
    if insert_from_select(rows) != 1:
        if refusal is not None:
            raise refusal(balance(panelist.id))
        raise Conflict("That is more than your balance.")
    return entry_id


def page(panelist_id: str, number: int, size: int) -> tuple[list[LedgerEntry], int]:
    where = LedgerEntry.panelist_id == panelist_id
    total = db.session.scalar(select(func.count()).select_from(LedgerEntry).where(where))
    if (number - 1) * size >= total:  # past the end (a huge offset overflows the database)
        return [], total
    entries = db.session.scalars(select(LedgerEntry).where(where).order_by(
        LedgerEntry.created_at.desc(), LedgerEntry.id.desc()).limit(size)
        .offset((number - 1) * size))
    return list(entries), total


def earned_by_period(panelist_id: str) -> dict[str, int]:
    rows = db.session.execute(select(LedgerEntry.period, func.sum(LedgerEntry.amount_minor))
                              .where(LedgerEntry.panelist_id == panelist_id,
                                     LedgerEntry.kind.in_(("period_reward", "receipt_reward")))
                              .group_by(LedgerEntry.period))
    return dict(rows.all())
