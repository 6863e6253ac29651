from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.mail import mail_on_commit, site_url
from tandem.organisations.models import Organisation, Partnership
from tandem.people.models import Profile
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import coordinating_memberships, require_coordinator
from tandem.programmes.requirements import unmet_mentor_requirements
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
    "duration_weeks",
    "starts_on",
    "ends_on",
    "accepts_applications",
    "partnership",
    "requires_mentor_training",
    "min_mentor_years",
    "min_mentor_years_in_role",
    "mentor_career_stages",
    "mentor_must_be_external",
    "forbid_line_manager",
    "forbid_assessor",
]


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
    programme.full_clean()
    programme.save()
    programme.organisations.set(organisations)
    programme.coordinators.set({actor, *(coordinators or [])})
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
    model_update(instance=programme, fields=PROGRAMME_FIELDS, data=fields)
    programme.organisations.set(organisations)
    # The acting coordinator cannot remove themself, so a programme always has one.
    programme.coordinators.set({actor, *coordinators})
    return programme


@transaction.atomic
def invite_people(
    *, actor: User, programme: Programme, users: list[User], role: str
) -> list[Enrolment]:
    """Invite people (one or many) to join a programme in a role; coordinators only.
    People already approved in that role are left as they are."""
    require_coordinator(actor, programme)
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
    """Unmet mentor requirements for each mentor-side enrolment, in two queries."""
    user_ids = [enrolment.user_id for enrolment in enrolments if enrolment.is_mentor_side]
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=user_ids).annotate(
            num_training=Count("training_records")
        )
    }
    checks = {}
    for enrolment in enrolments:
        if not enrolment.is_mentor_side:
            continue
        profile = profiles.get(enrolment.user_id)
        checks[enrolment.pk] = unmet_mentor_requirements(
            programme, profile, num_training_records=profile.num_training if profile else 0
        )
    return checks


@transaction.atomic
def decide_enrolment(*, actor: User, enrolment: Enrolment, approve: bool, note: str) -> Enrolment:
    """Approve or decline an application or invitation (coordinators only). Approving a
    mentor who does not meet the programme's requirements needs a note saying why."""
    require_coordinator(actor, enrolment.programme)
    unmet = requirement_checks(enrolment.programme, [enrolment]).get(enrolment.pk, [])
    if approve and unmet and not note.strip():
        message = "Say why you are approving a mentor who does not meet every requirement."
        raise ValidationError({"note": message})
    enrolment.status = Enrolment.Status.APPROVED if approve else Enrolment.Status.DECLINED
    enrolment.unmet_requirements = unmet if approve else []
    enrolment.decision_note = note.strip()
    enrolment.decided_by = actor
    enrolment.decided_at = timezone.now()
    enrolment.full_clean()
    enrolment.save(
        update_fields=[
            "status",
            "unmet_requirements",
            "decision_note",
            "decided_by",
            "decided_at",
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
        enrolment.status = Enrolment.Status.APPROVED
        enrolment.unmet_requirements = requirement_checks(enrolment.programme, [enrolment]).get(
            enrolment.pk, []
        )
    else:
        enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.decided_at = timezone.now()
    enrolment.save(update_fields=["status", "unmet_requirements", "decided_at", "updated_at"])
    return enrolment
