"""The API reports a matching run as the run page does: figures, input problems, and every
mentee who could not be placed with the reason computed from the final allocation."""

from django.urls import reverse

from tandem.matching import services
from tandem.matching.tests.cast import matching_cast  # noqa: F401 - the fixture


def test_a_run_with_contradictory_required_rules_reports_everyone_and_why(
    client,
    matching_cast,  # noqa: F811 - the fixture imported above
):
    match_settings = services.get_settings(matching_cast["programme"])
    match_settings.require_region = True  # the cast's profiles record no region
    match_settings.save()
    run = services.start_run(
        actor=matching_cast["coordinator"], programme=matching_cast["programme"], mode="allocation"
    )
    client.force_login(matching_cast["coordinator"])
    body = client.get(reverse("api:match-run-detail", args=[run.uuid])).json()
    assert body["num_placed"] == 0
    assert body["status"] == "draft"
    assert any(problem.startswith("No mentee can be paired") for problem in body["problems"])
    mentees = {str(matching_cast[key].uuid) for key in ("dana", "eve", "finn")}
    assert {item["mentee"] for item in body["unplaced"]} == mentees
    assert {item["reason"] for item in body["unplaced"]} == {"no-eligible-mentor"}
    assert all("same region (a required rule)" in item["message"] for item in body["unplaced"])


def test_the_run_list_leaves_the_report_to_each_run_and_uses_bounded_queries(
    client,
    matching_cast,  # noqa: F811 - the fixture imported above
    django_assert_max_num_queries,
):
    for _number in range(3):
        services.start_run(
            actor=matching_cast["coordinator"],
            programme=matching_cast["programme"],
            mode="allocation",
        )
    client.force_login(matching_cast["coordinator"])
    # Session, user, count, page of runs.
    with django_assert_max_num_queries(6):
        body = client.get(reverse("api:match-run-list")).json()
    assert len(body["results"]) == 3
    assert "unplaced" not in body["results"][0]
    client.force_login(matching_cast["dana"])
    assert client.get(reverse("api:match-run-list")).json()["results"] == []
