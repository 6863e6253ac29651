"""The coordinator's group pages: choosing size and mix, the review page (groups with
facilitator, members and reasons; unplaced people with why; the optimality line), the
confirmation page, and publishing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.matching import services
from tandem.matching.models import MatchRun
from tandem.matching.tests.group_cast import build_group_cast
from tandem.programmes.models import Enrolment
from tandem.relationships.models import Relationship
from tandem.testing.workflow import approve, person

pytestmark = pytest.mark.django_db
QUERIES = 7

SIZES = {
    "min_size": "3",
    "max_size": "4",
    "phase_mix": "any",
    "subject_mix": "any",
    "experience_mix": "diverse",
}


@pytest.fixture
def cast(client) -> dict:
    cast = build_group_cast()
    client.force_login(cast["coordinator"])
    return cast


def _start(client, cast, data=SIZES):
    return client.post(reverse("matching:groups-start", args=[cast["programme"].uuid]), data)


def test_the_matching_page_offers_group_formation_for_a_group_programme(client, cast):
    page = client.get(reverse("matching:programme-matching", args=[cast["programme"].uuid]))
    assert reverse("matching:groups-start", args=[cast["programme"].uuid]) in page.content.decode()


def test_the_form_starts_from_the_template_defaults(client, cast):
    page = client.get(reverse("matching:groups-start", args=[cast["programme"].uuid]))
    form = page.context["form"]
    assert form["min_size"].value() == 4  # the group-supervision fallback
    assert "7 learners to place" in page.content.decode()


def test_a_largest_group_smaller_than_the_smallest_is_refused_with_a_message(client, cast):
    page = _start(client, cast, SIZES | {"min_size": "5", "max_size": "4"})
    assert page.status_code == 200
    assert "cannot be smaller than the smallest" in page.content.decode()
    assert not MatchRun.objects.exists()


def test_forming_groups_leads_to_the_review_page(client, cast):
    response = _start(client, cast)
    run = MatchRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Proposed groups" in page
    assert "led by Fay Facilitator" in page
    assert "led by Gus Facilitator" in page
    assert "Ivy Learner" in page
    assert "Proved optimal" in page
    assert "not proven optimal" not in page
    assert "Publish 2 groups" in page


def test_the_review_page_says_when_the_grouping_is_not_proven_optimal(client, cast):
    _start(client, cast)
    MatchRun.objects.update(is_certified_optimal=False)
    page = client.get(MatchRun.objects.get().get_absolute_url()).content.decode()
    assert "Best found, not proven optimal" in page


def test_the_review_page_lists_unplaced_learners_with_why(client, cast):
    Enrolment.objects.filter(programme=cast["programme"], user=cast["gus"]).delete()
    _start(client, cast)
    page = client.get(MatchRun.objects.get().get_absolute_url()).content.decode()
    assert "Not placed (3)" in page
    assert "Every group their eligible facilitators can lead is full." in page
    assert "Choose a mentor" not in page  # groups are not edited pair by pair


def test_the_review_page_costs_the_same_queries_however_many_groups(
    client, cast, django_assert_num_queries
):
    # One facilitator: one group of four, three learners unplaced.
    gus = Enrolment.objects.get(programme=cast["programme"], user=cast["gus"])
    gus.delete()
    _start(client, cast)
    run = MatchRun.objects.get()
    assert (run.num_placed, len(run.unplaced)) == (4, 3)
    # The session, the user, the run (with its programme and creator), the coordinator
    # check (the policy's, then the layout's), the unplaced learners' names, and the
    # groups with their members and facilitators in one query.
    with django_assert_num_queries(QUERIES):
        client.get(run.get_absolute_url())
    # Three facilitators and seventeen learners: three groups and five unplaced.
    organisation = cast["programme"].organisations.first()
    approve(cast["programme"], cast["gus"], "mentor")
    approve(
        cast["programme"], person(organisation, "Hal Facilitator", years_in_profession=15), "mentor"
    )
    for index in range(10):
        approve(cast["programme"], person(organisation, f"Extra {index}"), "mentee")
    _start(client, cast)
    bigger = MatchRun.objects.order_by("-pk").first()
    assert (bigger.stats["groups"], len(bigger.unplaced)) == (3, 5)
    with django_assert_num_queries(QUERIES):
        client.get(bigger.get_absolute_url())


def test_publishing_asks_first_then_forms_the_groups(client, cast):
    _start(client, cast)
    run = MatchRun.objects.get()
    url = reverse("matching:groups-publish", args=[run.uuid])
    confirm = client.post(url).content.decode()
    assert "Publish these groups?" in confirm
    assert "email 9 people" in confirm
    assert not Relationship.objects.exists()
    response = client.post(url, {"confirmed": "yes"}, follow=True)
    assert "2 groups now have a relationship" in response.content.decode()
    assert Relationship.objects.filter(is_group=True).count() == 2
    run.refresh_from_db()
    assert run.status == MatchRun.Status.PUBLISHED


def test_a_group_run_cannot_be_published_as_pairs(cast):
    run = services.start_group_run(
        actor=cast["coordinator"],
        programme=cast["programme"],
        choices=services.GroupChoices(min_size=3, max_size=4),
    )
    with pytest.raises(ValidationError, match="published as groups"):
        services.publish_run(actor=cast["coordinator"], run=run)
    assert not Relationship.objects.exists()


def test_the_download_says_which_group_each_learner_is_in(client, cast):
    Enrolment.objects.filter(programme=cast["programme"], user=cast["gus"]).delete()
    _start(client, cast)
    run = MatchRun.objects.get()
    headers, rows = services.run_rows(run)
    assert headers[4] == "Group"
    placed = [row for row in rows if row[4] == 1]
    assert len(placed) == 4
    assert all(row[2] == "Fay Facilitator" for row in placed)
    left_out = [row for row in rows if str(row[-1]).startswith("Not placed")]
    assert len(left_out) == 3
    assert all(len(row) == len(headers) for row in rows)


def test_a_published_group_run_can_be_unpublished_within_the_grace_period(client, cast):
    _start(client, cast)
    run = MatchRun.objects.get()
    client.post(reverse("matching:groups-publish", args=[run.uuid]), {"confirmed": "yes"})
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Unpublish this match" in page
    run.refresh_from_db()
    assert services.unpublish_problems(run) == []
    assert services.unpublish_run(actor=cast["coordinator"], run=run) == 2
    assert not Relationship.objects.exists()
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
