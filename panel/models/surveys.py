"""Short paid surveys, their questions, and one response per panelist."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from panel.db import Base, UtcDateTime, id_column, utcnow

QUESTION_KINDS = ("single_choice", "multiple_choice", "short_text", "rating")
AUDIENCES = ("all_active", "surveys_consent")


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[str] = id_column()
    title: Mapped[str] = mapped_column(String(200))
    reward_minor: Mapped[int] = mapped_column(BigInteger)
    audience: Mapped[str] = mapped_column(String(20), default="surveys_consent")
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | closed
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    questions: Mapped[list["SurveyQuestion"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="SurveyQuestion.position")


class SurveyQuestion(Base):
    __tablename__ = "survey_questions"

    id: Mapped[str] = id_column()
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    choices: Mapped[list] = mapped_column(JSON, default=list)


class SurveyResponse(Base):
    """Choices and ratings are kept as they are; short texts are sealed under the
    panelist's data key, like every other free text."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "panelist_id"),)

    id: Mapped[str] = id_column()
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    panelist_id: Mapped[str] = mapped_column(ForeignKey("panelists.id", ondelete="CASCADE"),
                                             index=True)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    answers: Mapped[dict] = mapped_column(JSON)  # question id -> choice(s) or rating
    texts_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # question id -> text
