"""Demo data for the review tool: Moorland Academy's review of mentoring, in two cycles."""

from datetime import timedelta

from django.utils import timezone

from tandem.accounts.models import User
from tandem.framework import keys, services
from tandem.framework.keys import ReviewOutcome as Area
from tandem.framework.models import FrameworkItem, Review, ReviewAction
from tandem.organisations.models import Membership, Organisation

FIRST_CYCLE: dict[str, tuple[str, str]] = {
    Area.ETHOS: (
        "developing",
        "Mentoring is valued but seen mainly as support for trainees.",
    ),
    Area.ROLES: (
        "established",
        "Mentor, coordinator and tutor roles are written down.",
    ),
    Area.SKILLS: (
        "developing",
        "Mentors have not yet audited their coaching skills.",
    ),
    Area.SUPPORT: (
        "not-started",
        "No protected time for mentors beyond trainee weeks.",
    ),
    Area.CPD: ("developing", "Mentoring is not yet in the school's CPD plan."),
}
SECOND_CYCLE: dict[str, tuple[str, str]] = {
    Area.ETHOS: (
        "established",
        "Staff meetings now share what mentors and mentees learn.",
    ),
    Area.SKILLS: (
        "established",
        "Skills audit done; two mentors on accredited training.",
    ),
    Area.SUPPORT: (
        "developing",
        "One hour a fortnight protected for each mentoring pair.",
    ),
}


def _rate(*, actor: User, review: Review, answers: dict[str, tuple[str, str]]) -> None:
    for outcome in review.outcomes.all():
        if outcome.area in answers:
            outcome.rating, outcome.current_practice = answers[outcome.area]
            services.save_outcome(actor=actor, outcome=outcome)


def load_framework_demo(organisations: dict[str, Organisation]) -> None:
    """Called at the end of `tandem demo`: a completed first cycle and an open second one."""
    school = organisations["moorland"]
    lead = Membership.objects.get(organisation=school, access=Membership.Access.COORDINATOR).user
    tutor = Membership.objects.get(organisation=school, user__email__startswith="mentor@").user
    services.add_reviewer(actor=lead, organisation=school, user=tutor)
    concept = FrameworkItem.objects.get(kind=keys.Kind.CORE_CONCEPT, key=keys.CoreConcept.MENTORING)
    first = services.start_review(actor=lead, organisation=school, core_concept=concept)
    _rate(actor=tutor, review=first, answers=FIRST_CYCLE)
    support = first.outcomes.get(area=Area.SUPPORT)
    services.add_comment(
        actor=tutor, outcome=support, body="Time is the blocker every mentor mentions."
    )
    today = timezone.localdate()
    for description, owner, days, status in [
        ("Timetable a fortnightly hour for each mentoring pair", lead, 30, "done"),
        ("Add mentoring to the CPD plan for next year", lead, 120, "in-progress"),
    ]:
        services.save_action(
            actor=lead,
            action=ReviewAction(
                outcome=support,
                description=description,
                owner=owner,
                due_on=today + timedelta(days=days),
                status=status,
            ),
        )
    services.complete_review(actor=lead, review=first)
    second = services.start_next_cycle(actor=lead, review=first)
    _rate(actor=tutor, review=second, answers=SECOND_CYCLE)
