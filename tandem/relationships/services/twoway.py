"""Two-way learning and the people learning is for: a supporter's own learning goals and
log, jointly owned goals, pupil outcome figures and specialist referrals (issue 18, part 4).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.programmes.models import Programme
from tandem.programmes.policy import is_coordinator
from tandem.relationships.models import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    PupilOutcomeRecord,
    Relationship,
    RelationshipMember,
    SpecialistReferral,
)
from tandem.relationships.services.common import require_member
from tandem.relationships.services.corrections import UNDO_WINDOW

OWN_GOAL_FIELDS = ["title", "how_i_will_know", "status", "framework_keys"]
LOG_FIELDS = ["learned_on", "learned", "framework_key"]
OwnRecord = OwnLearningGoal | LearningLogEntry


def _require_supporter(actor: User, relationship: Relationship) -> RelationshipMember:
    member = require_member(actor, relationship)
    if not member.is_supporting:
        message = "Only a mentor, coach, facilitator or co-coach keeps an own learning record."
        raise PermissionError(message)
    return member


def _require_owner(actor: User, item: OwnRecord) -> None:
    if item.owner_id != actor.pk:
        message = "Only the person who wrote this may change it."
        raise PermissionError(message)
    require_member(actor, item.relationship)


def _fill(item: OwnRecord, fields: dict, names: list[str]) -> list[str]:
    changed = [name for name in names if name in fields]
    for name in changed:
        setattr(item, name, fields[name])
    item.full_clean()
    return changed


@transaction.atomic
def add_own_learning_goal(
    *, actor: User, relationship: Relationship, fields: dict
) -> OwnLearningGoal:
    """A supporting member sets a goal for their own learning; only they will see it."""
    _require_supporter(actor, relationship)
    goal = OwnLearningGoal(relationship=relationship, owner=actor)
    _fill(goal, fields, OWN_GOAL_FIELDS)
    goal.save()
    return goal


@transaction.atomic
def add_learning_log_entry(
    *, actor: User, relationship: Relationship, fields: dict
) -> LearningLogEntry:
    """A supporting member writes what they learned; only they will see it."""
    _require_supporter(actor, relationship)
    if fields.get("learned_on") and fields["learned_on"] > timezone.localdate():
        raise ValidationError({"learned_on": "The date cannot be in the future."})
    entry = LearningLogEntry(relationship=relationship, owner=actor)
    _fill(entry, fields, LOG_FIELDS)
    entry.save()
    return entry


@transaction.atomic
def edit_own_record(*, actor: User, item: OwnRecord, fields: dict) -> OwnRecord:
    """The owner corrects their own learning goal or log entry."""
    _require_owner(actor, item)
    names = OWN_GOAL_FIELDS if isinstance(item, OwnLearningGoal) else LOG_FIELDS
    learned_on = fields.get("learned_on")
    if isinstance(item, LearningLogEntry) and learned_on and learned_on > timezone.localdate():
        raise ValidationError({"learned_on": "The date cannot be in the future."})
    changed = _fill(item, fields, names)
    item.save(update_fields=[*changed, "updated_at"])
    return item


@transaction.atomic
def delete_own_record(*, actor: User, item: OwnRecord) -> OwnRecord:
    """The owner deletes their goal or log entry (softly; undo for UNDO_WINDOW)."""
    _require_owner(actor, item)
    if item.deleted_at is None:
        item.deleted_at, item.deleted_by = timezone.now(), actor
        item.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        record_event(actor=actor, action=f"{item._meta.model_name}.delete", target=item)
    return item


@transaction.atomic
def restore_own_record(*, actor: User, item: OwnRecord) -> OwnRecord:
    """Undo the owner's deletion within UNDO_WINDOW."""
    _require_owner(actor, item)
    if item.deleted_at is None:
        return item
    if timezone.now() - item.deleted_at > UNDO_WINDOW:
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        message = (
            f"This was deleted more than {minutes} minutes ago, so it can no longer be undone."
        )
        raise ValidationError(message)
    item.deleted_at, item.deleted_by = None, None
    item.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    record_event(actor=actor, action=f"{item._meta.model_name}.restore", target=item)
    return item


# Pupil outcomes ---------------------------------------------------------------------------


@transaction.atomic
def define_pupil_outcome_measure(
    *, actor: User, programme: Programme, fields: dict
) -> PupilOutcomeMeasure:
    """A coordinator defines a class-level pupil outcome the programme's learners work on."""
    if not is_coordinator(actor, programme):
        message = "Only the programme's coordinators define its pupil outcome measures."
        raise PermissionError(message)
    measure = PupilOutcomeMeasure(programme=programme, created_by=actor)
    for name in ("name", "description", "scale", "bands"):
        if name in fields:
            setattr(measure, name, fields[name])
    measure.full_clean()
    measure.save()
    record_event(actor=actor, action="pupiloutcomemeasure.create", target=measure)
    return measure


@transaction.atomic
def edit_pupil_outcome_measure(
    *, actor: User, measure: PupilOutcomeMeasure, fields: dict
) -> PupilOutcomeMeasure:
    """A coordinator corrects a measure; once figures are recorded its scale and number of
    bands stay as they are (the figures were given in that shape), the words may change."""
    if not is_coordinator(actor, measure.programme):
        message = "Only the programme's coordinators change its pupil outcome measures."
        raise PermissionError(message)
    if measure.records.exists() and (
        fields.get("scale", measure.scale) != measure.scale
        or len(fields.get("bands", measure.bands)) != len(measure.bands)
    ):
        message = (
            "Figures have been recorded for this measure, so its scale and number of bands "
            "cannot change. Rename the bands, or add a new measure."
        )
        raise ValidationError(message)
    names = [name for name in ("name", "description", "scale", "bands") if name in fields]
    for name in names:
        setattr(measure, name, fields[name])
    measure.full_clean()
    measure.save(update_fields=[*names, "updated_at"])
    record_event(actor=actor, action="pupiloutcomemeasure.edit", target=measure)
    return measure


def check_outcome_figures(
    measure: PupilOutcomeMeasure, band_counts: list[int], percentage: int | None
) -> None:
    """Numbers only, in the measure's shape: a count for every band, or one percentage."""
    if measure.scale == PupilOutcomeMeasure.Scale.BANDS:
        if len(band_counts) != len(measure.bands) or any(
            not isinstance(count, int) or count < 0 for count in band_counts
        ):
            message = "Give the number of pupils in every band (0 or more)."
            raise ValidationError(message)
        if not sum(band_counts):
            message = "Give at least one pupil in one band."
            raise ValidationError(message)
        return
    if percentage is None or not 0 <= percentage <= 100:
        message = "Give a percentage between 0 and 100."
        raise ValidationError(message)


@transaction.atomic
def record_pupil_outcome(
    *,
    actor: User,
    relationship: Relationship,
    measure: PupilOutcomeMeasure,
    phase: str,
    band_counts: list[int],
    percentage: int | None,
) -> PupilOutcomeRecord:
    """A learner records (or corrects) their class's figures for a measure, before or after."""
    member = require_member(actor, relationship)
    if not member.is_learning:
        message = "Pupil outcome figures are recorded by the learner."
        raise PermissionError(message)
    if measure.programme_id != relationship.programme_id:
        message = "This measure belongs to another programme."
        raise ValidationError(message)
    check_outcome_figures(measure, band_counts, percentage)
    bands = measure.scale == PupilOutcomeMeasure.Scale.BANDS
    record, _created = PupilOutcomeRecord.objects.update_or_create(
        measure=measure,
        relationship=relationship,
        recorded_by=actor,
        phase=phase,
        defaults={
            "band_counts": band_counts if bands else [],
            "percentage": None if bands else percentage,
        },
    )
    record.full_clean()
    return record


# Specialist referrals ---------------------------------------------------------------------


def may_see_referral(user: User, referral: SpecialistReferral) -> bool:
    """The learner, the specialist, the relationship's supporting members (current and
    former) and the programme's coordinators."""
    if user.pk in {referral.learner_id, referral.specialist_id}:
        return True
    member = referral.relationship.members.filter(user=user).first()
    if member is not None and member.is_supporting:
        return True
    return is_coordinator(user, referral.relationship.programme)


@transaction.atomic
def refer_to_specialist(
    *,
    actor: User,
    relationship: Relationship,
    learner: User,
    specialist: User,
    focus_area: str,
    note: str = "",
    is_agreed_by_learner: bool = False,
) -> SpecialistReferral:
    """A coordinator, or a supporting member with the learner's agreement, refers a learner
    to a specialist coach for a focus area; the learner keeps their mentor."""
    learner_member = relationship.members.filter(user=learner).first()
    if learner_member is None or not learner_member.is_learning:
        raise ValidationError({"learner": "Choose a learner in this relationship."})
    if relationship.is_ended:
        message = "This relationship has ended."
        raise PermissionError(message)
    if not is_coordinator(actor, relationship.programme):
        member = require_member(actor, relationship)
        if not member.is_supporting:
            message = "A coordinator or the mentor makes a referral."
            raise PermissionError(message)
        if not is_agreed_by_learner:
            raise ValidationError(
                {"is_agreed_by_learner": "A mentor refers a learner only with their agreement."}
            )
    if relationship.members.filter(user=specialist).exists():
        raise ValidationError(
            {"specialist": "Choose someone outside this relationship as the specialist."}
        )
    referral = SpecialistReferral(
        relationship=relationship,
        learner=learner,
        specialist=specialist,
        focus_area=focus_area,
        note=note,
        is_agreed_by_learner=is_agreed_by_learner,
        referred_by=actor,
    )
    referral.full_clean()
    referral.save()
    record_event(actor=actor, action="specialistreferral.create", target=referral)
    return referral


@transaction.atomic
def accept_referral(*, actor: User, referral: SpecialistReferral) -> SpecialistReferral:
    """The specialist accepts a requested referral."""
    if referral.specialist_id != actor.pk:
        message = "Only the specialist accepts a referral."
        raise PermissionError(message)
    if referral.status != SpecialistReferral.Status.REQUESTED:
        message = "Only a requested referral can be accepted."
        raise ValidationError(message)
    referral.status, referral.accepted_at = SpecialistReferral.Status.ACCEPTED, timezone.now()
    referral.save(update_fields=["status", "accepted_at", "updated_at"])
    record_event(actor=actor, action="specialistreferral.accept", target=referral)
    return referral


@transaction.atomic
def end_referral(*, actor: User, referral: SpecialistReferral) -> SpecialistReferral:
    """Anyone the referral is visible to ends it (the learner keeps their mentor)."""
    if not may_see_referral(actor, referral):
        message = "Only the people the referral is visible to may end it."
        raise PermissionError(message)
    if referral.status == SpecialistReferral.Status.ENDED:
        return referral
    referral.status, referral.ended_at = SpecialistReferral.Status.ENDED, timezone.now()
    referral.save(update_fields=["status", "ended_at", "updated_at"])
    record_event(actor=actor, action="specialistreferral.end", target=referral)
    return referral
