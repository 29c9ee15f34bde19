"""Operators see and set the redaction policy per category, signal and COICOP 2018 class."""
import pytest

from tests.support.apps import empty_tables, make_app


def test_operators_see_the_policy_in_force(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}",
                   REDACTION_POLICY="06.1.1=masked, religious=kept")
    try:
        result = app.test_cli_runner().invoke(args=["redaction", "policy"])
        assert result.exit_code == 0, result.output
        rows = dict(line.split(",") for line in result.output.splitlines()[1:])
        assert rows["06.1.1"] == "masked" and rows["06.1.2"] == "line_removed"
        assert rows["religious"] == "kept" and rows["13.2.2"] == "kept"
        assert rows["political"] == "line_removed" and rows["14.6.2"] == "line_removed"
        assert rows["prescription"] == "receipt_removed" and rows["card_number"] == "masked"
    finally:
        empty_tables(app)


@pytest.mark.parametrize("policy", ["99.1=kept", "health=hidden"])
def test_a_policy_that_names_no_code_or_action_is_refused_at_start(tmp_path, policy):
    with pytest.raises(ValueError):
        make_app(tmp_path, f"sqlite:///{tmp_path / 'panel.sqlite3'}", REDACTION_POLICY=policy)
