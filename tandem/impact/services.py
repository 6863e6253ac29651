"""Writes to impact case studies. Every service takes the acting team member as `actor=`
and checks their role (policy.require) whatever calls it."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.evaluation.models import ReportSnapshot
from tandem.impact import policy
from tandem.impact.candidates import Candidate
from tandem.impact.models import (
    CaseMember,
    CaseSection,
    CorroboratingSource,
    ImpactCaseStudy,
    ImpactEvent,
    ResearchOutput,
    SectionComment,
    SectionKind,
    SectionVersion,
    SourceStatus,
)
from tandem.organisations.models import Organisation


def _set(instance: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)


@transaction.atomic
def create_case(
    *, actor: User, fields: dict[str, Any], partner_organisations: Iterable[Organisation] = ()
) -> ImpactCaseStudy:
    """Start a case study with its five empty sections; the creator becomes its lead.
    Anyone may call it for an organisation they belong to."""
    if not policy.organisations_for_new_case(actor).filter(pk=fields["lead_organisation"].pk):
        message = "You can start a case study only for an organisation you belong to."
        raise PermissionError(message)
    case = ImpactCaseStudy(created_by=actor, **fields)
    case.full_clean()
    case.save()
    case.partner_organisations.set(partner_organisations)
    CaseMember.objects.create(case=case, user=actor, role=CaseMember.Role.LEAD)
    CaseSection.objects.bulk_create(
        CaseSection(case=case, kind=kind, updated_by=actor) for kind in SectionKind.values
    )
    return case


@transaction.atomic
def update_case(
    *,
    actor: User,
    case: ImpactCaseStudy,
    fields: dict[str, Any],
    partner_organisations: Iterable[Organisation],
) -> ImpactCaseStudy:
    """Change the title, organisations, eligibility windows and limits (the lead only)."""
    policy.require(actor, case, policy.MANAGE)
    _set(case, fields)
    case.full_clean()
    case.save(update_fields=[*fields, "updated_at"])
    case.partner_organisations.set(partner_organisations)
    return case


@transaction.atomic
def add_member(*, actor: User, case: ImpactCaseStudy, user: User, role: str) -> CaseMember:
    """Add someone to the team, or change their role (the lead only)."""
    policy.require(actor, case, policy.MANAGE)
    member, _created = CaseMember.objects.update_or_create(
        case=case, user=user, defaults={"role": role}
    )
    if not case.team.filter(role=CaseMember.Role.LEAD).exists():
        raise ValidationError("A case study needs at least one researcher lead.")
    return member


@transaction.atomic
def remove_member(*, actor: User, member: CaseMember) -> None:
    """Take someone off the team (the lead only); the last lead cannot go."""
    policy.require(actor, member.case, policy.MANAGE)
    others = member.case.team.filter(role=CaseMember.Role.LEAD).exclude(pk=member.pk)
    if member.role == CaseMember.Role.LEAD and not others.exists():
        raise ValidationError("A case study needs at least one researcher lead.")
    member.delete()


@transaction.atomic
def save_section(*, actor: User, section: CaseSection, text: str) -> SectionVersion:
    """Save a section's text and keep it as a new version (anyone who writes)."""
    policy.require(actor, section.case, policy.WRITE)
    section = CaseSection.objects.select_for_update().get(pk=section.pk)
    section.text = text
    section.updated_by = actor
    section.full_clean()
    section.save(update_fields=["text", "updated_by", "updated_at"])
    latest = section.versions.aggregate(latest=Max("number"))["latest"] or 0
    return SectionVersion.objects.create(
        section=section, number=latest + 1, text=text, saved_by=actor
    )


def restore_version(*, actor: User, version: SectionVersion) -> SectionVersion:
    """Make an earlier version the current text, itself kept as a new version (researchers
    and the lead)."""
    policy.require(actor, version.section.case, policy.RESEARCH)
    return save_section(actor=actor, section=version.section, text=version.text)


def add_comment(*, actor: User, section: CaseSection, text: str) -> SectionComment:
    """Comment on a section (anyone who writes)."""
    policy.require(actor, section.case, policy.WRITE)
    comment = SectionComment(section=section, author=actor, text=text)
    comment.full_clean()
    comment.save()
    return comment


def save_output(
    *,
    actor: User,
    case: ImpactCaseStudy,
    fields: dict[str, Any],
    output: ResearchOutput | None = None,
) -> ResearchOutput:
    """Record or correct an underpinning research output (researchers and the lead)."""
    policy.require(actor, case, policy.RESEARCH)
    output = output or ResearchOutput(case=case)
    _set(output, fields)
    output.full_clean()
    output.save()
    return output


def save_event(
    *,
    actor: User,
    case: ImpactCaseStudy,
    fields: dict[str, Any],
    event: ImpactEvent | None = None,
) -> ImpactEvent:
    """Record or correct a dated step on the timeline (anyone who writes)."""
    policy.require(actor, case, policy.WRITE)
    event = event or ImpactEvent(case=case, created_by=actor)
    _set(event, fields)
    event.full_clean()
    event.save()
    return event


def add_candidate(*, actor: User, case: ImpactCaseStudy, candidate: Candidate) -> ImpactEvent:
    """Copy a candidate impact found in Tandem's data into the case, with its figures and
    the date they refer to (researchers and the lead)."""
    policy.require(actor, case, policy.RESEARCH)
    return save_event(
        actor=actor,
        case=case,
        fields={
            "kind": candidate.kind,
            "happened_on": candidate.happened_on,
            "description": candidate.description,
            "figures": candidate.figures,
            "figures_as_of": candidate.figures_as_of,
            "programme": candidate.programme,
        },
    )


def save_source(
    *,
    actor: User,
    case: ImpactCaseStudy,
    fields: dict[str, Any],
    source: CorroboratingSource | None = None,
) -> CorroboratingSource:
    """Record or correct a corroborating source's details (anyone who writes); its status
    changes through set_source_status."""
    policy.require(actor, case, policy.WRITE)
    source = source or CorroboratingSource(case=case, created_by=actor)
    _set(source, fields)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def set_source_status(
    *, actor: User, source: CorroboratingSource, status: str, method: str = ""
) -> CorroboratingSource:
    """Move a source between requested, received and verified. Verifying needs a method
    and is for researchers and the lead; it records who verified it and when."""
    policy.require(actor, source.case, policy.WRITE)
    if status == SourceStatus.VERIFIED:
        policy.require(actor, source.case, policy.RESEARCH)
        if not method.strip():
            raise ValidationError(
                {"method": "Say how the source was verified before marking it verified."}
            )
        source.verification_method = method.strip()
        source.verified_by = actor
        source.verified_at = timezone.now()
    else:
        source.verified_by = None
        source.verified_at = None
    source.status = status
    source.full_clean()
    source.save(
        update_fields=[
            "status",
            "verification_method",
            "verified_by",
            "verified_at",
            "updated_at",
        ]
    )
    return source


@transaction.atomic
def attach_snapshot(
    *, actor: User, case: ImpactCaseStudy, snapshot: ReportSnapshot
) -> CorroboratingSource:
    """Attach a programme's stored report as verified evidence, recording the snapshot's
    date and fingerprint (researchers and the lead, for reports they may see)."""
    policy.require(actor, case, policy.RESEARCH)
    if not policy.snapshots_visible_to(actor).filter(pk=snapshot.pk).exists():
        message = "You may attach only reports you can see."
        raise PermissionError(message)
    computed = timezone.localtime(snapshot.computed_at) if snapshot.computed_at else None
    stamp = computed.strftime("%-d %B %Y at %H:%M") if computed else "an unknown date"
    source = CorroboratingSource(
        case=case,
        kind=CorroboratingSource.Kind.REPORT,
        title=f"Tandem programme report: {snapshot.programme.name}",
        status=SourceStatus.VERIFIED,
        verification_method=(
            f"Tandem's stored report of the programme, computed on {stamp} "
            f"(fingerprint {snapshot.fingerprint[:16]})."
        ),
        verified_by=actor,
        verified_at=timezone.now(),
        snapshot=snapshot,
        snapshot_computed_at=snapshot.computed_at,
        snapshot_fingerprint=snapshot.fingerprint,
        created_by=actor,
    )
    source.full_clean()
    source.save()
    record_event(actor=actor, action="impact.snapshot-attached", target=case)
    return source
