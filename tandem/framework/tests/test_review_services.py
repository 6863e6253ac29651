"""The review cycle's rules: start, complete only when rated, then start the next cycle."""

import pytest
from django.core.exceptions import ValidationError

from tandem.framework import services
from tandem.framework.models import FrameworkItem, Review, ReviewOutcome
from tandem.framework.tests.cast import build_cast, member
from tandem.testing.factories import OrganisationFactory


@pytest.fixture
def cast(db):
    return build_cast()


def test_starting_a_review_creates_the_five_outcomes_in_order(cast):
    concept = FrameworkItem.objects.get(kind="core-concept", key="specialist-coaching")
    review = services.start_review(
        actor=cast["lead"], organisation=cast["institute"], core_concept=concept
    )
    assert [outcome.area for outcome in review.outcomes.order_by("position")] == [
        "ethos",
        "roles",
        "skills",
        "support",
        "cpd",
    ]
    assert review.cycle == 1
    assert review.started_by == cast["lead"]


def test_a_concept_cannot_be_started_twice(cast):
    concept = cast["review"].core_concept
    with pytest.raises(ValidationError, match="already reviews mentoring"):
        services.start_review(
            actor=cast["lead"], organisation=cast["institute"], core_concept=concept
        )


def test_a_reviewer_cannot_start_or_complete_a_review(cast):
    concept = FrameworkItem.objects.get(kind="core-concept", key="specialist-coaching")
    with pytest.raises(PermissionError):
        services.start_review(
            actor=cast["reviewer"], organisation=cast["institute"], core_concept=concept
        )
    with pytest.raises(PermissionError):
        services.complete_review(actor=cast["reviewer"], review=cast["review"])


def test_completing_with_missing_ratings_names_the_unrated_outcomes(cast):
    review = cast["review"]
    review.outcomes.filter(area__in=["ethos", "roles", "skills"]).update(rating="established")
    with pytest.raises(ValidationError) as error:
        services.complete_review(actor=cast["lead"], review=review)
    assert (
        "Not yet rated: Support systems, Part of continuing professional development."
        in (error.value.messages[0])
    )
    review.refresh_from_db()
    assert review.status == Review.Status.IN_PROGRESS


def test_completing_when_every_outcome_is_rated_closes_the_review(cast):
    review = cast["review"]
    review.outcomes.update(rating="developing")
    services.complete_review(actor=cast["lead"], review=review)
    review.refresh_from_db()
    assert review.is_complete
    assert review.completed_by == cast["lead"]
    assert review.completed_at is not None


def test_a_completed_review_is_read_only(cast):
    outcome = cast["completed_outcome"]
    outcome.rating = ReviewOutcome.Rating.EMBEDDED
    with pytest.raises(ValidationError, match="complete"):
        services.save_outcome(actor=cast["lead"], outcome=outcome)


def test_the_next_cycle_starts_from_the_previous_ratings_and_answers(cast):
    completed = cast["completed"]
    completed.outcomes.filter(area="roles").update(
        rating="established", current_practice="Roles are in the handbook."
    )
    next_review = services.start_next_cycle(actor=cast["lead"], review=completed)
    assert next_review.cycle == 2
    assert next_review.previous == completed
    roles = next_review.outcomes.get(area="roles")
    assert roles.rating == "established"
    assert roles.current_practice == "Roles are in the handbook."
    with pytest.raises(ValidationError, match="already been started"):
        services.start_next_cycle(actor=cast["lead"], review=completed)


def test_the_next_cycle_needs_the_current_one_complete(cast):
    with pytest.raises(ValidationError, match="Complete this cycle"):
        services.start_next_cycle(actor=cast["lead"], review=cast["review"])


def test_only_current_members_can_become_reviewers(cast):
    stranger = member(OrganisationFactory())
    with pytest.raises(ValidationError, match="current members"):
        services.add_reviewer(actor=cast["lead"], organisation=cast["institute"], user=stranger)
    reviewer = services.add_reviewer(
        actor=cast["lead"], organisation=cast["institute"], user=cast["member"]
    )
    assert reviewer.user == cast["member"]
