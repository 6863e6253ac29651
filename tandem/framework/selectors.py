"""Reads for the Framework pages: each runs a fixed number of queries whatever the data."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from tandem.accounts.models import User
from tandem.framework import keys
from tandem.framework.glance import Perspective
from tandem.framework.models import FrameworkItem, Review, ReviewAction, ReviewOutcome
from tandem.framework.policy import review_roles
from tandem.organisations.models import Organisation

KIND_PLURALS = {
    "principle": "Principles",
    "core-concept": "Core concepts",
    "approach": "Further approaches",
    "model-dimension": "Model dimensions",
    "mentor-style": "Mentor styles",
    "effective-feature": "Effective features",
    "challenge": "Challenges",
    "impact": "Impacts",
    "mentor-quality": "Mentor qualities and skills",
}
# Sections of each "at a glance" page, in order, with the heading each gets there.
GLANCE_SECTIONS = [
    ("principle", "Principles that matter most to you"),
    ("effective-feature", "What makes it work"),
    ("mentor-quality", "Qualities and skills to look for and develop"),
    ("challenge", "Challenges to plan for"),
]
MAX_SEARCH_TERMS = 8


@dataclass
class KindSummary:
    kind: str
    label: str
    num_items: int


@dataclass
class Glance:
    perspective: Perspective
    sections: list[tuple[str, str, list[FrameworkItem]]] = field(default_factory=list)
    impacts: list[tuple[str, list[FrameworkItem]]] = field(default_factory=list)


def kind_summaries() -> list[KindSummary]:
    counts = dict(FrameworkItem.objects.values_list("kind").annotate(num=Count("id")).order_by())
    return [
        KindSummary(kind=kind, label=label, num_items=counts.get(kind, 0))
        for kind, label in KIND_PLURALS.items()
    ]


def items_of_kind(kind: str) -> list[FrameworkItem]:
    return list(FrameworkItem.objects.of_kind(kind))


def group_by_audience(items: list[FrameworkItem]) -> list[tuple[str, list[FrameworkItem]]]:
    groups = []
    for audience, label in FrameworkItem.Audience.choices:
        members = [item for item in items if item.audience == audience]
        if members:
            groups.append((label, members))
    return groups


def item_with_links(kind: str, key: str) -> FrameworkItem | None:
    return (
        FrameworkItem.objects.filter(kind=kind, key=key)
        .prefetch_related(
            Prefetch("related", queryset=FrameworkItem.objects.order_by("kind", "position"))
        )
        .first()
    )


def group_by_kind(items: list[FrameworkItem]) -> list[tuple[str, list[FrameworkItem]]]:
    return [
        (label, [item for item in items if item.kind == kind])
        for kind, label in KIND_PLURALS.items()
        if any(item.kind == kind for item in items)
    ]


def core_concepts() -> QuerySet[FrameworkItem]:
    return FrameworkItem.objects.of_kind(keys.Kind.CORE_CONCEPT)


def search_items(query: str) -> list[FrameworkItem]:
    """Items whose title, summary or description contain every word typed."""
    terms = query.split()[:MAX_SEARCH_TERMS]
    if not terms:
        return []
    condition = Q()
    for term in terms:
        condition &= (
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(description__icontains=term)
        )
    return list(FrameworkItem.objects.filter(condition).order_by("kind", "position"))


def glance_for(perspective: Perspective) -> Glance:
    """Two queries: the items flagged for the perspective, then its impacts."""
    relevant = list(
        FrameworkItem.objects.for_perspective(perspective.flag).filter(
            kind__in=[kind for kind, _heading in GLANCE_SECTIONS]
        )
    )
    glance = Glance(perspective=perspective)
    for kind, heading in GLANCE_SECTIONS:
        members = [item for item in relevant if item.kind == kind]
        if members:
            glance.sections.append((kind, heading, members))
    impacts = list(
        FrameworkItem.objects.of_kind("impact").filter(audience__in=perspective.impact_audiences)
    )
    order = {audience: index for index, audience in enumerate(perspective.impact_audiences)}
    glance.impacts = group_by_audience(impacts)
    glance.impacts.sort(key=lambda group: order[group[1][0].audience])
    return glance


# Review and development ---------------------------------------------------------------


@dataclass
class OrganisationReviews:
    organisation: Organisation
    role: str
    reviews: list[Review]


def reviews_for_user(user: User) -> list[OrganisationReviews]:
    """Four queries: roles (two), organisations, reviews with their counts."""
    roles = review_roles(user)
    if not roles:
        return []
    organisations = Organisation.objects.filter(pk__in=roles).order_by("name")
    reviews = (
        Review.objects.filter(organisation_id__in=roles)
        .select_related("core_concept")
        .annotate(
            num_rated=Count("outcomes", filter=~Q(outcomes__rating=""), distinct=True),
            num_open_actions=Count(
                "outcomes__actions",
                filter=~Q(outcomes__actions__status=ReviewAction.Status.DONE),
                distinct=True,
            ),
        )
        .order_by("core_concept__position", "-cycle")
    )
    by_organisation: dict[int, list[Review]] = {pk: [] for pk in roles}
    for review in reviews:
        by_organisation[review.organisation_id].append(review)
    return [
        OrganisationReviews(organisation, roles[organisation.pk], by_organisation[organisation.pk])
        for organisation in organisations
    ]


def outcomes_with_counts(review: Review) -> list[ReviewOutcome]:
    return list(
        review.outcomes.annotate(
            num_evidence=Count("evidence", distinct=True),
            num_actions=Count("actions", distinct=True),
            num_comments=Count("comments", distinct=True),
        ).order_by("position")
    )


def outcome_page(outcome: ReviewOutcome) -> dict[str, list]:
    return {
        "evidence": list(outcome.evidence.all()),
        "actions": list(outcome.actions.select_related("owner")),
        "comments": list(outcome.comments.select_related("author")),
    }


def review_chain(review: Review) -> list[Review]:
    """Every cycle of this organisation's review of this concept, oldest first (2 queries)."""
    return list(
        Review.objects.filter(
            organisation_id=review.organisation_id, core_concept_id=review.core_concept_id
        )
        .prefetch_related(Prefetch("outcomes", queryset=ReviewOutcome.objects.order_by("position")))
        .order_by("cycle")
    )


def open_actions(chain: list[Review]) -> list[ReviewAction]:
    return list(
        ReviewAction.objects.filter(outcome__review__in=chain)
        .exclude(status=ReviewAction.Status.DONE)
        .select_related("owner", "outcome__review")
        .order_by("due_on")
    )


def progress_table(chain: list[Review]) -> list[tuple[str, list[ReviewOutcome | None]]]:
    """One row per outcome area, one cell per cycle."""
    rows = []
    for area, label in ReviewOutcome.Area.choices:
        cells = []
        for review in chain:
            cells.append(next((o for o in review.outcomes.all() if o.area == area), None))
        rows.append((label, cells))
    return rows
