"""A programme can require an accredited mentor (in date) and a named course: enrolment
decisions, approve-all and matching all respect it, and say what is missing or expired."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.matching.adapter import build_round
from tandem.matching.engine.criteria import MatchConfig
from tandem.matching.engine.scoring import Scorer
from tandem.programmes import services
from tandem.programmes.models import Enrolment
from tandem.programmes.requirements import Credential, unmet_credentials
from tandem.testing.factories import TrainingRecordFactory
from tandem.testing.workflow import approve, make_programme, person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)


class _Rules:
    requires_accredited_mentor = True
    required_mentor_course = "Coaching for new heads"


def test_each_missing_or_expired_credential_is_named():
    rules = _Rules()
    assert unmet_credentials(rules, [], today=TODAY) == [  # type: ignore[arg-type]
        "No accredited mentor training is recorded; the programme asks for it.",
        "Has not completed “Coaching for new heads”; the programme asks for it.",
    ]
    expired = [
        Credential("Coaching for new heads", is_accredited=True, expires_on=dt.date(2026, 3, 1))
    ]
    assert unmet_credentials(rules, expired, today=TODAY) == [  # type: ignore[arg-type]
        (
            "Accreditation (Coaching for new heads) expired on 1 March 2026; the programme asks "
            "for an accreditation in date."
        ),
        "“Coaching for new heads” expired on 1 March 2026; the programme asks for it in date.",
    ]
    # Course names match whatever their case and spacing; no expiry means it does not lapse.
    current = [Credential("coaching  for NEW heads", is_accredited=True, expires_on=None)]
    assert unmet_credentials(rules, current, today=TODAY) == []  # type: ignore[arg-type]


@pytest.fixture
def credential_programme(cast):
    return make_programme(
        cast["coordinator"],
        cast["moorland"],
        name="Accredited mentors only",
        requires_mentor_training=False,
        min_mentor_years=0,
        requires_accredited_mentor=True,
        required_mentor_course="Coaching for new heads",
    )


def _applicant(cast, programme, name, **training):
    user = person(cast["moorland"], name, years_in_profession=10)
    if training:
        TrainingRecordFactory(profile=user.profile, **training)
    return Enrolment.objects.create(
        programme=programme, user=user, role="mentor", status=Enrolment.Status.APPLIED
    )


def test_approving_a_mentor_with_expired_accreditation_needs_a_note(cast, credential_programme):
    expired_on = timezone.localdate() - dt.timedelta(days=10)
    enrolment = _applicant(
        cast,
        credential_programme,
        "Ed Expired",
        course="Coaching for new heads",
        is_accredited=True,
        expires_on=expired_on,
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.decide_enrolment(
            actor=cast["coordinator"], enrolment=enrolment, approve=True, note=""
        )
    unmet = services.requirement_checks(credential_programme, [enrolment])[enrolment.pk]
    assert f"expired on {expired_on:%-d %B %Y}" in unmet[0]
    services.decide_enrolment(
        actor=cast["coordinator"], enrolment=enrolment, approve=True, note="Renewing in May."
    )
    enrolment.refresh_from_db()
    assert enrolment.unmet_requirements == unmet


def test_approve_all_leaves_those_without_the_named_course(cast, credential_programme):
    good = _applicant(
        cast,
        credential_programme,
        "Gail Good",
        course="Coaching for new heads",
        is_accredited=True,
        expires_on=None,
    )
    missing = _applicant(
        cast, credential_programme, "Mo Missing", course="Other course", is_accredited=True
    )
    enrolments = list(credential_programme.enrolments.select_related("user"))
    approvable, left = services.bulk_approval_plan(credential_programme, enrolments)
    assert approvable == [good]
    assert left == [
        (missing, ["Has not completed “Coaching for new heads”; the programme asks for it."])
    ]


def test_matching_never_proposes_a_mentor_without_the_credentials(cast, credential_programme):
    mentee = person(cast["moorland"], "Nina Newteacher", career_stage="early-career")
    approve(credential_programme, mentee, "mentee")
    qualified = person(cast["moorland"], "Quinn Qualified", years_in_profession=12)
    TrainingRecordFactory(
        profile=qualified.profile, course="Coaching for new heads", is_accredited=True
    )
    lapsed = person(cast["moorland"], "Lou Lapsed", years_in_profession=12)
    TrainingRecordFactory(
        profile=lapsed.profile,
        course="Coaching for new heads",
        is_accredited=True,
        expires_on=timezone.localdate() - dt.timedelta(days=1),
    )
    approve(credential_programme, qualified, "mentor")
    approve(credential_programme, lapsed, "mentor")
    built = build_round(credential_programme, MatchConfig())
    scorer = Scorer(built.data, built.config)
    mentee_row = built.mentee_row(mentee.pk)
    assert scorer.broken_rules(mentee_row, built.mentor_row(lapsed.pk)) == ["mentor-requirements"]
    assert scorer.broken_rules(mentee_row, built.mentor_row(qualified.pk)) == []


def test_a_programme_without_credential_rules_does_not_ask_for_them(cast):
    built = build_round(cast["programme"], MatchConfig())
    assert built.data.mentors.meets_credentials is None
