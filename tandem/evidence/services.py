"""Writes to evidence bases: the team, imports, sources, reviews and moderation."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.evidence import policy, references
from tandem.evidence.models import (
    APPENDIX_C_NAMES,
    ImportStatus,
    LiteratureBase,
    ReviewTag,
    Source,
    SourceImport,
    SourceReview,
    SourceStatus,
    TeamMember,
    TeamRole,
)
from tandem.organisations.models import Organisation, Partnership

REVIEWS_PER_SOURCE = 2  # seed 002's review was summarised by researchers; Tandem asks two


@transaction.atomic
def create_base(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    description: str = "",
    partnership: Partnership | None = None,
) -> LiteratureBase:
    """Set up an evidence base with the actor as its moderator; for leaders and coordinators."""
    if not policy.organisations_for_new_base(actor).filter(pk=organisation.pk).exists():
        message = "Only the organisation's leaders and coordinators may set up an evidence base."
        raise PermissionError(message)
    base = LiteratureBase(
        organisation=organisation,
        partnership=partnership,
        title=title,
        description=description,
        created_by=actor,
    )
    base.full_clean()
    base.save()
    TeamMember.objects.create(base=base, user=actor, role=TeamRole.MODERATOR)
    return base


@transaction.atomic
def add_team_member(*, actor: User, base: LiteratureBase, user: User, role: str) -> TeamMember:
    """Add someone to the review team, or change their role; for the moderator."""
    policy.require(actor, base, policy.MODERATE)
    member = TeamMember.objects.filter(base=base, user=user).first() or TeamMember(
        base=base, user=user
    )
    member.role = role
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def remove_team_member(*, actor: User, member: TeamMember) -> None:
    """Take someone off the team (their reviews stay); for the moderator, not of themselves."""
    policy.require(actor, member.base, policy.MODERATE)
    if member.user_id == actor.pk:
        message = "You cannot remove yourself: ask another moderator to."
        raise ValidationError(message)
    member.delete()


# Imports -------------------------------------------------------------------------------


def _existing_keys(base: LiteratureBase) -> tuple[set[str], set[tuple[str, int | None]]]:
    rows = Source.objects.filter(base=base).values_list("doi", "title_key", "year")
    dois = {doi for doi, _title, _year in rows if doi}
    titles = {(title, year) for _doi, title, year in rows if title}
    return dois, titles


def _sort_out(
    base: LiteratureBase, entries: Iterable[references.Entry]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split entries into new ones and duplicates (of the base, or of an earlier entry)."""
    dois, titles = _existing_keys(base)
    new, duplicates = [], []
    for entry in entries:
        doi = str(entry.fields["doi"])
        key = (references.title_key(str(entry.fields["title"])), entry.fields["year"])
        title = str(entry.fields["title"]) or f"DOI {doi}"
        if doi and doi in dois:
            duplicates.append({"line": entry.line, "title": title, "reason": f"DOI {doi}"})
        elif key[0] and key in titles:
            reason = f"Same title and year ({entry.fields['year'] or 'no year'})"
            duplicates.append({"line": entry.line, "title": title, "reason": reason})
        else:
            new.append({"line": entry.line, "fields": entry.fields})
            if doi:
                dois.add(doi)
            if key[0]:
                titles.add(key)  # type: ignore[arg-type]
    return new, duplicates


@transaction.atomic
def prepare_import(
    *, actor: User, base: LiteratureBase, file_format: str, data: bytes | str, file_name: str = ""
) -> SourceImport:
    """Read a file or list of DOIs into a preview the moderator confirms; adds nothing.

    Raises ValidationError with a plain message when the whole file cannot be read."""
    policy.require(actor, base, policy.MODERATE)
    try:
        reading = references.read(file_format, data)
    except references.ReadError as error:
        raise ValidationError(str(error)) from error
    new, duplicates = _sort_out(base, reading.entries)
    preview = SourceImport(
        base=base,
        file_format=file_format,
        file_name=file_name[:255],
        entries=new,
        duplicates=duplicates,
        refused=[vars(refusal) for refusal in reading.refused],
        notes=reading.notes,
        created_by=actor,
    )
    preview.full_clean()
    preview.save()
    return preview


def _source_from(base: LiteratureBase, fields: dict[str, Any], actor: User) -> Source:
    source = Source(base=base, added_by=actor, **{name: fields[name] for name in references.FIELDS})
    source.title_key = references.title_key(source.title)
    source.full_clean(validate_unique=False)
    return source


@transaction.atomic
def confirm_import(*, actor: User, source_import: SourceImport) -> int:
    """Add every new source of the preview, or none; returns how many were added.

    Duplicates are checked again (someone may have added a source since the preview)."""
    base = source_import.base
    policy.require(actor, base, policy.MODERATE)
    source_import = SourceImport.objects.select_for_update().get(pk=source_import.pk)
    if source_import.status != ImportStatus.PREVIEW:
        message = "This import has already been added or cancelled."
        raise ValidationError(message)
    entries = [references.Entry(row["line"], row["fields"]) for row in source_import.entries]
    new, duplicates = _sort_out(base, entries)
    try:
        sources = [_source_from(base, row["fields"], actor) for row in new]
    except ValidationError as error:
        message = f"Nothing was added: an entry is not valid ({error.messages[0]})."
        raise ValidationError(message) from error
    Source.objects.bulk_create(sources)
    source_import.status = ImportStatus.CONFIRMED
    source_import.num_added = len(sources)
    source_import.duplicates = source_import.duplicates + [
        row for row in duplicates if row not in source_import.duplicates
    ]
    source_import.save(update_fields=["status", "num_added", "duplicates", "updated_at"])
    record_event(
        actor=actor,
        action="evidence.sources-imported",
        target=base,
        detail=f"{len(sources)} sources from {source_import.get_file_format_display()}",
    )
    return len(sources)


@transaction.atomic
def cancel_import(*, actor: User, source_import: SourceImport) -> None:
    policy.require(actor, source_import.base, policy.MODERATE)
    if source_import.status == ImportStatus.PREVIEW:
        source_import.status = ImportStatus.CANCELLED
        source_import.entries = []
        source_import.save(update_fields=["status", "entries", "updated_at"])


# Sources -------------------------------------------------------------------------------


@transaction.atomic
def update_source(*, actor: User, source: Source, fields: dict[str, Any]) -> Source:
    """Complete or correct a source's details; for the review team."""
    policy.require(actor, source.base, policy.EDIT_SOURCE)
    for name in references.FIELDS:
        if name in fields:
            setattr(source, name, fields[name])
    source.doi = references.normalise_doi(source.doi)
    if source.doi and not references.is_doi(source.doi):
        raise ValidationError({"doi": "This is not a DOI: it starts 10. then a slash."})
    source.title_key = references.title_key(source.title)
    source.full_clean()
    source.save()
    return source


def refresh_status(source: Source) -> str:
    """Work out and store the source's review status from its reviews."""
    reviews = list(source.reviews.values_list("is_agreed", "submitted_at"))
    independent = [submitted for is_agreed, submitted in reviews if not is_agreed]
    agreed = [submitted for is_agreed, submitted in reviews if is_agreed]
    if agreed and agreed[0] is not None:
        status = SourceStatus.AGREED
    elif len(independent) == REVIEWS_PER_SOURCE and all(independent):
        status = SourceStatus.AWAITING_MODERATION
    elif independent:
        status = SourceStatus.IN_REVIEW
    else:
        status = SourceStatus.UNREVIEWED
    if status != source.status:
        source.status = status
        source.save(update_fields=["status", "updated_at"])
    return status


# Reviews -------------------------------------------------------------------------------


@transaction.atomic
def start_review(*, actor: User, source: Source) -> SourceReview:
    """Open the actor's independent review of a source (or return it); for reviewers, while
    fewer than two have started."""
    policy.require(actor, source.base, policy.REVIEW)
    Source.objects.select_for_update().filter(pk=source.pk).first()
    own = source.reviews.filter(is_agreed=False, reviewer=actor).first()
    if own is not None:
        return own
    if source.reviews.filter(is_agreed=False).count() >= REVIEWS_PER_SOURCE:
        message = "Two reviewers are already reviewing this source."
        raise ValidationError(message)
    review = SourceReview.objects.create(source=source, reviewer=actor, reference=source.reference)
    refresh_status(source)
    return review


def _set_tags(review: SourceReview, tags: Iterable[str]) -> None:
    """Store the review's Framework tags, given as "kind:key", each checked against the
    Framework's keys."""
    wanted = []
    for tag in dict.fromkeys(tags):
        kind, _colon, key = tag.partition(":")
        row = ReviewTag(review=review, kind=kind, key=key)
        row.full_clean(exclude=["review"], validate_unique=False)
        wanted.append(row)
    review.tags.all().delete()
    ReviewTag.objects.bulk_create(wanted)


def _fill(review: SourceReview, fields: dict[str, Any]) -> None:
    for name in [*APPENDIX_C_NAMES, "strength"]:
        if name in fields:
            setattr(review, name, fields[name] or "")


@transaction.atomic
def save_review(
    *,
    actor: User,
    review: SourceReview,
    fields: dict[str, Any],
    tags: Iterable[str],
    submit: bool = False,
) -> SourceReview:
    """Save a reviewer's own independent review as a draft, or submit it (then it is fixed
    until the moderator reopens it)."""
    policy.require(actor, review.source.base, policy.REVIEW)
    if review.reviewer_id != actor.pk or review.is_agreed:
        message = "You can only change your own review."
        raise PermissionError(message)
    if review.is_submitted:
        message = "This review has been submitted: ask the moderator to reopen it to change it."
        raise ValidationError(message)
    _fill(review, fields)
    if submit:
        if not review.strength:
            raise ValidationError({"strength": "Rate the strength of evidence before submitting."})
        review.submitted_at = timezone.now()
    review.full_clean()
    review.save()
    _set_tags(review, tags)
    refresh_status(review.source)
    return review


@transaction.atomic
def record_agreed_review(
    *,
    actor: User,
    source: Source,
    fields: dict[str, Any],
    tags: Iterable[str],
    note: str,
) -> SourceReview:
    """Record the review the moderator agreed from the two independent ones; for the
    moderator, once both are submitted."""
    policy.require(actor, source.base, policy.MODERATE)
    if refresh_status(source) not in {SourceStatus.AWAITING_MODERATION, SourceStatus.AGREED}:
        message = "Both reviewers must submit their reviews before the agreed review is recorded."
        raise ValidationError(message)
    agreed = source.reviews.filter(is_agreed=True).first()
    if agreed is not None and agreed.is_submitted:
        message = "The agreed review is recorded: reopen it, with a reason, to change it."
        raise ValidationError(message)
    agreed = agreed or SourceReview(source=source, is_agreed=True)
    agreed.reviewer = actor
    _fill(agreed, fields)
    agreed.moderation_note = note
    if not agreed.strength:
        raise ValidationError({"strength": "Choose the agreed strength of evidence."})
    agreed.submitted_at = timezone.now()
    agreed.full_clean()
    agreed.save()
    _set_tags(agreed, tags)
    refresh_status(source)
    record_event(actor=actor, action="evidence.review-agreed", target=source)
    return agreed


@transaction.atomic
def reopen_review(*, actor: User, review: SourceReview, reason: str) -> SourceReview:
    """Reopen a submitted review so it can be corrected; for the moderator, with a reason.

    Reopening an independent review reopens the agreed review built on it too."""
    source = review.source
    policy.require(actor, source.base, policy.MODERATE)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the review is reopened."})
    if not review.is_submitted:
        message = "This review is not submitted, so there is nothing to reopen."
        raise ValidationError(message)
    reopened = [review]
    if not review.is_agreed:
        reopened += list(source.reviews.filter(is_agreed=True, submitted_at__isnull=False))
    for row in reopened:
        row.submitted_at = None
        row.save(update_fields=["submitted_at", "updated_at"])
    refresh_status(source)
    whose = "the agreed review" if review.is_agreed else "an independent review"
    record_event(
        actor=actor,
        action="evidence.review-reopened",
        target=source,
        detail=f"Reopened {whose}: {reason}",
    )
    return review
