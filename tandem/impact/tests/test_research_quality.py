"""Underpinning outputs and eligibility windows: DOIs checked, dates checked, outputs
and events outside their window listed, clear messages, nothing typed lost."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tandem.impact.models import ImpactCaseStudy, ResearchOutput

pytestmark = pytest.mark.django_db


def _output_data(**changes):
    data = {
        "title": "Coaching conversations in schools",
        "authors": "Researcher, R.",
        "published_on_day": "3",
        "published_on_month": "6",
        "published_on_year": "2015",
        "venue": "International Journal of Mentoring and Coaching in Education",
        "doi": "10.1108/IJMCE-09-2015-0027",
        "output_type": "article",
        "quality_statement": "Peer reviewed.",
    }
    return data | changes


def _case_data(case, **changes):
    data = {
        "title": case.title,
        "lead_organisation": case.lead_organisation_id,
        "research_starts_on_day": "1",
        "research_starts_on_month": "1",
        "research_starts_on_year": "2000",
        "research_ends_on_day": "31",
        "research_ends_on_month": "12",
        "research_ends_on_year": "2020",
        "impact_starts_on_day": "1",
        "impact_starts_on_month": "8",
        "impact_starts_on_year": "2013",
        "impact_ends_on_day": "31",
        "impact_ends_on_month": "7",
        "impact_ends_on_year": "2020",
        "summary_word_limit": "100",
        "research_word_limit": "500",
        "details_word_limit": "750",
        "max_references": "6",
        "max_sources": "10",
        "page_limit": "5",
    }
    return data | changes


def test_a_new_case_starts_with_the_ref_2021_windows_and_limits(cast):
    case = cast["case"]
    assert (case.research_starts_on, case.research_ends_on) == (
        dt.date(2000, 1, 1),
        dt.date(2020, 12, 31),
    )
    assert (case.impact_starts_on, case.impact_ends_on) == (
        dt.date(2013, 8, 1),
        dt.date(2020, 7, 31),
    )
    assert (case.summary_word_limit, case.research_word_limit, case.details_word_limit) == (
        100,
        500,
        750,
    )
    assert (case.max_references, case.max_sources, case.page_limit) == (6, 10, 5)


def test_an_output_is_recorded_with_a_doi_given_as_a_link(client, cast):
    client.force_login(cast["researcher"])
    url = reverse("impact:output-create", args=[cast["case"].uuid])
    response = client.post(url, _output_data(doi="https://doi.org/10.1108/IJMCE-09-2015-0027"))
    assert response.status_code == 302
    output = ResearchOutput.objects.get(title="Coaching conversations in schools")
    assert output.doi == "10.1108/IJMCE-09-2015-0027"
    assert output.published_on == dt.date(2015, 6, 3)


@pytest.mark.parametrize("doi", ["11.1108/abc", "10.12/abc", "10.1108", "doi 10.1108/x"])
def test_a_malformed_doi_is_refused_and_the_form_keeps_what_was_typed(client, cast, doi):
    client.force_login(cast["lead"])
    url = reverse("impact:output-create", args=[cast["case"].uuid])
    response = client.post(url, _output_data(doi=doi))
    page = response.content.decode()
    assert response.status_code == 200
    assert "A DOI starts with 10., then at least 4 digits" in page
    assert "Coaching conversations in schools" in page  # nothing lost
    assert not ResearchOutput.objects.filter(title="Coaching conversations in schools").exists()


@time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
def test_an_output_dated_in_the_future_is_refused(client, cast):
    client.force_login(cast["lead"])
    url = reverse("impact:output-create", args=[cast["case"].uuid])
    response = client.post(url, _output_data(published_on_year="2027"))
    assert "The date published cannot be in the future" in response.content.decode()
    assert not ResearchOutput.objects.filter(title="Coaching conversations in schools").exists()


def test_outputs_and_events_outside_their_windows_are_listed(client, cast):
    client.force_login(cast["reader"])
    case = cast["case"]
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Every output is inside the research period" in page
    ResearchOutput.objects.create(
        case=case, title="An early study", authors="R.", published_on=dt.date(1998, 4, 1)
    )
    cast["event"].happened_on = dt.date(2021, 1, 5)
    cast["event"].save(update_fields=["happened_on"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert "“An early study” (1 April 1998) is outside the research period" in page
    assert "(5 January 2021) is outside the impact period" in page


def test_an_impact_event_before_the_first_output_is_flagged(client, cast):
    cast["event"].happened_on = dt.date(2013, 9, 1)
    cast["event"].save(update_fields=["happened_on"])
    client.force_login(cast["lead"])
    page = client.get(cast["case"].get_absolute_url()).content.decode()
    assert "comes before the first underpinning output (1 May 2014)" in page


def test_windows_are_editable_and_checked(client, cast):
    case = cast["case"]
    client.force_login(cast["lead"])
    url = reverse("impact:case-edit", args=[case.uuid])
    response = client.post(url, _case_data(case, research_ends_on_year="1999", title="Kept title"))
    page = response.content.decode()
    assert "The research period must end on or after the day it starts." in page
    assert "Kept title" in page
    response = client.post(url, _case_data(case, impact_starts_on_year="1999"))
    assert "The impact period cannot start before the research period" in response.content.decode()
    assert client.post(url, _case_data(case, impact_ends_on_year="2027")).status_code == 302
    assert ImpactCaseStudy.objects.get(pk=case.pk).impact_ends_on == dt.date(2027, 7, 31)


def test_a_case_is_started_with_its_lead_and_five_sections(client, cast):
    client.force_login(cast["reader"])
    response = client.post(
        reverse("impact:case-create"),
        _case_data(cast["case"], title="Peer coaching across the trust"),
    )
    case = ImpactCaseStudy.objects.get(title="Peer coaching across the trust")
    assert response["Location"] == case.get_absolute_url()
    assert list(case.team.values_list("user", "role")) == [(cast["reader"].pk, "lead")]
    assert case.sections.count() == 5


def test_a_case_cannot_be_led_by_an_organisation_one_does_not_belong_to(client, cast):
    client.force_login(cast["outsider"])
    response = client.post(
        reverse("impact:case-create"), _case_data(cast["case"], title="Not mine")
    )
    assert "Select a valid choice" in response.content.decode()
    assert not ImpactCaseStudy.objects.filter(title="Not mine").exists()
