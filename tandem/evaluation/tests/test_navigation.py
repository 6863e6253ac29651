"""Coordinators and leaders can find the evaluation pages: the programme page, the
programme list, the relationships overview and the home page link to them, each by role."""

import pytest
from django.urls import reverse

from tandem.programmes.models import Programme


def _links(programme: Programme) -> dict[str, str]:
    return {
        name: reverse(f"evaluation:{name}", args=[programme.uuid])
        for name in ("survey-list", "health", "report")
    }


@pytest.mark.django_db
class TestProgrammePage:
    def test_coordinator_sees_surveys_health_check_and_report(self, client, cast):
        client.force_login(cast["coordinator"])
        page = client.get(cast["programme"].get_absolute_url()).content.decode()
        assert all(url in page for url in _links(cast["programme"]).values())

    def test_leader_sees_the_report_survey_results_and_health_check(self, client, cast):
        links = _links(cast["programme"])
        client.force_login(cast["leader"])
        page = client.get(cast["programme"].get_absolute_url()).content.decode()
        assert links["report"] in page
        assert links["survey-list"] in page
        # The health check shows leaders counts of people only (suppressed below 5).
        assert links["health"] in page

    @pytest.mark.parametrize("role", ["mentee", "mentor", "line_manager"])
    def test_participants_and_colleagues_see_no_evaluation_links(self, client, cast, role):
        client.force_login(cast[role])
        page = client.get(cast["programme"].get_absolute_url()).content.decode()
        assert not any(url in page for url in _links(cast["programme"]).values())


@pytest.mark.django_db
class TestOtherPages:
    def test_programme_list_links_coordinators_to_health_check_and_report(self, client, cast):
        links = _links(cast["programme"])
        client.force_login(cast["coordinator"])
        page = client.get(reverse("programmes:programme-list")).content.decode()
        assert links["health"] in page
        assert links["report"] in page

    def test_overview_links_to_the_evaluation_pages(self, client, cast):
        client.force_login(cast["coordinator"])
        url = reverse("relationships:programme-overview", args=[cast["programme"].uuid])
        page = client.get(url).content.decode()
        assert all(link in page for link in _links(cast["programme"]).values())

    def test_home_lists_coordinated_programmes_with_their_evaluation_pages(self, client, cast):
        client.force_login(cast["coordinator"])
        page = client.get(reverse("home")).content.decode()
        assert all(link in page for link in _links(cast["programme"]).values())

    def test_home_gives_leaders_the_report_and_health_check_not_surveys(self, client, cast):
        links = _links(cast["programme"])
        client.force_login(cast["leader"])
        page = client.get(reverse("home")).content.decode()
        assert links["report"] in page
        assert links["health"] in page
        assert links["survey-list"] not in page

    def test_home_lists_nothing_to_evaluate_for_a_mentee(self, client, cast):
        client.force_login(cast["mentee"])
        page = client.get(reverse("home")).content.decode()
        assert "How your programmes are going" not in page

    def test_leaders_get_no_link_to_a_programme_being_set_up(self, client, cast):
        Programme.objects.filter(pk=cast["programme"].pk).update(status=Programme.Status.DRAFT)
        client.force_login(cast["leader"])
        page = client.get(reverse("home")).content.decode()
        assert _links(cast["programme"])["report"] not in page
