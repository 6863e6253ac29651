"""Subject access and erasure cover a supporter's own learning, pupil outcome figures and
specialist referrals (issue 18, part 4)."""

import pytest
from django.utils import timezone

from tandem.privacy.services.erasure import ERASED, erase_person
from tandem.privacy.services.subject_access import collect
from tandem.relationships.models import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    PupilOutcomeRecord,
    SpecialistReferral,
)
from tandem.relationships.services import twoway
from tandem.testing.workflow import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_way(cast):
    mentor, mentee, relationship = cast["mentor"], cast["mentee"], cast["relationship"]
    goal = twoway.add_own_learning_goal(
        actor=mentor, relationship=relationship, fields={"title": "Ask, do not tell"}
    )
    entry = twoway.add_learning_log_entry(
        actor=mentor,
        relationship=relationship,
        fields={"learned_on": timezone.localdate(), "learned": "Silence is useful."},
    )
    deleted = twoway.add_learning_log_entry(
        actor=mentor,
        relationship=relationship,
        fields={"learned_on": timezone.localdate(), "learned": "Deleted but held."},
    )
    twoway.delete_own_record(actor=mentor, item=deleted)
    measure = twoway.define_pupil_outcome_measure(
        actor=cast["coordinator"],
        programme=cast["programme"],
        fields={"name": "Attendance", "scale": PupilOutcomeMeasure.Scale.PERCENTAGE},
    )
    twoway.record_pupil_outcome(
        actor=mentee,
        relationship=relationship,
        measure=measure,
        phase="before",
        band_counts=[],
        percentage=92,
    )
    specialist = person(cast["moorland"], "Sam Specialist")
    referral = twoway.refer_to_specialist(
        actor=cast["coordinator"],
        relationship=relationship,
        learner=mentee,
        specialist=specialist,
        focus_area="Behaviour for learning",
        note="Year 9 group",
    )
    return {"goal": goal, "entry": entry, "referral": referral, "specialist": specialist}


def _section(user, name):
    return next(section for section in collect(user) if section.name == name)


def test_the_mentors_pack_holds_their_own_learning_deleted_rows_included(cast, two_way):
    goals = _section(cast["mentor"], "own_learning_goals").rows
    assert [row["title"] for row in goals] == ["Ask, do not tell"]
    log = {row["learned"] for row in _section(cast["mentor"], "learning_log").rows}
    assert log == {"Silence is useful.", "Deleted but held."}


def test_the_learners_pack_never_holds_the_mentors_own_learning(cast, two_way):
    assert _section(cast["mentee"], "own_learning_goals").rows == []
    assert _section(cast["mentee"], "learning_log").rows == []
    (figures,) = _section(cast["mentee"], "pupil_outcomes").rows
    assert figures["percentage"] == 92
    (referral,) = _section(cast["mentee"], "specialist_referrals").rows
    assert referral["focus_area"] == "Behaviour for learning"


def test_the_specialists_pack_holds_the_referral(cast, two_way):
    (referral,) = _section(two_way["specialist"], "specialist_referrals").rows
    assert referral["learner_name"] == "Dana Mentee"


def test_erasing_the_mentor_deletes_their_own_learning(cast, two_way):
    erase_person(actor=None, subject=cast["mentor"])
    assert not OwnLearningGoal.all_objects.exists()
    assert not LearningLogEntry.all_objects.exists()
    # The learner's figures and referral are not the mentor's to erase.
    assert PupilOutcomeRecord.objects.exists()
    assert SpecialistReferral.objects.get().focus_area == "Behaviour for learning"


def test_erasing_the_learner_removes_their_figures_and_the_referrals_words(cast, two_way):
    erase_person(actor=None, subject=cast["mentee"])
    assert not PupilOutcomeRecord.objects.exists()
    referral = SpecialistReferral.objects.get()
    assert referral.focus_area == ERASED
    assert referral.note == ""
    # The mentor's own learning is theirs, not the learner's.
    assert OwnLearningGoal.objects.exists()
