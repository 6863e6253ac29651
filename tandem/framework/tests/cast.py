"""The named cast for framework tests, built from the shared factories."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.framework.models import (
    FrameworkItem,
    Review,
    ReviewAction,
    Reviewer,
    ReviewEvidence,
    ReviewOutcome,
)
from tandem.organisations.models import Membership, Organisation
from tandem.testing.factories import MembershipFactory, OrganisationFactory, UserFactory


def member(organisation, access=Membership.Access.MEMBER, name=""):
    user = UserFactory(**({"full_name": name} if name else {}))
    MembershipFactory(user=user, organisation=organisation, access=access)
    return user


def make_review(organisation, concept_key="mentoring", *, complete=False, cycle=1, previous=None):
    review = Review.objects.create(
        organisation=organisation,
        core_concept=FrameworkItem.objects.get(kind="core-concept", key=concept_key),
        cycle=cycle,
        previous=previous,
        status=Review.Status.COMPLETE if complete else Review.Status.IN_PROGRESS,
        completed_at=timezone.now() if complete else None,
    )
    for position, area in enumerate(ReviewOutcome.Area.values, start=1):
        ReviewOutcome.objects.create(
            review=review,
            area=area,
            position=position,
            rating=ReviewOutcome.Rating.DEVELOPING if complete else "",
        )
    return review


def build_cast():
    institute = OrganisationFactory(
        name="Pennine Institute of Education", type=Organisation.Type.ITE_PROVIDER
    )
    elsewhere = OrganisationFactory(name="Faraway School")
    lead = member(institute, Membership.Access.COORDINATOR, "Priya Shah")  # ITE programme leader
    reviewer = member(institute, name="Tom Tutor")  # a tutor given the reviewer role
    Reviewer.objects.create(organisation=institute, user=reviewer, added_by=lead)
    other_tutor = member(institute, name="Rita Reviewer")  # a second reviewer, to be removed
    other_reviewer = Reviewer.objects.create(organisation=institute, user=other_tutor)
    review = make_review(institute, "mentoring")
    outcome = review.outcomes.get(area="ethos")
    evidence = ReviewEvidence.objects.create(
        outcome=outcome,
        title="Module feedback",
        file=SimpleUploadedFile("feedback.pdf", b"%PDF-1.4 feedback", "application/pdf"),
    )
    action = ReviewAction.objects.create(
        outcome=outcome, description="Brief tutors", owner=lead, due_on=date(2030, 1, 31)
    )
    completed = make_review(institute, "co-coaching", complete=True)
    return {
        "lead": lead,
        "reviewer": reviewer,
        "member": member(institute),  # a trainee in the institute with no review role
        "outsider": member(elsewhere, Membership.Access.LEADER),  # leads another organisation
        "staff": UserFactory(is_staff=True),  # site staff: no access to organisations' reviews
        "anonymous": None,
        "institute": institute,
        "review": review,
        "outcome": outcome,
        "evidence": evidence,
        "action": action,
        "completed": completed,
        "completed_outcome": completed.outcomes.get(area="ethos"),
        "other_reviewer": other_reviewer,
    }
