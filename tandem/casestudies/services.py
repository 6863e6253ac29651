"""Writing, approving and publishing case studies. Every step is audited and tells the
next person by email (when the change is saved)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.casestudies import anonymisation, figures, policy
from tandem.casestudies.models import (
    CaseStudy,
    CitedFigure,
    IdentifiablePerson,
    Publication,
    PublicationTag,
)
from tandem.framework import keys
from tandem.mail import mail_on_commit, site_url
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Programme

EDITABLE_FIELDS = [
    "title",
    "summary",
    "context",
    "what_they_did",
    "challenges",
    "what_worked",
    "evidence_of_impact",
    "approach",
    "group_format",
    "pairing",
    "sector_mix",
    "mentor_source",
    "mentor_styles",
    "sector",
    "phase",
    "tags",
]
MODEL_FIELDS = ["approach", "group_format", "pairing", "sector_mix", "mentor_source"]
# The Framework items a case study may be tagged with.
TAG_KEYS = frozenset(keys.Principle) | frozenset(keys.EffectiveFeature) | frozenset(keys.Challenge)
STYLE_KEYS = frozenset(keys.MentorStyle)
# Statuses in which the authors may change the text.
EDITABLE_STATUSES = {
    CaseStudy.Status.DRAFT,
    CaseStudy.Status.PUBLISHED,
    CaseStudy.Status.WITHDRAWN,
}


def _link(case_study: CaseStudy) -> str:
    return site_url(reverse("casestudies:case-study-detail", args=[case_study.uuid]))


def _authors(case_study: CaseStudy) -> list[User]:
    people = list(case_study.authors.all())
    if case_study.created_by and case_study.created_by not in people:
        people.append(case_study.created_by)
    return [person for person in people if person.is_active]


def _leaders(organisation: Organisation) -> list[User]:
    return [
        membership.user
        for membership in Membership.objects.current()
        .filter(organisation=organisation, access=Membership.Access.LEADER, user__is_active=True)
        .select_related("user")
    ]


def _publishers() -> list[User]:
    named = Q(user_permissions__codename="publish_casestudy") | Q(
        groups__permissions__codename="publish_casestudy"
    )
    return list(User.objects.filter(is_active=True).filter(named | Q(is_superuser=True)).distinct())


def _check_values(case_study: CaseStudy) -> None:
    unknown_tags = [tag for tag in case_study.tags if tag not in TAG_KEYS]
    if unknown_tags:
        raise ValidationError({"tags": f"Not a Framework item: {', '.join(unknown_tags)}."})
    unknown_styles = [style for style in case_study.mentor_styles if style not in STYLE_KEYS]
    if unknown_styles:
        raise ValidationError({"mentor_styles": "Choose mentor styles from the list."})


def model_from_programme(programme: Programme) -> dict[str, Any]:
    """The case study's model fields, filled in from the programme's model."""
    return {field: getattr(programme, field) for field in MODEL_FIELDS} | {
        "mentor_styles": list(programme.mentor_styles)
    }


@transaction.atomic
def create_case_study(
    *,
    actor: User,
    organisation: Organisation,
    programme: Programme | None,
    fields: dict[str, Any],
) -> CaseStudy:
    """Start a case study about the organisation's own work; any current member may."""
    if not policy.organisations_for_new_case_study(actor).filter(pk=organisation.pk).exists():
        message = "You can write case studies only for organisations you belong to."
        raise PermissionError(message)
    if programme is not None and not programme.organisations.filter(pk=organisation.pk).exists():
        raise ValidationError({"programme": "Choose one of your organisation's programmes."})
    values = {"sector": organisation.sector}
    if programme is not None:
        values |= model_from_programme(programme)
    values |= {key: value for key, value in fields.items() if value not in (None, "", [])}
    case_study = CaseStudy(
        organisation=organisation, programme=programme, created_by=actor, **values
    )
    if case_study.phase is None:
        case_study.phase = organisation.phases.order_by("position").first()
    case_study.full_clean()
    _check_values(case_study)
    case_study.save()
    case_study.authors.add(actor)
    record_event(actor=actor, action="casestudy.created", target=case_study)
    return case_study


@transaction.atomic
def update_case_study(
    *, actor: User, case_study: CaseStudy, fields: dict[str, Any], authors: list[User] | None = None
) -> CaseStudy:
    """The authors change the text. After publication the public version stays as it is
    until the new one is endorsed and published again."""
    policy.require(actor, case_study, policy.EDIT)
    if case_study.status not in EDITABLE_STATUSES:
        message = (
            "It is waiting for approval: ask for it to be returned with comments before "
            "you change it."
        )
        raise ValidationError(message)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            continue
        setattr(case_study, name, value)
    case_study.status = CaseStudy.Status.DRAFT
    case_study.full_clean()
    _check_values(case_study)
    case_study.save()
    if authors is not None:
        members = Membership.objects.current().filter(organisation=case_study.organisation)
        outside = [author for author in authors if not members.filter(user=author).exists()]
        if outside:
            raise ValidationError({"authors": "Authors must be members of the organisation."})
        case_study.authors.set({*authors, actor})
    record_event(actor=actor, action="casestudy.edited", target=case_study)
    return case_study


def submission_problems(case_study: CaseStudy) -> list[str]:
    """Why the case study cannot go to the organisation's leader yet (none: it can)."""
    problems = []
    required = {"context": "context", "what_they_did": "what we did", "what_worked": "what worked"}
    for field, label in required.items():
        if not getattr(case_study, field).strip():
            problems.append(f"Write the “{label}” section.")
    hits = anonymisation.scan(case_study)
    if hits:
        names = sorted({hit.name for hit in hits})
        problems.append(
            "The anonymisation check found names to resolve: "
            + ", ".join(names)
            + ". Replace each, or list the person as identifiable with their consent."
        )
    if case_study.identifiable_people.filter(consent=IdentifiablePerson.Consent.REFUSED).exists():
        problems.append("Someone refused consent: take them out of the text and the list.")
    return problems


@transaction.atomic
def submit(*, actor: User, case_study: CaseStudy) -> CaseStudy:
    """An author sends the case study to the organisation's leaders for endorsement."""
    policy.require(actor, case_study, policy.EDIT)
    if case_study.status not in EDITABLE_STATUSES:
        raise ValidationError("It has already been submitted.")
    problems = submission_problems(case_study)
    if problems:
        raise ValidationError(problems)
    leaders = _leaders(case_study.organisation)
    if not leaders:
        raise ValidationError(
            "Your organisation has no leader in Tandem to endorse it: ask for one to be added."
        )
    _move(actor, case_study, CaseStudy.Status.SUBMITTED, "casestudy.submitted")
    mail_on_commit(
        leaders,
        f"Case study to endorse: {case_study.title}",
        f"{actor} asks you to endorse the case study “{case_study.title}” before it is "
        f"published on Tandem's public pages.\n\nRead it: {_link(case_study)}",
    )
    return case_study


@transaction.atomic
def endorse(*, actor: User, case_study: CaseStudy) -> CaseStudy:
    """The organisation's leader endorses it; publishers are asked to publish it."""
    policy.require(actor, case_study, policy.REVIEW)
    if case_study.status != CaseStudy.Status.SUBMITTED:
        raise ValidationError("Only a submitted case study can be endorsed.")
    case_study.endorsed_by = actor
    case_study.endorsed_at = timezone.now()
    _move(
        actor,
        case_study,
        CaseStudy.Status.ENDORSED,
        "casestudy.endorsed",
        also=["endorsed_by", "endorsed_at"],
    )
    mail_on_commit(
        _publishers(),
        f"Case study to publish: {case_study.title}",
        f"{case_study.organisation} endorsed the case study “{case_study.title}”.\n\n"
        f"Check and publish it: {_link(case_study)}",
    )
    return case_study


@transaction.atomic
def return_with_comments(*, actor: User, case_study: CaseStudy, comment: str) -> CaseStudy:
    """The leader (when submitted) or a publisher (when endorsed) sends it back to the
    authors with what to change."""
    if not comment.strip():
        raise ValidationError({"comment": "Say what the authors should change."})
    if case_study.status == CaseStudy.Status.SUBMITTED:
        policy.require(actor, case_study, policy.REVIEW)
    elif case_study.status == CaseStudy.Status.ENDORSED:
        policy.require(actor, case_study, policy.PUBLISH)
    else:
        raise ValidationError("Only a case study waiting for approval can be returned.")
    case_study.returned_comment = comment.strip()
    case_study.returned_by = actor
    _move(
        actor,
        case_study,
        CaseStudy.Status.DRAFT,
        "casestudy.returned",
        also=["returned_comment", "returned_by"],
    )
    mail_on_commit(
        _authors(case_study),
        f"Case study returned with comments: {case_study.title}",
        f"{actor} returned your case study with comments:\n\n{comment.strip()}\n\n"
        f"Change it and submit it again: {_link(case_study)}",
    )
    return case_study


def publication_problems(case_study: CaseStudy) -> list[str]:
    """Why a publisher may not publish it yet (none: they may)."""
    problems = []
    people = list(case_study.identifiable_people.all())
    missing = [
        person.name for person in people if person.consent == IdentifiablePerson.Consent.MISSING
    ]
    refused = [
        person.name for person in people if person.consent == IdentifiablePerson.Consent.REFUSED
    ]
    if missing:
        problems.append(f"Consent is not recorded for: {', '.join(missing)}.")
    if refused:
        problems.append(f"Consent was refused by: {', '.join(refused)}.")
    if anonymisation.scan(case_study):
        problems.append("The anonymisation check finds names that are not resolved.")
    cited = list(case_study.figures.select_related("programme"))
    tables_by_programme: dict[int, list] = {}
    for figure in cited:
        if figure.programme_id not in tables_by_programme:
            tables_by_programme[figure.programme_id] = figures.stored_tables(figure.programme)[0]
        cell = figures.find_cell(
            tables_by_programme[figure.programme_id],
            figure.table_key,
            figure.row_label,
            figure.column,
        )
        if cell is None or cell[2] or cell[1] < figures.MIN_PEOPLE:
            problems.append(
                f"The figure “{figure}” now rests on fewer than 5 people or is no longer in "
                "the programme's report: remove it."
            )
    return problems


def _publish_copy(actor: User, case_study: CaseStudy) -> Publication:
    now = timezone.now()
    values = {
        field: getattr(case_study, field)
        for field in [
            "title",
            "summary",
            "context",
            "what_they_did",
            "challenges",
            "what_worked",
            "evidence_of_impact",
            *MODEL_FIELDS,
            "mentor_styles",
            "sector",
            "tags",
        ]
    } | {
        "organisation_name": case_study.organisation.name,
        "phase_key": case_study.phase.key if case_study.phase else "",
        "phase_name": case_study.phase.name if case_study.phase else "",
        "authors": [author.full_name for author in case_study.authors.order_by("full_name")],
        "figures": [
            {
                "label": f"{figure.row_label}: {figure.column}",
                "value": figure.value,
                "source": figure.source,
                "computed_on": figure.computed_at.date().isoformat(),
                "num_people": figure.num_people,
            }
            for figure in case_study.figures.select_related("programme")
        ],
        "revised_at": now,
        "published_by": actor,
    }
    publication, _created = Publication.objects.update_or_create(
        case_study=case_study,
        defaults=values,
        create_defaults=values | {"published_at": now, "uuid": case_study.uuid},
    )
    publication.tag_rows.all().delete()
    PublicationTag.objects.bulk_create(
        PublicationTag(publication=publication, key=key) for key in sorted(set(case_study.tags))
    )
    return publication


@transaction.atomic
def publish(*, actor: User, case_study: CaseStudy) -> Publication:
    """A publisher puts the endorsed version on the public pages (replacing any earlier
    published version)."""
    policy.require(actor, case_study, policy.PUBLISH)
    if case_study.status != CaseStudy.Status.ENDORSED:
        raise ValidationError("Only an endorsed case study can be published.")
    problems = publication_problems(case_study)
    if problems:
        raise ValidationError(problems)
    publication = _publish_copy(actor, case_study)
    case_study.returned_comment = ""
    _move(
        actor,
        case_study,
        CaseStudy.Status.PUBLISHED,
        "casestudy.published",
        also=["returned_comment"],
    )
    mail_on_commit(
        _authors(case_study) + _leaders(case_study.organisation),
        f"Case study published: {case_study.title}",
        f"“{case_study.title}” is now on Tandem's public pages: "
        f"{site_url(publication.get_absolute_url())}",
    )
    return publication


@transaction.atomic
def withdraw(*, actor: User, case_study: CaseStudy, reason: str) -> CaseStudy:
    """Take the case study off the public pages (a publisher or the organisation's
    leader). The working copy stays, and can be submitted again."""
    policy.require(actor, case_study, policy.WITHDRAW)
    if not hasattr(case_study, "publication"):
        raise ValidationError("It is not on the public pages.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is withdrawn."})
    case_study.publication.delete()
    case_study._state.fields_cache.pop("publication", None)  # forget the deleted row
    _move(actor, case_study, CaseStudy.Status.WITHDRAWN, "casestudy.withdrawn", detail=reason)
    mail_on_commit(
        _authors(case_study),
        f"Case study withdrawn: {case_study.title}",
        f"{actor} took “{case_study.title}” off the public pages:\n\n{reason.strip()}\n\n"
        f"{_link(case_study)}",
    )
    return case_study


def _move(
    actor: User,
    case_study: CaseStudy,
    status: str,
    action: str,
    *,
    also: list[str] | None = None,
    detail: str = "",
) -> None:
    case_study.status = status
    case_study.full_clean()
    case_study.save(update_fields=["status", "updated_at", *(also or [])])
    record_event(actor=actor, action=action, target=case_study, detail=detail)


@transaction.atomic
def add_identifiable_person(
    *, actor: User, case_study: CaseStudy, fields: dict[str, Any]
) -> IdentifiablePerson:
    """An author lists someone a reader could identify."""
    policy.require(actor, case_study, policy.EDIT)
    person = IdentifiablePerson(case_study=case_study, **fields)
    if person.user is not None and not person.email:
        person.email = person.user.email
    person.full_clean()
    person.save()
    record_event(actor=actor, action="casestudy.person-added", target=case_study)
    return person


@transaction.atomic
def record_consent(
    *, actor: User, person: IdentifiablePerson, consent: str, how: str, decided_on: dt.date
) -> IdentifiablePerson:
    """An author records (or corrects) a person's consent to being identifiable."""
    policy.require(actor, person.case_study, policy.EDIT)
    if consent not in IdentifiablePerson.Consent.values:
        raise ValidationError({"consent": "Choose given or refused."})
    if consent != IdentifiablePerson.Consent.MISSING and not how.strip():
        raise ValidationError({"consent_how": "Say how the person told you."})
    if decided_on > timezone.localdate():
        raise ValidationError({"consent_on": "The date cannot be in the future."})
    person.consent = consent
    person.consent_how = how.strip()
    person.consent_on = decided_on
    person.consent_recorded_by = actor
    person.consent_recorded_at = timezone.now()
    person.full_clean()
    person.save(
        update_fields=[
            "consent",
            "consent_how",
            "consent_on",
            "consent_recorded_by",
            "consent_recorded_at",
            "updated_at",
        ]
    )
    record_event(
        actor=actor,
        action="casestudy.consent-recorded",
        target=person.case_study,
        detail=f"{person.get_consent_display()}",
    )
    return person


@transaction.atomic
def remove_identifiable_person(*, actor: User, person: IdentifiablePerson) -> None:
    policy.require(actor, person.case_study, policy.EDIT)
    record_event(actor=actor, action="casestudy.person-removed", target=person.case_study)
    person.delete()


@transaction.atomic
def cite_figure(*, actor: User, case_study: CaseStudy, ref: str) -> CitedFigure:
    """An author quotes one cell of the programme's stored report; refused for a figure
    about fewer than 5 people."""
    policy.require(actor, case_study, policy.EDIT)
    if case_study.programme is None:
        raise ValidationError("Choose the programme the case study is about first.")
    tables, snapshot = figures.stored_tables(case_study.programme)
    parts = ref.split("|", 2)
    cell = figures.find_cell(tables, *parts) if len(parts) == 3 and snapshot else None
    if cell is None or snapshot is None or snapshot.computed_at is None:
        raise ValidationError("That figure is not in the programme's report.")
    value, num_people, is_suppressed = cell
    if is_suppressed or num_people < figures.MIN_PEOPLE:
        raise ValidationError(
            "That figure rests on fewer than 5 people, so it cannot be published."
        )
    table = next(table for table in tables if table.key == parts[0])
    figure = CitedFigure(
        case_study=case_study,
        programme=case_study.programme,
        table_key=parts[0],
        table_title=table.title,
        row_label=parts[1],
        column=parts[2],
        value=value,
        num_people=num_people,
        computed_at=snapshot.computed_at,
        created_by=actor,
    )
    figure.full_clean()
    figure.save()
    record_event(actor=actor, action="casestudy.figure-cited", target=case_study)
    return figure


@transaction.atomic
def remove_figure(*, actor: User, figure: CitedFigure) -> None:
    policy.require(actor, figure.case_study, policy.EDIT)
    record_event(actor=actor, action="casestudy.figure-removed", target=figure.case_study)
    figure.delete()
