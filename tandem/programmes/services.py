from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.framework import keys
from tandem.mail import mail_on_commit, site_url
from tandem.organisations.models import Organisation, Partnership
from tandem.people.models import Profile
from tandem.programmes.eligibility import eligibility_checks, require_eligible
from tandem.programmes.models import DECISION_CHANGE_DAYS, Enrolment, Programme, weeks_between
from tandem.programmes.policy import coordinating_memberships, require_coordinator
from tandem.programmes.requirements import (
    credentials_by_user,
    has_credential_rules,
    unmet_for_users,
    unmet_mentor_requirements,
)
from tandem.programmes.templates_catalogue import TEMPLATES_BY_KEY
from tandem.services import model_update

PROGRAMME_FIELDS = [
    "name",
    "status",
    "aims",
    "cpd_fit",
    "approach",
    "group_format",
    "pairing",
    "sector_mix",
    "mentor_source",
    "mentor_styles",
    "meeting_every_days",
    "meeting_minutes",
    "starts_on",
    "ends_on",
    "accepts_applications",
    "partnership",
    "requires_mentor_training",
    "min_mentor_years",
    "min_mentor_years_in_role",
    "mentor_career_stages",
    "requires_accredited_mentor",
    "required_mentor_course",
    "mentor_must_be_external",
    "forbid_line_manager",
    "forbid_assessor",
    "mentor_minutes_per_week",
    "mentee_minutes_per_week",
    "pairs_must_cross_sector",
    "eligible_career_stages",
    "eligible_min_years",
    "eligible_max_years",
    "eligible_max_years_in_role",
    "allowance_per_term",
]
# Many-to-many rules, set after the programme is saved.
PROGRAMME_M2M_FIELDS = ["eligible_phases"]


def set_programme_m2m(programme: Programme, fields: dict) -> None:
    for name in PROGRAMME_M2M_FIELDS:
        if name in fields:
            getattr(programme, name).set(fields[name])


@transaction.atomic
def create_programme(
    *,
    actor: User,
    template_key: str,
    fields: dict,
    organisations: list[Organisation],
    partnership: Partnership | None = None,
    coordinators: list[User] | None = None,
) -> Programme:
    """Set up a programme; the actor must coordinate or lead one of its organisations and
    becomes one of its coordinators."""
    allowed = set(coordinating_memberships(actor).values_list("organisation_id", flat=True))
    if not organisations or not allowed & {organisation.pk for organisation in organisations}:
        message = "You can set up programmes only for organisations you coordinate or lead."
        raise PermissionError(message)
    programme = Programme(created_by=actor, partnership=partnership)
    for name in PROGRAMME_FIELDS:
        if name in fields:
            setattr(programme, name, fields[name])
    programme.template_key = template_key if template_key in TEMPLATES_BY_KEY else ""
    template = TEMPLATES_BY_KEY.get(template_key)
    programme.agreement_template = template.agreement_defaults if template else {}
    if programme.starts_on and programme.ends_on:
        programme.duration_weeks = weeks_between(programme.starts_on, programme.ends_on)
    programme.full_clean()
    programme.save()
    programme.organisations.set(organisations)
    programme.coordinators.set({actor, *(coordinators or [])})
    set_programme_m2m(programme, fields)
    return programme


@transaction.atomic
def update_programme(
    *,
    actor: User,
    programme: Programme,
    fields: dict,
    organisations: list[Organisation],
    coordinators: list[User],
) -> Programme:
    """Change a programme's description, model, rules or steering group (coordinators only)."""
    require_coordinator(actor, programme)
    starts_on = fields.get("starts_on", programme.starts_on)
    ends_on = fields.get("ends_on", programme.ends_on)
    fields = {**fields, "duration_weeks": weeks_between(starts_on, ends_on)}
    model_update(instance=programme, fields=[*PROGRAMME_FIELDS, "duration_weeks"], data=fields)
    programme.organisations.set(organisations)
    # The acting coordinator cannot remove themself, so a programme always has one.
    programme.coordinators.set({actor, *coordinators})
    set_programme_m2m(programme, fields)
    return programme


# Approaches in which every participant both gives and receives support, so one person may
# hold the mentor and the mentee side of the same programme (seed 002 §2.2.3).
RECIPROCAL_APPROACHES = frozenset(
    {
        keys.Approach.CO_COACHING.value,
        keys.Approach.CO_MENTORING.value,
        keys.Approach.RECIPROCAL_PEER_COACHING.value,
    }
)
LIVE_STATUSES = (Enrolment.Status.INVITED, Enrolment.Status.APPLIED, Enrolment.Status.APPROVED)


def other_role_conflicts(programme: Programme, users: list[User], role: str) -> list[str]:
    """Why each of `users` may not take `role`: already enrolled (invited, applied or
    approved) in another role of the same programme, which only reciprocal approaches
    allow. One query."""
    if programme.approach in RECIPROCAL_APPROACHES:
        return []
    others = (
        Enrolment.objects.filter(programme=programme, user__in=users, status__in=LIVE_STATUSES)
        .exclude(role=role)
        .select_related("user")
        .order_by("user__full_name")
    )
    return [
        f"{enrolment.user.display_name} is already enrolled in this programme as "
        f"{enrolment.get_role_display().lower()} ({enrolment.get_status_display().lower()}). "
        "One person cannot be both mentor and mentee in the same programme unless it is "
        "co-mentoring or co-coaching."
        for enrolment in others
    ]


def require_no_other_role(programme: Programme, users: list[User], role: str) -> None:
    conflicts = other_role_conflicts(programme, users, role)
    if conflicts:
        raise ValidationError(conflicts)


@transaction.atomic
def invite_people(
    *,
    actor: User,
    programme: Programme,
    users: list[User],
    role: str,
    capacity: int | None = None,
) -> list[Enrolment]:
    """Invite people (one or many) to join a programme in a role; coordinators only.
    People already approved in that role are left as they are. A mentor's `capacity` (how
    many mentees) is set when given. Nobody is invited in a second role of the same
    programme unless the programme is reciprocal."""
    require_coordinator(actor, programme)
    require_no_other_role(programme, users, role)
    require_eligible(programme, users, role)
    existing = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.filter(programme=programme, role=role, user__in=users)
    }
    invited = []
    for user in users:
        enrolment = existing.get(user.pk)
        if enrolment and enrolment.status == Enrolment.Status.APPROVED:
            continue
        enrolment = enrolment or Enrolment(programme=programme, user=user, role=role)
        enrolment.status = Enrolment.Status.INVITED
        enrolment.invited_by = actor
        if capacity is not None and role != Enrolment.Role.MENTEE:
            enrolment.capacity = capacity
        enrolment.full_clean()
        enrolment.save()
        invited.append(enrolment)
        mail_on_commit(
            [user],
            f"You are invited to {programme.name}",
            f"{actor.display_name} has invited you to join {programme.name} as "
            f"{enrolment.get_role_display().lower()}.\n\nAccept or decline on the programme "
            f"page: {site_url(reverse('programmes:programme-detail', args=[programme.uuid]))}",
        )
    return invited


@transaction.atomic
def apply_to_programme(*, actor: User, programme: Programme, role: str, details: dict) -> Enrolment:
    """A person applies to join a programme that is open to applications."""
    if not programme.accepts_applications or programme.status == Programme.Status.CLOSED:
        message = "This programme is not taking applications."
        raise ValidationError(message)
    enrolment = Enrolment.objects.filter(programme=programme, user=actor, role=role).first()
    if enrolment and enrolment.status in {Enrolment.Status.APPROVED, Enrolment.Status.APPLIED}:
        message = "You have already applied in this role."
        raise ValidationError(message)
    require_no_other_role(programme, [actor], role)
    require_eligible(programme, [actor], role)
    enrolment = enrolment or Enrolment(programme=programme, user=actor, role=role)
    enrolment.status = Enrolment.Status.APPLIED
    for name in ("focus_areas", "initial_goals", "preferences", "capacity", "expertise"):
        if name in details:
            setattr(enrolment, name, details[name])
    enrolment.availability_note = details.get("availability_note", "")
    enrolment.full_clean()
    enrolment.save()
    return enrolment


def requirement_checks(programme: Programme, enrolments: list[Enrolment]) -> dict[int, list[str]]:
    """Unmet mentor requirements for each mentor-side enrolment, in two queries (three when
    the programme asks for accreditation or a named course)."""
    user_ids = [enrolment.user_id for enrolment in enrolments if enrolment.is_mentor_side]
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=user_ids).annotate(
            num_training=Count("training_records")
        )
    }
    # A third query only when the programme asks for credentials (accredited, a course).
    credentials = credentials_by_user(user_ids) if has_credential_rules(programme) else {}
    checks = {}
    for enrolment in enrolments:
        if not enrolment.is_mentor_side:
            continue
        profile = profiles.get(enrolment.user_id)
        checks[enrolment.pk] = unmet_mentor_requirements(
            programme,
            profile,
            num_training_records=profile.num_training if profile else 0,
            credentials=credentials,
        )
    return checks


def approval_blockers(enrolment: Enrolment) -> list[str]:
    """Why an enrolment cannot be approved at all (not requirements, which a note may
    override): the person has not accepted yet, their account is switched off, or they hold
    another role in the programme."""
    if enrolment.status == Enrolment.Status.INVITED:
        message = (
            f"{enrolment.user.display_name} has been invited but has not accepted yet; they "
            "join when they accept, or you can decline the invitation."
        )
        return [message]
    if not enrolment.user.is_active:
        return [f"{enrolment.user.display_name}'s account is switched off."]
    ineligible = eligibility_checks(enrolment.programme, [enrolment]).get(enrolment.pk)
    if ineligible:
        name = enrolment.user.display_name
        return [f"{name} does not meet this programme's eligibility rules.", *ineligible]
    return other_role_conflicts(enrolment.programme, [enrolment.user], enrolment.role)


def check_decision_can_change(enrolment: Enrolment, *, approve: bool) -> None:
    """Refuse changing a decision after the grace period, or un-approving someone who is
    already paired in the programme (their relationship would be left without a place)."""
    until = enrolment.decision_change_until
    if until is None:
        return
    if timezone.now() > until:
        message = (
            f"A decision can be changed for {DECISION_CHANGE_DAYS} days only; this one "
            f"could be changed until {timezone.localtime(until):%-d %B %Y}."
        )
        raise ValidationError(message)
    # Looked up by the reverse name: relationships sits above programmes in the layers.
    is_paired = (
        enrolment.user.relationship_members.filter(relationship__programme=enrolment.programme)
        .exclude(relationship__status="ended")
        .exists()
    )
    if not approve and enrolment.status == Enrolment.Status.APPROVED and is_paired:
        message = f"{enrolment.user} is already paired in this programme: end that first."
        raise ValidationError(message)


def check_decision(*, enrolment: Enrolment, approve: bool, note: str) -> list[str]:
    """Raise ValidationError if this decision cannot be recorded as it stands (asked before
    the confirmation page too); returns the mentor requirements not met."""
    check_decision_can_change(enrolment, approve=approve)
    if approve:
        blockers = approval_blockers(enrolment)
        if blockers:
            raise ValidationError(blockers)
    unmet = requirement_checks(enrolment.programme, [enrolment]).get(enrolment.pk, [])
    if approve and unmet and not note.strip():
        message = "Say why you are approving a mentor who does not meet every requirement."
        raise ValidationError({"note": message})
    return unmet


@transaction.atomic
def decide_enrolment(
    *,
    actor: User,
    enrolment: Enrolment,
    approve: bool,
    note: str,
    capacity: int | None = None,
) -> Enrolment:
    """Approve or decline an application or invitation (coordinators only). Approving a
    mentor who does not meet the programme's requirements needs a note saying why; people
    only invited, or enrolled in another role, cannot be approved. A mentor's `capacity`
    may be set with the approval."""
    require_coordinator(actor, enrolment.programme)
    unmet = check_decision(enrolment=enrolment, approve=approve, note=note)
    enrolment.status = Enrolment.Status.APPROVED if approve else Enrolment.Status.DECLINED
    enrolment.unmet_requirements = unmet if approve else []
    enrolment.decision_note = note.strip()
    enrolment.decided_by = actor
    enrolment.decided_at = timezone.now()
    if approve and capacity is not None and enrolment.is_mentor_side:
        enrolment.capacity = capacity
    enrolment.full_clean()
    enrolment.save(
        update_fields=[
            "status",
            "unmet_requirements",
            "decision_note",
            "decided_by",
            "decided_at",
            "capacity",
            "updated_at",
        ]
    )
    outcome = "approved" if approve else "not approved this time"
    mail_on_commit(
        [enrolment.user],
        f"Your place in {enrolment.programme.name}",
        f"Your enrolment in {enrolment.programme.name} has been {outcome}.",
    )
    return enrolment


@transaction.atomic
def respond_to_invitation(*, actor: User, enrolment: Enrolment, accept: bool) -> Enrolment:
    """The invited person accepts (joins) or declines (withdraws) an invitation."""
    if enrolment.user_id != actor.pk or enrolment.status != Enrolment.Status.INVITED:
        message = "Only the invited person may answer an open invitation."
        raise PermissionError(message)
    if accept:
        # The rules may have changed, or the profile, since the invitation was sent.
        require_eligible(enrolment.programme, [enrolment.user], enrolment.role)
        enrolment.status = Enrolment.Status.APPROVED
        enrolment.unmet_requirements = requirement_checks(enrolment.programme, [enrolment]).get(
            enrolment.pk, []
        )
    else:
        enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.decided_at = timezone.now()
    enrolment.save(update_fields=["status", "unmet_requirements", "decided_at", "updated_at"])
    return enrolment


@transaction.atomic
def set_mentor_capacity(*, actor: User, enrolment: Enrolment, capacity: int) -> Enrolment:
    """Change how many mentees a mentor or co-coach can support (coordinators only)."""
    require_coordinator(actor, enrolment.programme)
    if not enrolment.is_mentor_side:
        message = "Only mentors and co-coaches have a number of mentees to set."
        raise ValidationError({"capacity": message})
    model_update(instance=enrolment, fields=["capacity"], data={"capacity": capacity})
    return enrolment


def bulk_approval_plan(
    programme: Programme, enrolments: list[Enrolment]
) -> tuple[list[Enrolment], list[tuple[Enrolment, list[str]]]]:
    """Of the applications and invitations among `enrolments`, who "approve all who meet the
    requirements" would approve, and who it would leave, with the reasons. Two queries
    (requirements) plus one for other roles."""
    waiting = [
        enrolment
        for enrolment in enrolments
        if enrolment.status in {Enrolment.Status.APPLIED, Enrolment.Status.INVITED}
    ]
    checks = requirement_checks(programme, waiting)
    ineligible = eligibility_checks(programme, waiting)
    conflicted = {
        enrolment.pk: reasons
        for enrolment in waiting
        if (reasons := _other_role_reasons(programme, enrolment, enrolments))
    }
    approvable, left = [], []
    for enrolment in waiting:
        if enrolment.status == Enrolment.Status.INVITED:
            left.append((enrolment, ["Invited but has not accepted yet."]))
        elif not enrolment.user.is_active:
            left.append((enrolment, ["Their account is switched off."]))
        elif enrolment.pk in conflicted:
            left.append((enrolment, conflicted[enrolment.pk]))
        elif checks.get(enrolment.pk):
            left.append((enrolment, checks[enrolment.pk]))
        elif ineligible.get(enrolment.pk):
            left.append(
                (enrolment, ["Does not meet the eligibility rules.", *ineligible[enrolment.pk]])
            )
        else:
            approvable.append(enrolment)
    return approvable, left


def _other_role_reasons(
    programme: Programme, enrolment: Enrolment, enrolments: list[Enrolment]
) -> list[str]:
    """Other-role conflicts found among the programme's enrolments already in memory."""
    if programme.approach in RECIPROCAL_APPROACHES:
        return []
    return [
        f"Also enrolled as {other.get_role_display().lower()} "
        f"({other.get_status_display().lower()}): one person cannot be both mentor and mentee "
        "in this programme."
        for other in enrolments
        if other.user_id == enrolment.user_id
        and other.pk != enrolment.pk
        and other.status in LIVE_STATUSES
    ]


@transaction.atomic
def approve_all_eligible(
    *, actor: User, programme: Programme, enrolment_uuids: list[str]
) -> tuple[list[Enrolment], list[Enrolment]]:
    """Approve, of the enrolments the coordinator confirmed, each one that still meets every
    requirement (coordinators only). Returns (approved, skipped because something changed)."""
    require_coordinator(actor, programme)
    enrolments = list(
        Enrolment.objects.filter(programme=programme).select_related("user", "programme")
    )
    approvable, _left = bulk_approval_plan(programme, enrolments)
    wanted = {str(uuid) for uuid in enrolment_uuids}
    approved = [enrolment for enrolment in approvable if str(enrolment.uuid) in wanted]
    for enrolment in approved:
        decide_enrolment(actor=actor, enrolment=enrolment, approve=True, note="")
    approved_uuids = {str(enrolment.uuid) for enrolment in approved}
    skipped = [
        enrolment
        for enrolment in enrolments
        if str(enrolment.uuid) in wanted and str(enrolment.uuid) not in approved_uuids
    ]
    return approved, skipped


@transaction.atomic
def enrol_approved_mentors(
    *, actor: User, programme: Programme, users: list[User], note: str = ""
) -> list[Enrolment]:
    """Enrol people straight in as approved mentors (coordinators only): for mentors who have
    already offered to mentor, such as an approved mentor bank's entries. People who do not
    meet the programme's requirements are refused, naming what is missing, unless `note`
    says why; people already approved as mentors are left as they are."""
    require_coordinator(actor, programme)
    require_no_other_role(programme, users, Enrolment.Role.MENTOR)
    existing = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.filter(
            programme=programme, role=Enrolment.Role.MENTOR, user__in=users
        )
    }
    enrolments = [
        existing.get(user.pk)
        or Enrolment(programme=programme, user=user, role=Enrolment.Role.MENTOR)
        for user in users
    ]
    waiting = [item for item in enrolments if item.status != Enrolment.Status.APPROVED]
    for enrolment in waiting:
        if not enrolment.user.is_active:
            message = f"{enrolment.user.display_name}'s account is switched off."
            raise ValidationError(message)
    checks = unmet_for_users(programme, [enrolment.user_id for enrolment in waiting])
    unmet_messages = [
        f"{enrolment.user.display_name}: {reason}"
        for enrolment in waiting
        for reason in checks[enrolment.user_id]
    ]
    if unmet_messages and not note.strip():
        raise ValidationError(unmet_messages)
    now = timezone.now()
    for enrolment in waiting:
        enrolment.status = Enrolment.Status.APPROVED
        enrolment.unmet_requirements = checks[enrolment.user_id]
        enrolment.decision_note = note.strip() if checks[enrolment.user_id] else ""
        enrolment.decided_by = actor
        enrolment.decided_at = now
        enrolment.invited_by = actor
        enrolment.full_clean()
        enrolment.save()
        mail_on_commit(
            [enrolment.user],
            f"Your place in {programme.name}",
            f"{actor.display_name} has enrolled you as a mentor in {programme.name}.",
        )
    return waiting
