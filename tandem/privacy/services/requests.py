"""The people's requests: subject-access packs, and erasure with two-person approval."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.organisations.models import Organisation
from tandem.privacy.models import ErasureRequest, SubjectAccessPack
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.tasks import prepare_subject_access_pack


@transaction.atomic
def request_pack(*, actor: User, subject: User) -> SubjectAccessPack:
    """Queue a subject-access pack; for the person, or their data-protection lead."""
    pack = SubjectAccessPack.objects.create(subject=subject, requested_by=actor)
    record_event(actor=actor, action="subject-access.requested", target=subject)
    transaction.on_commit(lambda: prepare_subject_access_pack.enqueue(pack.pk))
    return pack


@transaction.atomic
def request_erasure(
    *, actor: User, subject: User, organisation: Organisation, reason: str
) -> ErasureRequest:
    """Ask for a person's erasure; for a data-protection lead of their organisation."""
    if subject == actor:
        message = "Another data-protection lead must ask for your own erasure."
        raise ValidationError(message)
    if ErasureRequest.objects.filter(
        subject=subject, status=ErasureRequest.Status.REQUESTED
    ).exists():
        message = f"Erasure of {subject.full_name} has already been asked for."
        raise ValidationError(message)
    erasure = ErasureRequest(
        subject=subject, organisation=organisation, reason=reason.strip(), requested_by=actor
    )
    erasure.full_clean()
    erasure.save()
    record_event(actor=actor, action="erasure.requested", target=subject)
    return erasure


@transaction.atomic
def decide_erasure(*, actor: User, erasure: ErasureRequest, approve: bool) -> ErasureRequest:
    """Approve (and carry out) or cancel a request; approval needs a second person."""
    erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
    if erasure.status != ErasureRequest.Status.REQUESTED:
        message = "This request has already been decided."
        raise ValidationError(message)
    if approve and erasure.requested_by_id == actor.pk:
        message = "A different data-protection lead must approve an erasure you asked for."
        raise PermissionDenied(message)
    if approve and erasure.subject_id == actor.pk:
        message = "You cannot approve your own erasure."
        raise PermissionDenied(message)
    erasure.decided_by = actor
    erasure.decided_at = timezone.now()
    if approve:
        erasure.pseudonym = erase_person(actor=actor, subject=erasure.subject)
        erasure.status = ErasureRequest.Status.COMPLETED
    else:
        erasure.status = ErasureRequest.Status.CANCELLED
        record_event(actor=actor, action="erasure.cancelled", target=erasure)
    erasure.save(update_fields=["decided_by", "decided_at", "pseudonym", "status", "updated_at"])
    return erasure
