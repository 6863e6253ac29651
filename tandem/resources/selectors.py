"""Reads of the resource library: the filtered list, feedback counts, and the resources
offered beside Framework items on other apps' pages."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from tandem.accounts.models import User
from tandem.resources import search
from tandem.resources.models import Resource, ResourceFeedback, ResourceTag

# Figures about fewer than this many people are not shown (DESIGN.md; the same threshold
# as the evaluation app's disclosure rules, which sit above this app).
MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class ResourceFilters:
    text: str = ""
    kind: str = ""
    audience: str = ""
    tag: tuple[str, str] | None = None
    licence: str = ""
    organisation_id: int | None = None


def resource_list(user: User | AnonymousUser, filters: ResourceFilters) -> "QuerySet[Resource]":
    """Current resources the user may read, narrowed by the filters, best match first when
    searching and by title otherwise. Two queries a page: the count and the rows."""
    resources = (
        Resource.objects.visible_to(user)
        .current()
        .select_related("organisation", "partnership")
        .defer("summary", "search_vector")
    )
    if filters.kind:
        resources = resources.filter(kind=filters.kind)
    if filters.audience:
        resources = resources.for_audience(filters.audience)
    if filters.licence:
        resources = resources.filter(licence=filters.licence)
    if filters.organisation_id:
        resources = resources.filter(
            Q(organisation_id=filters.organisation_id)
            | Q(partnership__members__organisation_id=filters.organisation_id)
        ).distinct()
    if filters.tag:
        kind, key = filters.tag
        resources = resources.filter(
            pk__in=ResourceTag.objects.filter(kind=kind, key=key).values("resource")
        )
    ranked = search.search(resources, filters.text)
    return ranked if filters.text.strip() and ranked is not resources else resources


@dataclass(frozen=True)
class FeedbackSummary:
    """How many distinct people answered, and how many found it useful, or None where a
    figure would be about fewer than 5 people (or would reveal one that is)."""

    people: int
    useful: int | None
    not_useful: int | None

    @property
    def is_suppressed(self) -> bool:
        return self.people < MIN_GROUP_SIZE


def feedback_summary(resource: Resource) -> FeedbackSummary:
    counts = ResourceFeedback.objects.filter(resource=resource).aggregate(
        people=Count("user", distinct=True),
        useful=Count("user", distinct=True, filter=Q(is_useful=True)),
    )
    people, useful = counts["people"], counts["useful"]
    not_useful = people - useful
    # Primary suppression for the total; complementary for the split, since the two parts
    # add up to the total shown.
    if people < MIN_GROUP_SIZE or 0 < useful < MIN_GROUP_SIZE or 0 < not_useful < MIN_GROUP_SIZE:
        return FeedbackSummary(people=people, useful=None, not_useful=None)
    return FeedbackSummary(people=people, useful=useful, not_useful=not_useful)


def resources_for_items(
    user: User | AnonymousUser,
    items: Iterable[tuple[str, str]],
    audience: str | None = None,
    limit: int = 3,
) -> dict[tuple[str, str], list[Resource]]:
    """For each Framework item (kind, key), up to `limit` current resources the user may
    read that are tagged to it, in one query whatever the number of items."""
    wanted = {(str(kind), str(key)) for kind, key in items if kind and key}
    found: dict[tuple[str, str], list[Resource]] = {item: [] for item in wanted}
    if not wanted:
        return found
    condition = Q()
    for kind, key in wanted:
        condition |= Q(kind=kind, key=key)
    visible = Resource.objects.visible_to(user).current()
    if audience:
        visible = visible.for_audience(audience)
    tags = (
        ResourceTag.objects.filter(condition, resource__in=visible.values("pk"))
        .select_related("resource")
        .defer("resource__search_vector", "resource__summary")
        # The first `limit` resources of each item, by title, chosen in the database so a
        # popular item does not bring back thousands of rows.
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("kind"), F("key")],
                order_by=[F("resource__title").asc(), F("resource__pk").asc()],
            )
        )
        .filter(place__lte=limit)
        .order_by("kind", "key", "place")
    )
    for tag in tags:
        found[(tag.kind, tag.key)].append(tag.resource)
    return found
