"""List pages run a fixed number of queries however much data there is."""

import pytest
from django.urls import reverse

from tandem.framework.models import ReviewAction
from tandem.framework.tests.cast import build_cast, make_review, member


@pytest.fixture
def cast(db):
    return build_cast()


def test_the_review_list_does_not_grow_with_reviews(client, cast, django_assert_num_queries):
    client.force_login(cast["lead"])
    url = reverse("framework:review-list")
    # session, user, review roles (memberships, reviewer rows), organisations, reviews.
    with django_assert_num_queries(6):
        client.get(url)
    make_review(cast["institute"], "specialist-coaching")
    with django_assert_num_queries(6):
        client.get(url)


def test_the_progress_page_does_not_grow_with_cycles_or_actions(
    client, cast, django_assert_num_queries
):
    client.force_login(cast["lead"])
    first = cast["completed"]
    url = reverse("framework:review-progress", args=[first.uuid])
    # session, user, review, membership (role), reviews, their outcomes, open actions.
    with django_assert_num_queries(7):
        client.get(url)
    second = make_review(cast["institute"], "co-coaching", complete=True, cycle=2, previous=first)
    for outcome in second.outcomes.all():
        ReviewAction.objects.create(
            outcome=outcome,
            description="Follow up",
            owner=member(cast["institute"]),
            due_on="2031-01-01",
        )
    with django_assert_num_queries(7):
        client.get(url)


def test_vocabulary_pages_run_a_fixed_number_of_queries(client, cast, django_assert_num_queries):
    client.force_login(cast["member"])
    pages = [
        # session, user, the items of the kind.
        (reverse("framework:item-list", args=["impact"]), 3),
        # session, user, items flagged for leaders, the leaders' impacts.
        (reverse("framework:glance-detail", args=["leaders"]), 4),
        # session, user, counts per kind.
        (reverse("framework:home"), 3),
        # session, user, the matching items.
        (reverse("framework:item-search") + "?q=learning+culture", 3),
    ]
    for url, num_queries in pages:
        with django_assert_num_queries(num_queries):
            client.get(url)
