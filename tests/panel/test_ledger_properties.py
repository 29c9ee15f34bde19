"""Property-based: any sequence of uploads, withdrawals, deletions, closes, redemptions and
survey answers keeps the ledger right: the balance is the sum of its entries and never
negative, and each panelist gets at most one period reward per month."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select

from panel.db import db
from panel.models import LedgerEntry, Panelist
from panel.services import ledger, receipts, redemptions, rewards, surveys
from panel.services.errors import Conflict, NotFound
from tests.support.apps import make_app
from tests.support.factories import register
from tests.support.rewards import put_receipt

MONTHS = ["2026-08", "2026-09", "2026-10"]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def ledger_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ledger")
    return make_app(tmp, f"sqlite:///{tmp / 'panel.sqlite3'}", REWARD_MONTHLY_GOAL=3,
                    REWARD_MONTHLY_AMOUNT="2.00", REWARD_WEEKLY_CAP=2)


class LedgerMachine(RuleBasedStateMachine):
    app = None
    shared = Bundle("shared")

    def __init__(self):
        super().__init__()
        client = self.app.test_client()
        self.context = self.app.app_context()
        self.context.push()
        self.people = [db.session.get(Panelist, register(self.app, client)["panelist"]["id"])
                       for _ in range(2)]
        self.survey = surveys.create("Quick one", "0.30", "all_active", [
            {"text": "Ok?", "kind": "single_choice", "choices": ["yes", "no"]}])

    def teardown(self):
        db.session.remove()
        self.context.pop()

    @rule(target=shared, who=st.integers(0, 1), month=st.sampled_from(MONTHS),
          day=st.integers(1, 28), hour=st.integers(0, 23))
    def share(self, who, month, day, hour):
        moment = datetime.fromisoformat(f"{month}-{day:02d}T{hour:02d}:00").replace(
            tzinfo=BERLIN)
        return who, put_receipt(self.people[who].id, moment)

    @rule(receipt=shared)
    def withdraw(self, receipt):
        receipts.withdraw(self.people[receipt[0]], receipt[1])

    @rule(receipt=consumes(shared))
    def delete(self, receipt):
        receipts.delete(self.people[receipt[0]], receipt[1])

    @rule(month=st.sampled_from(MONTHS))
    def close(self, month):
        rewards.close_period(month)

    @rule(who=st.integers(0, 1), cents=st.integers(1, 700))
    def redeem(self, who, cents):
        try:
            redemptions.redeem(self.people[who], cents / 100, "store_credit", None)
        except Conflict:
            pass

    @rule(who=st.integers(0, 1))
    def answer(self, who):
        question = self.survey.questions[0]
        try:
            surveys.answer(self.people[who], self.survey.id,
                           [{"question_id": question.id, "value": "yes"}])
        except (Conflict, NotFound):
            pass

    @invariant()
    def balance_is_the_sum_of_entries_and_never_negative(self):
        for person in self.people:
            total = db.session.scalar(select(func.coalesce(func.sum(
                LedgerEntry.amount_minor), 0)).where(LedgerEntry.panelist_id == person.id))
            assert ledger.balance(person.id) == total >= 0

    @invariant()
    def counting_one_receipt_and_counting_everyone_agree(self):
        rule = rewards.rules()
        for person in self.people:
            for month in MONTHS:
                one_by_one = rewards.counted(rule, month, person.id)
                all_at_once = rewards.counts_per_panelist(rule, month, person.id)
                assert db.session.scalar(select(func.count()).select_from(one_by_one)) == (
                    db.session.scalar(select(all_at_once.c.n)) or 0)

    @invariant()
    def at_most_one_period_reward_per_month(self):
        for person in self.people:
            periods = list(db.session.scalars(select(LedgerEntry.period).where(
                LedgerEntry.panelist_id == person.id, LedgerEntry.kind == "period_reward")))
            assert len(periods) == len(set(periods))


def test_ledger_invariants(ledger_app):
    LedgerMachine.app = ledger_app
    run_state_machine_as_test(LedgerMachine, settings=settings(
        max_examples=20, stateful_step_count=25, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
