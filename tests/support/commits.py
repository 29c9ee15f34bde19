"""Counting a session's commits: a service entry point commits once, its helpers never."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from panel.db import db


@contextmanager
def counting_commits() -> Iterator[list[None]]:
    """Within an app context: one item in the yielded list per commit inside the block."""
    session, commits = db.session(), []

    def counted(_session) -> None:
        commits.append(None)

    event.listen(session, "after_commit", counted)
    try:
        yield commits
    finally:
        event.remove(session, "after_commit", counted)
