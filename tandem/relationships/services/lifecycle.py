from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.mail import mail_on_commit
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import require_coordinator
from tandem.relationships.conflicts import find_conflicts
from tandem.relationships.models import (
    AgreementSignature,
    ChangeRequest,
    Conversation,
    EvidenceItem,
    Goal,
    LearningAgreement,
    MemberRole,
    Observation,
    Relationship,
    RelationshipMember,
    TimeEntry,
)
from tandem.relationships.models.relationship import (
    LEARNING_ROLES,
    SUPPORTING_ROLES,
    ChangeRequestStatus,
    EndReason,
)
from tandem.services import model_update

ENROLMENT_ROLES_FOR: dict[str, frozenset[str]] = {
    # Which approved enrolment roles allow someone to take a relationship role.
    **{role: frozenset({"mentor", "peer"}) for role in SUPPORTING_ROLES - {MemberRole.CO_COACH}},
    **{role: frozenset({"mentee", "peer"}) for role in LEARNING_ROLES - {MemberRole.CO_COACH}},
    MemberRole.CO_COACH: frozenset({"peer", "mentor", "mentee"}),
}


def _check_enrolled(programme: Programme, members: list[tuple[User, str, bool]]) -> None:
    approved: dict[int, set[str]] = {}
    for user_id, role in (
        Enrolment.objects.approved()
        .filter(programme=programme, user__in=[user for user, _role, _assessor in members])
        .values_list("user_id", "role")
    ):
        approved.setdefault(user_id, set()).add(role)
    for user, role, _assessor in members:
        if not approved.get(user.pk, set()) & ENROLMENT_ROLES_FOR[role]:
            message = f"{user} is not an approved participant in that role in this programme."
            raise ValidationError(message)


@transaction.atomic
def create_relationship(
    *,
    actor: User,
    programme: Programme,
    members: list[tuple[User, str, bool]],
    justification: str = "",
    replaces: Relationship | None = None,
) -> Relationship:
    """Form a pair or group by hand (coordinators only; automatic matching calls this too).

    `members` is (person, role, also assesses the learner). Conflicts the programme forbids
    raise ValidationError; any other conflict needs a recorded justification.
    """
    require_coordinator(actor, programme)
    return form_relationship(
        created_by=actor,
        programme=programme,
        members=members,
        justification=justification,
        replaces=replaces,
    )


@transaction.atomic
def form_relationship(
    *,
    created_by: User,
    programme: Programme,
    members: list[tuple[User, str, bool]],
    justification: str = "",
    replaces: Relationship | None = None,
) -> Relationship:
    """Form a relationship whose permission the caller has already settled: a coordinator
    pairing by hand or publishing a match, or a mentor accepting a mentee's choice."""
    actor = created_by
    if len({user.pk for user, _role, _assessor in members}) != len(members):
        message = "Each person can appear only once in a relationship."
        raise ValidationError(message)
    supporters = [user for user, role, _a in members if role in SUPPORTING_ROLES]
    learners = [user for user, role, _a in members if role in LEARNING_ROLES]
    if not supporters or not learners:
        message = "A relationship needs someone giving support and someone learning."
        raise ValidationError(message)
    _check_enrolled(programme, members)
    refused = refused_pairings(learners, supporters)
    if refused:
        raise ValidationError(refused)
    assessors = {user.pk for user, _role, is_assessor in members if is_assessor}
    conflicts = find_conflicts(
        programme, supporters=supporters, learners=learners, assessors=assessors
    )
    forbidden = [conflict.message for conflict in conflicts if conflict.is_forbidden]
    if forbidden:
        raise ValidationError(forbidden)
    if conflicts and not justification.strip():
        message = "Record why this pairing is right despite the conflict of interest."
        raise ValidationError({"justification": message})
    relationship = Relationship(
        programme=programme,
        is_group=len(members) > 2,
        conflicts=sorted({conflict.code for conflict in conflicts}),
        conflict_justification=justification.strip() if conflicts else "",
        created_by=actor,
        replaces=replaces,
    )
    relationship.full_clean()
    relationship.save()
    RelationshipMember.objects.bulk_create(
        RelationshipMember(relationship=relationship, user=user, role=role, is_assessor=assessor)
        for user, role, assessor in members
    )
    _first_agreement(relationship, actor=actor, members=members)
    if replaces is not None:
        carry_goals(replaces, relationship, learners=learners)
    mail_on_commit(
        [user for user, _role, _a in members],
        f"Your {programme.get_approach_display().lower()} in {programme.name}",
        "You have been paired in Tandem. Open Tandem to read and sign your learning agreement.",
    )
    return relationship


# Endings that mean "do not pair these two again" (the matching engine bars them too).
ASKED_NOT_AGAIN_ENDINGS = (EndReason.CHANGE_OF_MENTOR, EndReason.NOT_WORKING)


def refused_pairings(learners: list[User], supporters: list[User]) -> list[str]:
    """Why any of these learners may not be paired with any of these supporters: the learner
    asked to leave them (a change request not declined) or their relationship ended as not
    working. The same pairs the matching engine excludes (seed 002 §4.3.4). Three queries."""
    learner_ids = {user.pk for user in learners}
    supporter_by_id = {user.pk: user for user in supporters}
    asked = set(
        ChangeRequest.objects.filter(requested_by_id__in=learner_ids)
        .exclude(status=ChangeRequestStatus.DECLINED)
        .values_list("relationship_id", "requested_by_id")
    )
    asked |= set(
        RelationshipMember.objects.filter(
            user_id__in=learner_ids,
            role__in=LEARNING_ROLES,
            relationship__status=Relationship.Status.ENDED,
            relationship__end_reason__in=ASKED_NOT_AGAIN_ENDINGS,
        ).values_list("relationship_id", "user_id")
    )
    if not asked:
        return []
    earlier = RelationshipMember.objects.filter(
        relationship_id__in={relationship_id for relationship_id, _learner in asked},
        user_id__in=supporter_by_id,
        role__in=SUPPORTING_ROLES,
    ).values_list("relationship_id", "user_id")
    learner_by_id = {user.pk: user for user in learners}
    problems = set()
    for relationship_id, supporter_id in earlier:
        for asked_relationship, learner_id in asked:
            if asked_relationship == relationship_id and learner_id != supporter_id:
                problems.add(
                    f"{learner_by_id[learner_id]} asked to leave {supporter_by_id[supporter_id]} "
                    "(a change of mentor), so they cannot be paired together again. "
                    "Choose someone else."
                )
    return sorted(problems)


def carry_goals(
    previous: Relationship, relationship: Relationship, *, learners: list[User]
) -> list[Goal]:
    """The learners' open goals move with them into the relationship that replaces
    `previous` (each copy marked as carried from the earlier goal, which stays in the old
    record as it was)."""
    open_goals = previous.goals.filter(
        owner__in=learners, status__in=[Goal.Status.NOT_STARTED, Goal.Status.IN_PROGRESS]
    ).exclude(carried_to__isnull=False)
    carried = []
    for goal in open_goals:
        copy = Goal(
            relationship=relationship,
            owner_id=goal.owner_id,
            title=goal.title,
            why_it_matters=goal.why_it_matters,
            success_criteria=goal.success_criteria,
            target_on=goal.target_on,
            status=goal.status,
            framework_keys=goal.framework_keys,
            carried_from=goal,
        )
        copy.full_clean(exclude=["target_on"])  # a target already past is kept as agreed
        copy.save()
        carried.append(copy)
    return carried


def _first_agreement(
    relationship: Relationship, *, actor: User, members: list[tuple[User, str, bool]]
) -> LearningAgreement:
    """Version 1, drafted from the programme's template for the members to amend and sign."""
    programme = relationship.programme
    defaults = programme.agreement_template or {}
    roles = "\n".join(
        f"{user}: {MemberRole(role).label.lower()}{' (also assesses)' if assessor else ''}"
        for user, role, assessor in members
    )
    agreement = LearningAgreement(
        relationship=relationship,
        number=1,
        purpose=defaults.get("purpose") or programme.aims,
        ground_rules=defaults.get("ground_rules", "To agree at the first meeting."),
        confidentiality=defaults.get("confidentiality", "To agree at the first meeting."),
        safeguarding_exceptions=defaults.get(
            "safeguarding_exceptions",
            "Concerns about a child's or adult's safety are passed on under safeguarding "
            "procedures.",
        ),
        meeting_arrangements="To agree at the first meeting.",
        meeting_every_days=programme.meeting_every_days,
        meeting_minutes=programme.meeting_minutes,
        duration_weeks=programme.duration_weeks,
        roles=roles,
        review_points=defaults.get("review_points", "At the half-way point and at the end."),
        ending_and_change=defaults.get(
            "ending_and_change", "The learner may ask the coordinator for a change of mentor."
        ),
        change_note="First draft from the programme template.",
        created_by=actor,
    )
    agreement.full_clean()
    agreement.save()
    return agreement


TRANSITIONS = {
    "activate": ({Relationship.Status.PROPOSED}, Relationship.Status.ACTIVE),
    "pause": ({Relationship.Status.ACTIVE}, Relationship.Status.PAUSED),
    "resume": ({Relationship.Status.PAUSED}, Relationship.Status.ACTIVE),
    "end": (
        {Relationship.Status.PROPOSED, Relationship.Status.ACTIVE, Relationship.Status.PAUSED},
        Relationship.Status.ENDED,
    ),
}


@transaction.atomic
def change_relationship_status(
    *, actor: User, relationship: Relationship, transition: str, reason: str = "", note: str = ""
) -> Relationship:
    """Activate, pause, resume or end a relationship (coordinators only). Ending needs a
    reason and keeps the whole record."""
    require_coordinator(actor, relationship.programme)
    allowed_from, target = TRANSITIONS[transition]
    if relationship.status not in allowed_from:
        message = f"A {relationship.get_status_display().lower()} relationship cannot {transition}."
        raise ValidationError(message)
    data: dict[str, object] = {"status": target}
    if transition == "activate" and relationship.started_on is None:
        data["started_on"] = timezone.localdate()
    if target == Relationship.Status.ENDED:
        if not reason:
            raise ValidationError({"reason": "Choose why the relationship is ending."})
        data.update(ended_on=timezone.localdate(), end_reason=reason, end_note=note)
    model_update(instance=relationship, fields=list(data), data=data)
    return relationship


@transaction.atomic
def request_change_of_mentor(
    *, actor: User, relationship: Relationship, reason: str
) -> ChangeRequest:
    """A learner asks the coordinators, privately, for a different mentor (002 §4.3.4)."""
    member = RelationshipMember.objects.filter(relationship=relationship, user=actor).first()
    if member is None or not member.is_learning or relationship.is_ended:
        message = "Only a learner in a current relationship may ask for a change."
        raise PermissionError(message)
    if ChangeRequest.objects.filter(
        relationship=relationship, requested_by=actor, status=ChangeRequest.Status.OPEN
    ).exists():
        message = "You have already asked; a coordinator will be in touch."
        raise ValidationError(message)
    change = ChangeRequest(relationship=relationship, requested_by=actor, reason=reason)
    change.full_clean()
    change.save()
    mail_on_commit(
        list(relationship.programme.coordinators.all()),
        f"A change of mentor has been requested in {relationship.programme.name}",
        "A participant has asked, privately, for a change of mentor or coach. Open the "
        "programme overview in Tandem to act on it. Do not discuss it with the mentor.",
    )
    return change


@transaction.atomic
def resolve_change_request(
    *, actor: User, change: ChangeRequest, end_relationship: bool, note: str
) -> ChangeRequest:
    """The coordinator acts on a change request; ending the relationship keeps its record."""
    require_coordinator(actor, change.relationship.programme)
    if change.status != ChangeRequest.Status.OPEN:
        message = "This request has already been dealt with."
        raise ValidationError(message)
    if end_relationship and not change.relationship.is_ended:
        change_relationship_status(
            actor=actor,
            relationship=change.relationship,
            transition="end",
            reason=Relationship.EndReason.CHANGE_OF_MENTOR,
            note="Ended after a change of mentor was agreed.",
        )
    change.status = ChangeRequest.Status.RESOLVED
    change.resolved_by = actor
    change.resolved_at = timezone.now()
    change.resolution_note = note
    change.save(
        update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"]
    )
    mail_on_commit(
        [change.requested_by],
        "Your request for a change of mentor",
        "A coordinator has acted on your request. Open Tandem to see what happens next.",
    )
    return change


@transaction.atomic
def decline_change_request(*, actor: User, change: ChangeRequest, reason: str) -> ChangeRequest:
    """The coordinator says no to a change of mentor, with a reason the learner reads
    (coordinators only). The relationship carries on; the decision is audited."""
    require_coordinator(actor, change.relationship.programme)
    if change.status != ChangeRequest.Status.OPEN:
        message = "This request has already been dealt with."
        raise ValidationError(message)
    if not reason.strip():
        raise ValidationError({"reason": "Say why, for the person who asked."})
    change.status = ChangeRequest.Status.DECLINED
    change.resolved_by = actor
    change.resolved_at = timezone.now()
    change.resolution_note = reason.strip()
    change.full_clean()
    change.save(
        update_fields=["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"]
    )
    record_event(actor=actor, action="change-request.declined", target=change)
    mail_on_commit(
        [change.requested_by],
        "Your request for a change of mentor",
        "A coordinator has replied to your request and has not changed your mentor this "
        "time. Open Tandem to read why and what happens next.",
    )
    return change


def unsigned_and_empty(relationships: list[Relationship]) -> list[str]:
    """Why these relationships cannot be withdrawn as if never formed: someone has signed
    an agreement or recorded something in them. Empty when they can."""
    ids = [relationship.pk for relationship in relationships]
    problems = []
    if AgreementSignature.objects.filter(agreement__relationship_id__in=ids).exists():
        problems.append("Someone has already signed a learning agreement.")
    recorded = (
        Goal.objects.filter(relationship_id__in=ids).exists()
        or Conversation.objects.filter(relationship_id__in=ids).exists()
        or Observation.objects.filter(relationship_id__in=ids).exists()
        or EvidenceItem.objects.filter(relationship_id__in=ids).exists()
        or TimeEntry.objects.filter(relationship_id__in=ids).exists()
    )
    if recorded:
        problems.append("Someone has already recorded goals, meetings or time.")
    return problems


@transaction.atomic
def withdraw_relationships(
    *, actor: User, programme: Programme, relationships: list[Relationship]
) -> int:
    """Undo pairings nobody has signed or used yet, as if never formed (coordinators only):
    their members are emailed that the pairing was withdrawn. Returns how many."""
    require_coordinator(actor, programme)
    if any(relationship.programme_id != programme.pk for relationship in relationships):
        message = "Those relationships are not all in this programme."
        raise ValidationError(message)
    problems = unsigned_and_empty(relationships)
    if problems:
        raise ValidationError(problems)
    members = list(
        User.objects.filter(relationship_members__relationship__in=relationships).distinct()
    )
    try:
        num_deleted = Relationship.objects.filter(pk__in=[r.pk for r in relationships]).delete()
    except ProtectedError as error:
        message = "Something else already depends on these relationships."
        raise ValidationError(message) from error
    mail_on_commit(
        members,
        f"Your pairing in {programme.name} has been withdrawn",
        "The programme coordinator has withdrawn the pairing you were told about. You will "
        "hear again when you have been paired. Nothing you need to do.",
    )
    return num_deleted[1].get("relationships.Relationship", 0)
