"""Setting up a study: the study itself, its team, strands and participants, and the
participants' own research consent.

Research consent is separate from taking part in the programme: a participant gives or
declines it on their own page, may agree or not that their Tandem records are used, and
may withdraw at any time. Withdrawal deletes their documents (and with them every passage
coded in them, memos on those, and their case summary) after they confirm; their
participant row stays, marked withdrawn, with its consent history, so nobody invites them
again by mistake and the study can say how many withdrew.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.mail import mail_on_commit, site_url
from tandem.organisations.models import Membership, Organisation, Partnership
from tandem.programmes.models import Enrolment, Programme
from tandem.research import policy
from tandem.research.models import (
    CaseSummary,
    Document,
    Participant,
    Strand,
    Study,
    StudyMember,
    TeamRole,
)
from tandem.research.services import pseudonyms

TRANSITIONS: dict[str, list[str]] = {
    Study.Status.SETTING_UP: [Study.Status.COLLECTING],
    Study.Status.COLLECTING: [Study.Status.SETTING_UP, Study.Status.REPORTED],
    Study.Status.REPORTED: [Study.Status.COLLECTING, Study.Status.CLOSED],
    Study.Status.CLOSED: [Study.Status.REPORTED],
}
# Strand names → the word its participants' pseudonyms start with ("Coach 3").
LABELS = ["coach", "mentor", "manager", "leader", "user", "teacher", "staff", "governor"]


def subjects_for(
    organisation: Organisation,
) -> tuple["QuerySet[Programme]", "QuerySet[Partnership]"]:
    """The programmes and partnerships a study for this organisation may be about."""
    return (
        Programme.objects.filter(organisations=organisation).distinct(),
        Partnership.objects.filter(organisations=organisation).distinct(),
    )


def _check_subject(study: Study) -> None:
    programmes, partnerships = subjects_for(study.organisation)
    if study.programme_id and not programmes.filter(pk=study.programme_id).exists():
        raise ValidationError({"programme": "Choose one of the organisation's programmes."})
    if study.partnership_id and not partnerships.filter(pk=study.partnership_id).exists():
        raise ValidationError({"partnership": "Choose a partnership the organisation is in."})
    if study.programme_id and study.partnership_id:
        message = "A study is about one programme or one partnership's scheme, not both."
        raise ValidationError(message)
    if not study.programme_id and not study.partnership_id:
        message = "Choose the programme or partnership scheme the study evaluates."
        raise ValidationError(message)


@transaction.atomic
def create_study(*, actor: User, fields: dict[str, Any]) -> Study:
    """Set up a study for an organisation the actor leads or coordinates in; the actor
    becomes its lead."""
    organisation = fields["organisation"]
    if not policy.organisations_for_new_study(actor).filter(pk=organisation.pk).exists():
        message = "You may set up studies only for organisations you lead or coordinate in."
        raise PermissionError(message)
    study = Study(created_by=actor, **fields)
    _check_subject(study)
    study.full_clean()
    study.save()
    StudyMember.objects.create(study=study, user=actor, role=TeamRole.LEAD)
    return study


@transaction.atomic
def edit_study(*, actor: User, study: Study, fields: dict[str, Any]) -> Study:
    """Change a study's title, subject, questions, ethics statement or place names. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    for name, value in fields.items():
        setattr(study, name, value)
    _check_subject(study)
    study.full_clean()
    study.save(update_fields=[*fields, "updated_at"])
    return study


@transaction.atomic
def change_status(*, actor: User, study: Study, status: str) -> Study:
    """Move a study to its next (or back to its previous) stage. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    if status not in TRANSITIONS[study.status]:
        message = f"A study that is “{study.get_status_display()}” cannot move to that stage."
        raise ValidationError(message)
    study.status = status
    study.closed_at = timezone.now() if status == Study.Status.CLOSED else None
    study.save(update_fields=["status", "closed_at", "updated_at"])
    return study


# ---- team -------------------------------------------------------------------------------


def organisations_of(study: Study) -> list[int]:
    return [o.pk for o in pseudonyms.study_organisations(study)]


def team_candidates(study: Study) -> "QuerySet[User]":
    """People in the study's organisation(s) or partnership who are not on the team yet."""
    members = Membership.objects.current().filter(organisation__in=organisations_of(study))
    return (
        User.objects.filter(memberships__in=members)
        .exclude(study_memberships__study=study)
        .distinct()
        .order_by("full_name")
    )


@transaction.atomic
def add_member(*, actor: User, study: Study, user: User, role: str) -> StudyMember:
    """Add someone from the study's organisations to its team. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    if not team_candidates(study).filter(pk=user.pk).exists():
        message = "Choose someone in the study's organisations who is not on the team yet."
        raise ValidationError({"user": message})
    member = StudyMember(study=study, user=user, role=role)
    member.full_clean()
    member.save()
    return member


def _other_leads(member: StudyMember) -> bool:
    return (
        StudyMember.objects.filter(study=member.study, role=TeamRole.LEAD)
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def change_role(*, actor: User, member: StudyMember, role: str) -> StudyMember:
    """Change a team member's role; the study always keeps a lead. Leads only."""
    policy.require(actor, member.study, policy.MANAGE)
    if role not in TeamRole.values:
        raise ValidationError({"role": "Choose a role."})
    if member.role == TeamRole.LEAD and role != TeamRole.LEAD and not _other_leads(member):
        message = "The study needs a lead: make someone else lead first."
        raise ValidationError(message)
    member.role = role
    member.save(update_fields=["role", "updated_at"])
    return member


@transaction.atomic
def remove_member(*, actor: User, member: StudyMember) -> None:
    """Take someone off the team (their coding stays, in their name). Leads only."""
    policy.require(actor, member.study, policy.MANAGE)
    if member.role == TeamRole.LEAD and not _other_leads(member):
        message = "The last lead cannot be removed: make someone else lead first."
        raise ValidationError(message)
    member.delete()


# ---- strands ----------------------------------------------------------------------------


def default_label(name: str) -> str:
    for word in re.findall(r"[a-z]+", name.lower()):
        for singular in (word, word.removesuffix("s"), word.removesuffix("es")):
            if singular in LABELS:
                return singular.capitalize()
    return "Participant"


@transaction.atomic
def add_strand(*, actor: User, study: Study, name: str, description: str = "") -> Strand:
    """Add a participant group at the end of the study's strands. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    last = study.strands.aggregate(last=Max("position"))["last"]
    strand = Strand(
        study=study, name=name, description=description, position=0 if last is None else last + 1
    )
    try:
        strand.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError(
                {"name": "The study already has a strand of that name."}
            ) from error
        raise
    strand.save()
    return strand


@transaction.atomic
def rename_strand(*, actor: User, strand: Strand, name: str, description: str) -> Strand:
    """Rename a strand or change its description. Leads only."""
    policy.require(actor, strand.study, policy.MANAGE)
    strand.name, strand.description = name, description
    try:
        strand.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict:
            raise ValidationError(
                {"name": "The study already has a strand of that name."}
            ) from error
        raise
    strand.save(update_fields=["name", "description", "updated_at"])
    return strand


@transaction.atomic
def move_strand(*, actor: User, strand: Strand, up: bool) -> None:
    """Move a strand one place up or down the list. Leads only."""
    policy.require(actor, strand.study, policy.MANAGE)
    strands = list(Strand.objects.filter(study=strand.study).select_for_update())
    index = next(i for i, s in enumerate(strands) if s.pk == strand.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(strands):
        strands[index], strands[other] = strands[other], strands[index]
    for position, each in enumerate(strands):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position", "updated_at"])


@transaction.atomic
def remove_strand(*, actor: User, strand: Strand) -> None:
    """Remove an empty strand; refused while participants are in it. Leads only."""
    policy.require(actor, strand.study, policy.MANAGE)
    if strand.participants.exists():
        message = "Move or remove this strand's participants first: it is not empty."
        raise ValidationError(message)
    strand.delete()


# ---- participants -----------------------------------------------------------------------


def participant_candidates(study: Study) -> "QuerySet[User]":
    """Tandem users who may be invited: members of the study's organisations or enrolled
    in its programme, not already taking part."""
    members = Membership.objects.current().filter(organisation__in=organisations_of(study))
    condition = Q(memberships__in=members)
    if study.programme_id:
        condition |= Q(enrolments__in=Enrolment.objects.filter(programme_id=study.programme_id))
    return (
        User.objects.filter(condition)
        .exclude(research_participations__study=study)
        .distinct()
        .order_by("full_name")
    )


def next_pseudonym(strand: Strand) -> str:
    label = default_label(strand.name)
    taken = set(Participant.objects.filter(study=strand.study).values_list("pseudonym", flat=True))
    taken |= set(strand.study.pseudonyms.values_list("replacement", flat=True))
    number = 1
    while f"{label} {number}" in taken:
        number += 1
    return f"{label} {number}"


def _history(participant: Participant, actor: User | None) -> None:
    participant.consent_history = [
        *participant.consent_history,
        {
            "consent": participant.consent,
            "shares_tandem_records": participant.shares_tandem_records,
            "at": timezone.now().isoformat(timespec="seconds"),
            "by": "participant"
            if actor is not None and actor.pk == participant.user_id
            else "team",
        },
    ]


def _primary_organisation(user: User, study: Study) -> Organisation | None:
    membership = (
        Membership.objects.current()
        .filter(user=user, organisation__in=organisations_of(study))
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


@transaction.atomic
def invite_participant(*, actor: User, study: Study, strand: Strand, user: User) -> Participant:
    """Invite a Tandem user into a strand; they are e-mailed and decide on their own page
    whether to consent. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    if strand.study_id != study.pk:
        raise ValidationError({"strand": "Choose one of this study's strands."})
    if not participant_candidates(study).filter(pk=user.pk).exists():
        message = (
            "Choose someone in the study's organisations or programme who is not taking part yet."
        )
        raise ValidationError({"user": message})
    participant = Participant(
        study=study,
        strand=strand,
        user=user,
        organisation=_primary_organisation(user, study),
        pseudonym=next_pseudonym(strand),
        invited_by=actor,
    )
    _history(participant, actor)
    participant.full_clean()
    participant.save()
    pseudonyms.ensure_participant_pseudonym(participant)
    link = site_url(
        reverse("research:participation", kwargs={"participant_uuid": participant.uuid})
    )
    mail_on_commit(
        [user],
        f"You are invited to take part in research: {study.title}",
        f"{actor.full_name} invites you to take part in the study “{study.title}”, run by "
        f"{study.organisation}.\n\nTaking part is your choice and separate from your part in "
        f"any programme. Read what the study involves and give or decline your consent "
        f"here:\n{link}\n\nYou may withdraw at any time.",
    )
    return participant


@transaction.atomic
def add_outside_participant(
    *,
    actor: User,
    study: Study,
    strand: Strand,
    name: str,
    consent_method: str,
    organisation: Organisation | None = None,
) -> Participant:
    """Record a participant who has no Tandem account, with how their consent was
    obtained. Leads only."""
    policy.require(actor, study, policy.MANAGE)
    if strand.study_id != study.pk:
        raise ValidationError({"strand": "Choose one of this study's strands."})
    if not consent_method.strip():
        message = "Say how and when this person gave their consent (e.g. signed form, date)."
        raise ValidationError({"consent_method": message})
    participant = Participant(
        study=study,
        strand=strand,
        name=name.strip(),
        organisation=organisation,
        pseudonym=next_pseudonym(strand),
        consent=Participant.Consent.GIVEN,
        consent_changed_at=timezone.now(),
        consent_method=consent_method.strip(),
        invited_by=actor,
    )
    _history(participant, actor)
    participant.full_clean()
    participant.save()
    pseudonyms.ensure_participant_pseudonym(participant)
    return participant


@transaction.atomic
def edit_participant(
    *, actor: User, participant: Participant, strand: Strand, pseudonym: str, consent_method: str
) -> Participant:
    """Change a participant's strand, pseudonym or recorded consent method. Leads only.
    A pseudonym is fixed once any of the study's documents has been confirmed, so every
    document calls the person the same."""
    study = participant.study
    policy.require(actor, study, policy.MANAGE)
    if strand.study_id != study.pk:
        raise ValidationError({"strand": "Choose one of this study's strands."})
    pseudonym = " ".join(pseudonym.split())
    if pseudonym != participant.pseudonym:
        clash = Participant.objects.filter(study=study, pseudonym__iexact=pseudonym).exclude(
            pk=participant.pk
        )
        others = [p for p in study.pseudonyms.all() if p.replacement.lower() == pseudonym.lower()]
        name = participant.user.full_name if participant.user else participant.name
        if clash.exists() or any(
            pseudonyms.normalise(p.original) != pseudonyms.normalise(name) for p in others
        ):
            raise ValidationError({"pseudonym": "Another person in the study has that pseudonym."})
        if Document.objects.filter(study=study, pseudonyms_reviewed_at__isnull=False).exists():
            message = "Pseudonyms are fixed once a document's replacements have been confirmed."
            raise ValidationError({"pseudonym": message})
    participant.strand = strand
    participant.pseudonym = pseudonym
    if participant.user_id is None:
        participant.consent_method = consent_method.strip()
    # Who invited them is kept as it was (empty for participants imported from a project).
    participant.full_clean(exclude=["invited_by"])
    participant.save(update_fields=["strand", "pseudonym", "consent_method", "updated_at"])
    pseudonyms.ensure_participant_pseudonym(participant)
    for pending in Document.objects.filter(study=study, pseudonyms_reviewed_at__isnull=True):
        skip = frozenset(made["source_start"] for made in pending.replacements if made["undone"])
        pseudonyms.apply_to_document(pending, skip=skip)
        pending.save(update_fields=["text", "turns", "replacements", "num_words", "updated_at"])
    return participant


def my_participations(user: User) -> "QuerySet[Participant]":
    return Participant.objects.filter(user=user).select_related(
        "study", "strand", "study__organisation"
    )


@transaction.atomic
def decide_consent(
    *, actor: User, participant: Participant, consent: bool, shares_tandem_records: bool
) -> Participant:
    """The participant gives or declines research consent, and says whether their Tandem
    records may be used. Only the participant themselves."""
    if participant.user_id != actor.pk:
        message = "Only the participant decides about their own consent."
        raise PermissionError(message)
    if not consent and participant.consent == Participant.Consent.GIVEN:
        message = "To stop taking part, withdraw: the next page says what that removes."
        raise ValidationError(message)
    participant.consent = Participant.Consent.GIVEN if consent else Participant.Consent.DECLINED
    participant.shares_tandem_records = consent and shares_tandem_records
    participant.consent_changed_at = timezone.now()
    _history(participant, actor)
    participant.save(
        update_fields=[
            "consent",
            "shares_tandem_records",
            "consent_changed_at",
            "consent_history",
            "updated_at",
        ]
    )
    return participant


def withdrawal_effects(participant: Participant) -> dict[str, int]:
    documents = Document.objects.filter(participant=participant)
    return {
        "documents": documents.count(),
        "segments": sum(d.segments.count() for d in documents),
    }


@transaction.atomic
def withdraw(*, actor: User, participant: Participant) -> dict[str, int]:
    """Withdraw from a study: the participant's documents, the passages coded in them and
    their case summary are deleted, and they drop out of every analysis and export. The
    participant themselves, or a lead (recording a withdrawal made by letter or e-mail)."""
    is_self = participant.user_id == actor.pk
    if not is_self:
        policy.require(actor, participant.study, policy.MANAGE)
    if participant.consent == Participant.Consent.WITHDRAWN:
        message = "You have already withdrawn from this study."
        raise ValidationError(message)
    effects = withdrawal_effects(participant)
    Document.objects.filter(participant=participant).delete()
    CaseSummary.objects.filter(participant=participant).delete()
    participant.consent = Participant.Consent.WITHDRAWN
    participant.shares_tandem_records = False
    participant.consent_changed_at = timezone.now()
    _history(participant, actor)
    participant.save(
        update_fields=[
            "consent",
            "shares_tandem_records",
            "consent_changed_at",
            "consent_history",
            "updated_at",
        ]
    )
    leads = User.objects.filter(
        study_memberships__study=participant.study, study_memberships__role=TeamRole.LEAD
    )
    mail_on_commit(
        leads,
        f"A participant withdrew from {participant.study.title}",
        f"{participant.pseudonym} withdrew from the study “{participant.study.title}”. Their "
        f"{effects['documents']} document(s) and the passages coded in them have been "
        "deleted and they no longer appear in the analysis or exports.",
    )
    return effects
