"""Writes for the review-and-development tool (seed 004). Views, admin and commands call
these; each checks the actor's review role again, as a second line behind the policy."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.framework.models import (
    FrameworkItem,
    Review,
    ReviewAction,
    ReviewComment,
    Reviewer,
    ReviewEvidence,
    ReviewOutcome,
)
from tandem.framework.models.review import KEY_QUESTION_FIELDS
from tandem.framework.policy import LEAD, review_role
from tandem.organisations.models import Membership, Organisation


def _require_role(actor: User, organisation_id: int, *, lead: bool = False) -> None:
    role = review_role(actor, organisation_id)
    if role is None or (lead and role != LEAD):
        message = "Only the organisation's review leads and reviewers may do this."
        raise PermissionError(message)


def _require_open(review: Review) -> None:
    if review.is_complete:
        message = "This review is complete; start the next cycle to change it."
        raise ValidationError(message)


@transaction.atomic
def start_review(*, actor: User, organisation: Organisation, core_concept: FrameworkItem) -> Review:
    """Start the first cycle of reviewing a core concept, with its five outcomes; leads only."""
    _require_role(actor, organisation.pk, lead=True)
    if Review.objects.filter(organisation=organisation, core_concept=core_concept).exists():
        message = (
            f"{organisation.name} already reviews {core_concept.title.lower()}: "
            "open that review, or start its next cycle once it is complete."
        )
        raise ValidationError({"core_concept": message})
    review = Review(organisation=organisation, core_concept=core_concept, started_by=actor)
    review.full_clean()
    review.save()
    _create_outcomes(review)
    return review


def _create_outcomes(review: Review, previous: Review | None = None) -> None:
    carried = {outcome.area: outcome for outcome in previous.outcomes.all()} if previous else {}
    outcomes = []
    for position, area in enumerate(ReviewOutcome.Area.values, start=1):
        outcome = ReviewOutcome(review=review, area=area, position=position)
        if area in carried:
            # The new cycle starts from where the last one ended; reviewers revise it.
            outcome.rating = carried[area].rating
            for name in KEY_QUESTION_FIELDS:
                setattr(outcome, name, getattr(carried[area], name))
        outcomes.append(outcome)
    ReviewOutcome.objects.bulk_create(outcomes)


@transaction.atomic
def save_outcome(*, actor: User, outcome: ReviewOutcome) -> ReviewOutcome:
    """Save a rating and the answers to the key questions; any reviewer, open reviews only."""
    _require_role(actor, outcome.review.organisation_id)
    _require_open(outcome.review)
    outcome.updated_by = actor
    outcome.full_clean()
    outcome.save(update_fields=["rating", *KEY_QUESTION_FIELDS, "updated_by", "updated_at"])
    return outcome


@transaction.atomic
def add_comment(*, actor: User, outcome: ReviewOutcome, body: str) -> ReviewComment:
    """Comment on one outcome of an open review; any reviewer."""
    _require_role(actor, outcome.review.organisation_id)
    _require_open(outcome.review)
    comment = ReviewComment(outcome=outcome, author=actor, body=body)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def add_evidence(*, actor: User, evidence: ReviewEvidence) -> ReviewEvidence:
    """Attach a link or a checked file to an outcome of an open review; any reviewer."""
    _require_role(actor, evidence.outcome.review.organisation_id)
    _require_open(evidence.outcome.review)
    evidence.added_by = actor
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def save_action(*, actor: User, action: ReviewAction) -> ReviewAction:
    """Add or update an action for development; any reviewer, also after the review closes
    (actions are followed up between cycles), but new actions only on open reviews."""
    review = action.outcome.review
    _require_role(actor, review.organisation_id)
    if action.pk is None:
        _require_open(review)
        action.created_by = actor
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def complete_review(*, actor: User, review: Review) -> Review:
    """Mark a review complete once every outcome has a rating; leads only."""
    _require_role(actor, review.organisation_id, lead=True)
    _require_open(review)
    unrated = [
        outcome.get_area_display() for outcome in review.outcomes.all() if not outcome.rating
    ]
    if unrated:
        message = "Rate every outcome before completing the review. Not yet rated: " + (
            ", ".join(unrated) + "."
        )
        raise ValidationError(message)
    review.status = Review.Status.COMPLETE
    review.completed_by = actor
    review.completed_at = timezone.now()
    review.full_clean()
    review.save(update_fields=["status", "completed_by", "completed_at", "updated_at"])
    return review


@transaction.atomic
def start_next_cycle(*, actor: User, review: Review) -> Review:
    """Start the next cycle from a completed review, carrying its ratings and answers."""
    _require_role(actor, review.organisation_id, lead=True)
    if not review.is_complete:
        message = "Complete this cycle before starting the next one."
        raise ValidationError(message)
    if Review.objects.filter(previous=review).exists():
        message = "The next cycle has already been started."
        raise ValidationError(message)
    next_review = Review(
        organisation=review.organisation,
        core_concept=review.core_concept,
        cycle=review.cycle + 1,
        previous=review,
        started_by=actor,
    )
    next_review.full_clean()
    next_review.save()
    _create_outcomes(next_review, previous=review)
    return next_review


@transaction.atomic
def add_reviewer(*, actor: User, organisation: Organisation, user: User) -> Reviewer:
    """Give a current member of the organisation the reviewer role; leads only."""
    _require_role(actor, organisation.pk, lead=True)
    if not Membership.objects.current().filter(user=user, organisation=organisation).exists():
        message = "Only current members of the organisation can be reviewers."
        raise ValidationError({"user": message})
    reviewer = Reviewer(organisation=organisation, user=user, added_by=actor)
    reviewer.full_clean()
    reviewer.save()
    return reviewer


@transaction.atomic
def remove_reviewer(*, actor: User, reviewer: Reviewer) -> None:
    """Take away a member's reviewer role; leads only. Their past contributions remain."""
    _require_role(actor, reviewer.organisation_id, lead=True)
    reviewer.delete()


def record_export(*, actor: User, review: Review, export_format: str) -> None:
    """Every export is written to the audit log (DESIGN: confidentiality model)."""
    record_event(actor=actor, action="review.export", target=review, detail=export_format)
