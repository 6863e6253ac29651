"""The person picker: search people by name (only those the user may see), labels that tell
two people of the same name apart, and the plain page that works without JavaScript."""

import pytest
from django.urls import reverse

from tandem.accounts.models import User
from tandem.forms import person_label
from tandem.organisations.models import Membership
from tandem.organisations.selectors import with_work_details
from tandem.people.selectors import PERSON_SEARCH_LIMIT, search_people
from tandem.relationships.forms import RelationshipForm
from tandem.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProfileFactory,
)
from tandem.testing.htmx import HTMX
from tandem.testing.workflow import approve, make_programme

pytestmark = pytest.mark.django_db

SEARCH = reverse("people:person-search")


def member(organisation, name, job_title="", access=Membership.Access.MEMBER):
    user = ProfileFactory(user__full_name=name).user
    MembershipFactory(user=user, organisation=organisation, job_title=job_title, access=access)
    return user


@pytest.fixture
def schools():
    """Two Sam Smiths at Moorland and Riverside (partners), a third at Faraway (unrelated)."""
    moorland = OrganisationFactory(name="Moorland Academy")
    riverside = OrganisationFactory(name="Riverside Primary")
    faraway = OrganisationFactory(name="Faraway School")
    partnership = PartnershipMemberFactory(organisation=moorland).partnership
    PartnershipMemberFactory(organisation=riverside, partnership=partnership)
    return {
        "moorland": moorland,
        "alice": member(moorland, "Alice Coordinator", "CPD lead", Membership.Access.COORDINATOR),
        "sam_maths": member(moorland, "Sam Smith", "Maths teacher"),
        "sam_english": member(riverside, "Sam Smith", "Head of English"),
        "sam_far": member(faraway, "Sam Smith", "Science teacher"),
    }


def test_search_finds_colleagues_and_partners_but_nobody_else(schools):
    found = list(search_people(schools["alice"], "sam smi"))
    assert found == sorted([schools["sam_maths"], schools["sam_english"]], key=lambda u: u.email)
    assert schools["sam_far"] not in found


def test_labels_tell_people_of_the_same_name_apart(schools):
    labels = {person_label(user) for user in search_people(schools["alice"], "Sam")}
    assert labels == {
        f"Sam Smith — Maths teacher, Moorland Academy ({schools['sam_maths'].email})",
        f"Sam Smith — Head of English, Riverside Primary ({schools['sam_english'].email})",
    }


def test_a_label_without_work_details_still_has_the_email(schools):
    assert person_label(schools["sam_far"]) == f"Sam Smith ({schools['sam_far'].email})"


def test_one_letter_finds_nobody_and_says_to_type_more(client, schools):
    client.force_login(schools["alice"])
    assert list(search_people(schools["alice"], "s")) == []
    page = client.get(SEARCH, {"q": "s"}, **HTMX).content.decode()
    assert "Type at least two letters" in page


def test_htmx_gets_the_results_with_add_buttons(client, schools):
    client.force_login(schools["alice"])
    response = client.get(SEARCH, {"q": "smith"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.count("data-person-email=") == 2
    assert "Head of English, Riverside Primary" in html
    assert schools["sam_far"].email not in html


def test_without_javascript_the_search_is_a_page_of_its_own(client, schools):
    client.force_login(schools["alice"])
    page = client.get(SEARCH, {"q": "smith"}).content.decode()
    assert "<h1>Find a person</h1>" in page
    assert "Maths teacher" in page
    assert schools["sam_far"].email not in page
    nobody = client.get(SEARCH, {"q": "zebedee"}).content.decode()
    assert "Nobody you work with matches" in nobody


def test_an_outsider_finds_none_of_them(client, schools):
    client.force_login(schools["sam_far"])
    page = client.get(SEARCH, {"q": "smith"}, **HTMX).content.decode()
    assert schools["sam_maths"].email not in page
    assert schools["sam_far"].email in page  # themself


def test_results_are_capped(client, schools):
    for index in range(PERSON_SEARCH_LIMIT + 5):
        member(schools["moorland"], f"Pat Many{index}")
    assert len(list(search_people(schools["alice"], "many"))) == PERSON_SEARCH_LIMIT


def test_search_runs_in_one_query_however_many_match(schools, django_assert_num_queries):
    for index in range(10):
        member(schools["moorland"], f"Pat Many{index}", "Teacher")
    with django_assert_num_queries(1):
        labels = [person_label(user) for user in search_people(schools["alice"], "many")]
    assert all("Teacher, Moorland Academy" in label for label in labels)


def test_the_invite_page_offers_the_picker(client, schools):
    programme = make_programme(schools["alice"], schools["moorland"])
    client.force_login(schools["alice"])
    page = client.get(reverse("programmes:enrolment-invite", args=[programme.uuid]))
    html = page.content.decode()
    assert 'data-picker-target="id_emails"' in html
    assert f'action="{SEARCH}"' in html
    assert "js/person-picker.js" in html


def test_pairing_tells_two_mentors_of_the_same_name_apart(schools):
    programme = make_programme(schools["alice"], schools["moorland"])
    twin = member(schools["moorland"], "Sam Smith", "Deputy head")
    approve(programme, schools["sam_maths"], "mentor")
    approve(programme, twin, "mentor")
    form = RelationshipForm(programme=programme)
    labels = [label for value, label in form.fields["supporter"].choices if value]
    assert len(labels) == 2
    assert {label.split(" (")[0] for label in labels} == {
        "Sam Smith — Maths teacher, Moorland Academy",
        "Sam Smith — Deputy head, Moorland Academy",
    }
    assert "data-filterable" in str(form["supporter"])


def test_with_work_details_adds_no_query(schools, django_assert_num_queries):
    with django_assert_num_queries(1):
        users = list(with_work_details(User.objects.filter(full_name="Sam Smith")))
    assert {user.work_organisation for user in users} == {
        "Moorland Academy",
        "Riverside Primary",
        "Faraway School",
    }
