from django.db.models import (
    CharField,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation, PartnershipMember


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    """The organisations a user belongs to now, with their current member counts."""
    queryset = (
        Organisation.objects.all() if user.is_staff else Organisation.objects.with_member(user)
    )
    return queryset.annotate(
        num_members=Count(
            "memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True
        )
    ).order_by("name")


def current_members(organisation: Organisation) -> QuerySet[Membership]:
    """Current memberships with person, profile and line manager, in one query."""
    return (
        Membership.objects.current()
        .filter(organisation=organisation)
        .select_related("user", "user__profile", "line_manager")
        .order_by("user__full_name")
    )


def filter_members(
    members: QuerySet[Membership], *, q: str = "", status: str = ""
) -> QuerySet[Membership]:
    """Members whose name contains `q`, with the access `status` (the filter form's names)."""
    if q:
        members = members.filter(user__full_name__icontains=q)
    if status:
        members = members.filter(access=status)
    return members


def with_page_relations(organisation: Organisation) -> Organisation:
    """Load the phases and partnerships an organisation page shows, in two queries."""
    prefetch_related_objects(
        [organisation],
        "phases",
        Prefetch(
            "partnership_memberships",
            queryset=PartnershipMember.objects.select_related("partnership"),
        ),
    )
    return organisation


def with_work_details(users: QuerySet[User]) -> QuerySet[User]:
    """People with `work_title` and `work_organisation` from their earliest current
    membership (subqueries: no extra query), for labels that tell people of the same name
    apart (tandem.forms.person_label)."""
    first = (
        Membership.objects.current()
        .filter(user=OuterRef("pk"))
        .order_by(F("started_on").asc(nulls_last=True), "created_at")
    )
    return users.annotate(
        work_title=Coalesce(
            Subquery(first.values("job_title")[:1]), Value(""), output_field=CharField()
        ),
        work_organisation=Coalesce(
            Subquery(first.values("organisation__name")[:1]), Value(""), output_field=CharField()
        ),
    )
