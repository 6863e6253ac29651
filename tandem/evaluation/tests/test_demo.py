"""`tandem demo` gives the evaluation pages something to say: enough people answer the
impact surveys for the report not to be suppressed, and the health check has scores."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User
from tandem.demo.dataset import DEMO_DOMAIN, load_demo
from tandem.evaluation.health import health_check
from tandem.evaluation.reports import build_report
from tandem.evaluation.selectors import surveys_owed
from tandem.programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    load_demo()
    return Programme.objects.get(template_key="ect-mentoring")


def test_impact_and_check_ins_are_reported_without_suppression(programme):
    report = build_report(programme)
    shown = [row for row in report.impact.rows if not row.is_suppressed]
    assert len(shown) >= 4
    assert all(row.n >= 5 for row in shown)
    assert any(not row.is_suppressed for row in report.check_ins.rows)
    # The demo's pairs started in the last two months, one of them with 2 pairs: the
    # other month is hidden too, or the organisation's total would give it away.
    assert any(not row.is_suppressed for row in report.engagement_by_organisation.rows)
    assert "cannot be worked out from the total" in report.engagement.note


def test_health_check_scores_features_and_lists_pairs_at_risk(programme):
    checked = health_check(programme)
    scored = [feature for feature in checked["features"] if feature.score is not None]
    assert len(scored) >= 5
    reasons = {reason for item in checked["at_risk"] for reason in item.reasons}
    assert any(reason.startswith("No meeting since") for reason in reasons)
    assert "Check-in scores falling" in reasons


def test_the_demo_mentee_still_owes_the_end_of_year_survey(programme, client):
    mentee = User.objects.get(email=f"mentee@{DEMO_DOMAIN}")
    assert [item["survey"].template_key for item in surveys_owed(mentee)] == ["mentee-end"]
    client.force_login(mentee)
    assert "Surveys to complete" in client.get(reverse("home")).content.decode()
