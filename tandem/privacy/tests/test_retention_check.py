"""The system check that every model of a Tandem app declares a retention rule."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tandem.privacy import retention
from tandem.privacy.checks import check_retention_rules
from tandem.privacy.services.retention import DISPOSERS


def test_every_tandem_model_has_a_rule_today():
    assert check_retention_rules() == []


def test_an_unregistered_model_fails_the_check(monkeypatch):
    rules = dict(retention.RULES)
    del rules["relationships.Goal"]
    monkeypatch.setattr(retention, "RULES", rules)
    errors = check_retention_rules()
    assert [(error.id, error.msg) for error in errors] == [
        ("privacy.E001", "relationships.Goal has no retention rule.")
    ]


def test_tandem_check_command_fails_when_a_model_is_unregistered(monkeypatch):
    rules = {label: rule for label, rule in retention.RULES.items() if label != "people.Profile"}
    monkeypatch.setattr(retention, "RULES", rules)
    with pytest.raises(SystemCheckError, match=r"people\.Profile has no retention rule"):
        call_command("check")


def test_a_rule_that_follows_an_unregistered_parent_fails(monkeypatch):
    rules = dict(retention.RULES) | {"relationships.Goal": retention.WithParent("nowhere.Thing")}
    monkeypatch.setattr(retention, "RULES", rules)
    assert [error.id for error in check_retention_rules()] == ["privacy.E002"]


@pytest.mark.parametrize(
    ("setting", "error_id"),
    [({"relationship": "six years"}, "privacy.E005"), ({"relatoinship": "6y"}, "privacy.E004")],
)
def test_misconfigured_periods_fail_with_a_message(settings, setting, error_id):
    settings.TANDEM_RETENTION = setting
    errors = check_retention_rules()
    assert [error.id for error in errors] == [error_id]
    assert "relat" in errors[0].msg


def test_every_period_rule_has_a_disposer_and_every_disposer_a_period_rule():
    periods = {
        label for label, rule in retention.RULES.items() if isinstance(rule, retention.Period)
    }
    assert periods == set(DISPOSERS)


def test_overridden_period_moves_the_cutoff(settings):
    settings.TANDEM_RETENTION = {"relationship": "7y", "import": "30d"}
    today = dt.date(2028, 2, 29)
    assert retention.cutoff("relationship", today) == dt.date(2021, 2, 28)
    assert retention.cutoff("import", today) == dt.date(2028, 1, 30)
    assert retention.cutoff("enrolment", today) == dt.date(2022, 2, 28)
