from django.db.models import Count, Prefetch, Q, QuerySet

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation


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


def organisation_with_relations(organisation: Organisation) -> Organisation:
    return (
        Organisation.objects.filter(pk=organisation.pk)
        .prefetch_related(
            "phases",
            Prefetch("partnership_memberships__partnership"),
        )
        .get()
    )
