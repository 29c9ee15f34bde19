"""What changed for a panelist, in the order it was committed: the change feed's rows."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from panel.db import Base, UtcDateTime, utcnow


class Change(Base):
    """The latest change of one thing (a receipt's state, a reward, a payout) of a panelist.
    ``seq`` comes from ``Panelist.change_seq``, raised under the panelist's row lock, so
    changes become visible in ``seq`` order; a thing changed again gets a new ``seq`` and its
    older row goes (services.changes)."""

    __tablename__ = "changes"
    __table_args__ = (UniqueConstraint("panelist_id", "kind", "subject_id"),)

    panelist_id: Mapped[str] = mapped_column(
        ForeignKey("panelists.id", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(10))  # receipt | reward | payout
    subject_id: Mapped[str] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
