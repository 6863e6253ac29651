"""Who may see or change reviews.

Reviews belong to an organisation and are for its current members with a review role:
coordinators and leaders are review leads (start, complete, start the next cycle, choose
reviewers); members added as Reviewer (typically tutors) contribute. Nobody else, staff
included, learns that a review exists (404). A completed review is read-only (403 to write)
except for its actions, which are followed up after the review closes.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from tandem.accounts.models import User
from tandem.framework.models import Review, ReviewAction, Reviewer, ReviewEvidence, ReviewOutcome
from tandem.organisations.models import Membership, Organisation

LEAD = "lead"
REVIEWER = "reviewer"
LEAD_ACCESS = {Membership.Access.COORDINATOR, Membership.Access.LEADER}


def review_role(user: User | AnonymousUser, organisation_id: int) -> str | None:
    """LEAD, REVIEWER or None for this user in this organisation (current members only)."""
    if not user.is_authenticated:
        return None
    access = (
        Membership.objects.current()
        .filter(user=user, organisation_id=organisation_id)
        .values_list("access", flat=True)
        .first()
    )
    if access is None:
        return None
    if access in LEAD_ACCESS:
        return LEAD
    if Reviewer.objects.filter(user=user, organisation_id=organisation_id).exists():
        return REVIEWER
    return None


def review_roles(user: User | AnonymousUser) -> dict[int, str]:
    """Organisation id → role, for every organisation where the user has a review role."""
    if not user.is_authenticated:
        return {}
    roles = {}
    reviewer_of = set(Reviewer.objects.filter(user=user).values_list("organisation_id", flat=True))
    for organisation_id, access in (
        Membership.objects.current().filter(user=user).values_list("organisation_id", "access")
    ):
        if access in LEAD_ACCESS:
            roles[organisation_id] = LEAD
        elif organisation_id in reviewer_of:
            roles[organisation_id] = REVIEWER
    return roles


def get_review_organisation_for_user(
    user: User | AnonymousUser, organisation_uuid: UUID | str, *, lead: bool = False
) -> Organisation:
    """404 without a review role; 403 when the action needs a lead."""
    organisation = get_object_or_404(Organisation, uuid=organisation_uuid)
    role = review_role(user, organisation.pk)
    if role is None:
        raise Http404
    if lead and role != LEAD:
        raise PermissionDenied
    return organisation


def _check(review: Review, user: User | AnonymousUser, *, write: bool, lead: bool) -> None:
    role = review_role(user, review.organisation_id)
    if role is None:
        raise Http404
    if (lead and role != LEAD) or (write and review.is_complete):
        raise PermissionDenied


def get_review_for_user(
    user: User | AnonymousUser, review_uuid: UUID | str, *, write: bool = False, lead: bool = False
) -> Review:
    review = get_object_or_404(
        Review.objects.select_related("organisation", "core_concept"), uuid=review_uuid
    )
    _check(review, user, write=write, lead=lead)
    return review


def get_outcome_for_user(
    user: User | AnonymousUser, outcome_uuid: UUID | str, *, write: bool = False
) -> ReviewOutcome:
    outcome = get_object_or_404(
        ReviewOutcome.objects.select_related("review__organisation", "review__core_concept"),
        uuid=outcome_uuid,
    )
    _check(outcome.review, user, write=write, lead=False)
    return outcome


def get_evidence_for_user(user: User | AnonymousUser, evidence_uuid: UUID | str) -> ReviewEvidence:
    evidence = get_object_or_404(
        ReviewEvidence.objects.select_related("outcome__review"), uuid=evidence_uuid
    )
    _check(evidence.outcome.review, user, write=False, lead=False)
    return evidence


def get_action_for_user(user: User | AnonymousUser, action_uuid: UUID | str) -> ReviewAction:
    """Actions stay editable after the review closes: they are followed up over time."""
    action = get_object_or_404(
        ReviewAction.objects.select_related("outcome__review__organisation", "owner"),
        uuid=action_uuid,
    )
    _check(action.outcome.review, user, write=False, lead=False)
    return action


def get_reviewer_for_user(user: User | AnonymousUser, reviewer_uuid: UUID | str) -> Reviewer:
    """Only a lead of the reviewer's organisation may manage the role."""
    reviewer = get_object_or_404(Reviewer.objects.select_related("user"), uuid=reviewer_uuid)
    role = review_role(user, reviewer.organisation_id)
    if role is None:
        raise Http404
    if role != LEAD:
        raise PermissionDenied
    return reviewer
