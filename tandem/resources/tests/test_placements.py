"""Resources are offered beside the Framework items they are tagged to, on four pages of
other apps: a goal (its principle), the mentor's conversation prompts, the review tool's
outcome page and the health check's weak features. Nothing shows where nothing is tagged,
nothing private leaks, and list pages do not run a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.evaluation.health import health_check
from tandem.framework import keys
from tandem.framework.tests.cast import make_review, member
from tandem.organisations.models import Membership
from tandem.resources.models import Resource
from tandem.resources.services import create_resource, withdraw_resource
from tandem.resources.tags import REVIEW_OUTCOME
from tandem.resources.tests.cast import resource_fields
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import add_record, approve, pair, person

pytestmark = pytest.mark.django_db

ASIDE = "Resources that may help"


def offer(coordinator, organisation, title, tags, **fields):
    return create_resource(
        actor=coordinator,
        organisation=organisation,
        tags=tags,
        **resource_fields(title=title, for_leaders=True, **fields),
    )


def test_a_goal_shows_resources_for_its_principle(client, cast):
    goal = cast["goal"]
    principle = goal.framework_keys[0]
    offer(cast["coordinator"], cast["moorland"], "Goals that stretch", [("principle", principle)])
    offer(
        cast["coordinator"], cast["moorland"], "Unrelated", [("principle", "benefits-to-mentors")]
    )
    client.force_login(cast["mentee"])
    page = client.get(reverse("relationships:goal-detail", args=[goal.uuid])).content.decode()
    assert ASIDE in page
    assert "Goals that stretch" in page
    assert "Unrelated" not in page


def test_nothing_is_rendered_when_nothing_is_tagged(client, cast):
    client.force_login(cast["mentee"])
    page = client.get(
        reverse("relationships:goal-detail", args=[cast["goal"].uuid])
    ).content.decode()
    assert ASIDE not in page


def test_withdrawn_and_other_organisations_private_resources_are_not_offered(client, cast):
    principle = cast["goal"].framework_keys[0]
    withdrawn = offer(
        cast["coordinator"], cast["moorland"], "Withdrawn guide", [("principle", principle)]
    )
    withdraw_resource(actor=cast["coordinator"], resource=withdrawn)
    elsewhere = OrganisationFactory.create(name="Elsewhere")
    their_lead = person(elsewhere, "Ola Lead", Membership.Access.COORDINATOR)
    offer(their_lead, elsewhere, "Private guide from elsewhere", [("principle", principle)])
    offer(
        their_lead,
        elsewhere,
        "Public guide from elsewhere",
        [("principle", principle)],
        visibility=Resource.Visibility.PUBLIC,
    )
    client.force_login(cast["mentee"])
    page = client.get(
        reverse("relationships:goal-detail", args=[cast["goal"].uuid])
    ).content.decode()
    assert "Public guide from elsewhere" in page
    assert "Private guide from elsewhere" not in page
    assert "Withdrawn guide" not in page


def _mentees_page(client, cast) -> tuple[str, int]:
    client.force_login(cast["mentor"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("relationships:my-mentees")).content.decode()
    return page, len(queries)


def test_conversation_prompts_offer_resources_in_one_query_for_the_page(client, cast):
    for principle in keys.Principle:
        offer(cast["coordinator"], cast["moorland"], f"On {principle}", [("principle", principle)])
    page, before = _mentees_page(client, cast)
    assert ASIDE in page
    assert "On learning-conversation" in page  # always among the prompts
    for index in range(3):
        mentee = person(cast["moorland"], f"Extra Mentee {index}")
        approve(cast["programme"], mentee, "mentee")
        relationship = pair(cast["coordinator"], cast["programme"], cast["mentor"], mentee)
        if index:
            add_record(relationship, cast["mentor"], mentee)
    page, after = _mentees_page(client, cast)
    assert after == before
    assert page.count('class="resources-beside"') == 4


def test_the_review_tool_offers_resources_beside_an_outcome(client, cast):
    organisation = OrganisationFactory.create(name="Review School")
    lead = member(organisation, Membership.Access.COORDINATOR)
    outcome = make_review(organisation).outcomes.get(area="ethos")
    offer(lead, organisation, "Building a coaching ethos", [(REVIEW_OUTCOME, "ethos")])
    offer(lead, organisation, "About roles", [(REVIEW_OUTCOME, "roles")])
    client.force_login(lead)
    page = client.get(reverse("framework:outcome-edit", args=[outcome.uuid])).content.decode()
    assert "Building a coaching ethos" in page
    assert "About roles" not in page


def test_the_health_check_offers_resources_beside_weak_features_only(client, cast):
    health = health_check(cast["programme"])["features"]
    weak = [feature.key for feature in health if feature.score is not None and feature.score < 50]
    strong = [
        feature.key for feature in health if feature.score is not None and feature.score >= 50
    ]
    assert weak, "the cast's programme has a feature that needs attention"
    for key in weak:
        offer(
            cast["coordinator"], cast["moorland"], f"Help with {key}", [("effective-feature", key)]
        )
    for key in strong:
        offer(cast["coordinator"], cast["moorland"], f"More on {key}", [("effective-feature", key)])
    client.force_login(cast["coordinator"])
    page = client.get(reverse("evaluation:health", args=[cast["programme"].uuid])).content.decode()
    assert ASIDE in page
    for key in weak:
        assert f"Help with {key}" in page
    for key in strong:
        assert f"More on {key}" not in page
