"""The health check scores each feature from the programme's own data; the at-risk list
flags relationships by metadata only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation.health import health_check
from tandem.evaluation.services import schedule_survey
from tandem.evaluation.tests.cast import answer_all, more_pairs
from tandem.framework.keys import EffectiveFeature
from tandem.relationships.models import Action, Conversation
from tandem.testing.workflow import approve, make_programme, pair, person


@pytest.mark.django_db
def test_features_carry_scores_evidence_and_next_steps(cast):
    features = {feature.key: feature for feature in health_check(cast["programme"])["features"]}
    # Every feature of Table 4.2 and the two named after it (seed 002 §4.3–4.4), in order.
    assert list(features) == [
        EffectiveFeature.SUFFICIENT_TIME,
        EffectiveFeature.TRAINING_AND_SUPPORT,
        EffectiveFeature.MONITORING_AND_QUALITY_ASSURANCE,
        EffectiveFeature.RECRUITMENT_AND_ALLOCATION,
        EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT,
        EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING,
        EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP,
        EffectiveFeature.CONFIDENTIALITY,
        EffectiveFeature.INDEPENDENCE_OF_MENTORS,
        EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS,
        EffectiveFeature.LOCAL_SUPPORT,
    ]
    assert all(feature.citation and feature.items for feature in features.values())
    # Bob, the only mentor, has a training record; the one agreement is signed.
    assert features[EffectiveFeature.TRAINING_AND_SUPPORT].score == 100
    assert "1 of 1 relationships have a learning agreement" in " ".join(
        features[EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT].evidence
    )
    # Fewer than 5 check-in respondents: no score, said plainly.
    assert features[EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP].score is None
    assert all(feature.next_step for feature in features.values())


@pytest.mark.django_db
def test_at_risk_lists_silent_unsigned_and_overdue_relationships(client, cast):
    Action.objects.filter(relationship=cast["relationship"]).update(
        due_on=timezone.localdate() - dt.timedelta(days=3)
    )
    quiet_mentor = person(cast["moorland"], "Quentin Quiet")
    quiet_mentee = person(cast["moorland"], "Rita Quiet")
    approve(cast["programme"], quiet_mentor, "mentor")
    approve(cast["programme"], quiet_mentee, "mentee")
    quiet = pair(cast["coordinator"], cast["programme"], quiet_mentor, quiet_mentee)
    type(quiet).objects.filter(pk=quiet.pk).update(
        started_on=timezone.localdate() - dt.timedelta(days=30), status="active"
    )
    Conversation.objects.filter(relationship=cast["relationship"]).update(
        starts_at=timezone.now() - dt.timedelta(days=2)
    )
    client.force_login(cast["coordinator"])
    url = reverse("evaluation:at-risk-list", args=[cast["programme"].uuid])
    body = client.get(url).content.decode()
    assert "1 overdue action" in body
    assert "Agreement not signed after 14 days" in body
    assert "No meeting since" in body
    # Metadata only: never the content of the record.
    assert "hinge questions" not in body.lower()


@pytest.mark.django_db
def test_choosing_a_mentor_counts_people_not_answers(cast):
    """Three mentees answer two end surveys each: 3 people (suppressed), not 6 answers."""
    surveys = [
        schedule_survey(
            actor=cast["coordinator"],
            programme=cast["programme"],
            template_key="mentee-end",
            stage="end",
            opens_on=timezone.localdate() - dt.timedelta(days=1),
        )
        for _ in range(2)
    ]
    for _mentor, mentee in more_pairs(cast, 3):
        for survey in surveys:
            answer_all(survey, mentee, "mentee", 4)
    features = {feature.key: feature for feature in health_check(cast["programme"])["features"]}
    evidence = " ".join(features[EffectiveFeature.RECRUITMENT_AND_ALLOCATION].evidence)
    assert "say they were involved in choosing" not in evidence


@pytest.mark.django_db
def test_a_statement_alone_is_not_strong_when_nothing_is_counted(client, cast):
    """The programme says how it fits the CPD strategy, but its organisation has no
    leaders: "0 of 0 leaders" is no evidence, so no "Strong (100 out of 100)"."""
    programme = cast["programme"]
    programme.cpd_fit = "Part of our CPD plan."
    programme.save(update_fields=["cpd_fit"])
    cast["leader"].memberships.update(access="member")
    features = {feature.key: feature for feature in health_check(programme)["features"]}
    culture = features[EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING]
    assert "0 of 0 leaders" in " ".join(culture.evidence)
    assert culture.score is None
    assert culture.rating == "No evidence yet"
    client.force_login(cast["coordinator"])
    body = client.get(reverse("evaluation:health", args=[programme.uuid])).content.decode()
    row = body.split("Organisational culture and strategic CPD planning", 1)[1].split("</tr>")[0]
    assert "<strong>No evidence yet</strong>" in row
    assert "out of 100" not in row


@pytest.mark.django_db
def test_with_leaders_counted_the_statement_still_counts(cast):
    programme = cast["programme"]
    programme.cpd_fit = "Part of our CPD plan."
    programme.save(update_fields=["cpd_fit"])
    features = {feature.key: feature for feature in health_check(programme)["features"]}
    culture = features[EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING]
    assert "0 of 1 leaders" in " ".join(culture.evidence)
    assert culture.score == 50


@pytest.mark.django_db
def test_no_feature_is_strong_on_no_evidence(cast):
    """A programme with nobody in it yet: every count is "0 of 0", nothing is rated."""
    empty = make_programme(cast["coordinator"], cast["moorland"], name="Empty programme")
    empty.cpd_fit = "Part of our CPD plan."
    empty.save(update_fields=["cpd_fit"])
    cast["leader"].memberships.update(access="member")
    for feature in health_check(empty)["features"]:
        assert feature.rating != "Strong", feature.key
