"""The review-and-development tool speaks the organisation's language: ITE wording
(tutors, student teachers, partner schools) for ITE providers only; schools and trusts read
about early-career teachers and their mentors; other sectors about mentees and coachees."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tandem.framework.exports import review_pdf
from tandem.framework.tests.cast import build_cast, make_review, member
from tandem.organisations.models import Membership, Organisation
from tandem.testing.factories import OrganisationFactory

ITE_WORDS = ("student teacher", "tutor", "trainee", "partner school")


@pytest.fixture
def cast(db):
    return build_cast()


def _outcome_page(client, organisation_type):
    organisation = OrganisationFactory(type=organisation_type)
    lead = member(organisation, Membership.Access.COORDINATOR)
    outcome = make_review(organisation).outcomes.get(area="ethos")
    client.force_login(lead)
    return client.get(reverse("framework:outcome-edit", args=[outcome.uuid])).content.decode()


@pytest.mark.parametrize(
    "organisation_type",
    [Organisation.Type.SCHOOL, Organisation.Type.ACADEMY_TRUST, Organisation.Type.LOCAL_AUTHORITY],
)
def test_a_school_review_speaks_of_early_career_teachers(client, cast, organisation_type):
    page = _outcome_page(client, organisation_type).lower()
    assert "early-career teachers and other colleagues being mentored or coached" in page
    assert "staff, early-career teachers and their mentors" in page
    for word in ITE_WORDS:
        assert word not in page, word


def test_a_social_care_review_speaks_of_mentees_and_coachees(client, cast):
    page = _outcome_page(client, Organisation.Type.SOCIAL_CARE).lower()
    assert "the experience of the people being mentored or coached" in page
    for word in (*ITE_WORDS, "early-career"):
        assert word not in page, word


def test_an_ite_provider_keeps_the_ite_wording(client, cast):
    client.force_login(cast["lead"])
    page = client.get(reverse("framework:outcome-edit", args=[cast["outcome"].uuid]))
    text = page.content.decode()
    assert "student teacher&#x27;s experience" in text or "student teacher's experience" in text
    assert "tutors, trainees and partner schools" in text


def test_reviewer_list_names_the_right_colleagues(client, cast):
    school = OrganisationFactory(type=Organisation.Type.SCHOOL)
    lead = member(school, Membership.Access.COORDINATOR)
    client.force_login(lead)
    page = client.get(reverse("framework:reviewer-list", args=[school.uuid])).content.decode()
    assert "Add mentors, coaches and other colleagues here" in page
    assert "tutor" not in page.lower()
    client.force_login(cast["lead"])
    page = client.get(
        reverse("framework:reviewer-list", args=[cast["institute"].uuid])
    ).content.decode()
    assert "Add tutors and other colleagues here" in page


def test_the_review_pdf_asks_the_questions_in_the_schools_words(cast):
    school = OrganisationFactory(type=Organisation.Type.SCHOOL)
    reader = PdfReader(io.BytesIO(review_pdf(make_review(school))))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "review and development" in text
    assert "student teacher" not in text
    assert "tutor" not in text.lower()
