"""Writes to the resource library: add, edit, withdraw and restore resources, tag them to
Framework items, and record "Was this useful?" answers. Each change writes an audit row."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.organisations.models import Organisation, Partnership
from tandem.resources.models import Resource, ResourceFeedback, ResourceTag
from tandem.resources.policy import holders_for_user, require_resource_manager
from tandem.resources.tags import is_valid_tag
from tandem.services import model_update

RESOURCE_FIELDS = [
    "title",
    "summary",
    "kind",
    "link",
    "file",
    "for_leaders",
    "for_mentors",
    "for_mentees",
    "licence",
    "licence_other",
    "source",
    "visibility",
]


def _check_tags(tags: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    chosen = {(str(kind), str(key)) for kind, key in tags}
    unknown = sorted(f"{kind}:{key}" for kind, key in chosen if not is_valid_tag(kind, key))
    if unknown:
        message = f"These are not Framework items: {', '.join(unknown)}."
        raise ValidationError({"tags": message})
    return chosen


def _set_tags(resource: Resource, tags: set[tuple[str, str]]) -> bool:
    current = set(resource.tags.values_list("kind", "key"))
    if current == tags:
        return False
    gone = current - tags
    for kind, key in gone:
        resource.tags.filter(kind=kind, key=key).delete()
    ResourceTag.objects.bulk_create(
        [ResourceTag(resource=resource, kind=kind, key=key) for kind, key in tags - current]
    )
    return True


def _tag_detail(tags: set[tuple[str, str]]) -> str:
    return "tags: " + ", ".join(sorted(f"{kind}:{key}" for kind, key in tags))


@transaction.atomic
def create_resource(
    *,
    actor: User,
    organisation: Organisation | None = None,
    partnership: Partnership | None = None,
    tags: Iterable[tuple[str, str]] = (),
    **fields: Any,
) -> Resource:
    """Add a resource for an organisation or partnership the actor coordinates or leads."""
    organisations, partnerships = holders_for_user(actor)
    allowed = (
        organisations.filter(pk=organisation.pk).exists()
        if organisation
        else partnership is not None and partnerships.filter(pk=partnership.pk).exists()
    )
    if not allowed:
        message = "You can add resources only for an organisation you coordinate or lead."
        raise PermissionError(message)
    chosen = _check_tags(tags)
    resource = Resource(
        organisation=organisation, partnership=partnership, created_by=actor, **fields
    )
    resource.full_clean()
    resource.save()
    _set_tags(resource, chosen)
    record_event(actor=actor, action="resource.create", target=resource, detail=_tag_detail(chosen))
    return resource


@transaction.atomic
def update_resource(
    *,
    actor: User,
    resource: Resource,
    data: dict[str, Any],
    tags: Iterable[tuple[str, str]] | None = None,
) -> Resource:
    """Edit a resource's details and tags (the holder's coordinators and leaders)."""
    require_resource_manager(actor, resource)
    # What the database holds now: a form may already have filled in the instance.
    before = Resource.objects.filter(pk=resource.pk).values(*RESOURCE_FIELDS).get()
    resource, _ = model_update(instance=resource, fields=RESOURCE_FIELDS, data=data)
    changed = [
        name for name in RESOURCE_FIELDS if str(getattr(resource, name)) != str(before[name])
    ]
    if tags is not None:
        chosen = _check_tags(tags)
        if _set_tags(resource, chosen):
            changed.append(_tag_detail(chosen))
    if changed:
        record_event(
            actor=actor,
            action="resource.update",
            target=resource,
            detail="changed " + "; ".join(changed),
        )
    return resource


@transaction.atomic
def withdraw_resource(*, actor: User, resource: Resource, reason: str = "") -> Resource:
    """Take a resource out of lists; links to it then say it was withdrawn."""
    require_resource_manager(actor, resource)
    if resource.is_withdrawn:
        message = "This resource has already been withdrawn."
        raise ValidationError(message)
    resource.withdrawn_at = timezone.now()
    resource.withdrawn_by = actor
    resource.withdrawal_reason = reason.strip()[:300]
    resource.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    record_event(actor=actor, action="resource.withdraw", target=resource, detail=reason)
    return resource


@transaction.atomic
def restore_resource(*, actor: User, resource: Resource) -> Resource:
    """Put a withdrawn resource back in lists (a withdrawal made by mistake)."""
    require_resource_manager(actor, resource)
    if not resource.is_withdrawn:
        message = "This resource has not been withdrawn."
        raise ValidationError(message)
    resource.withdrawn_at = None
    resource.withdrawn_by = None
    resource.withdrawal_reason = ""
    resource.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"])
    record_event(actor=actor, action="resource.restore", target=resource)
    return resource


@transaction.atomic
def give_feedback(
    *, actor: User, resource: Resource, is_useful: bool, comment: str = ""
) -> ResourceFeedback:
    """Record or change the actor's one answer to "Was this useful?" for a resource they
    can read (the caller fetched it through the policy)."""
    if resource.is_withdrawn:
        message = "This resource has been withdrawn."
        raise ValidationError(message)
    feedback = ResourceFeedback.objects.filter(resource=resource, user=actor).first()
    feedback = feedback or ResourceFeedback(resource=resource, user=actor)
    feedback.is_useful = is_useful
    feedback.comment = comment.strip()
    feedback.full_clean()
    feedback.save()
    return feedback
