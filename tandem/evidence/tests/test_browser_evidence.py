"""End to end: a lead imports a RIS file, two reviewers review a source to Appendix C
independently, the moderator agrees the final review, and the synthesis for its Framework
item lists it; the CSV and PDF exports download. axe runs on every kind of page."""

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tandem.evidence import services
from tandem.organisations.models import Membership
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RIS = b"""TY  - JOUR
AU  - Child, A.
AU  - Merrill, S.
TI  - Professional mentors' perceptions of school/HEI partnerships
PY  - 2003
JO  - Journal of In-Service Education
VL  - 29
IS  - 2
SP  - 315
EP  - 324
ER  -
"""
TITLE = "Professional mentors' perceptions of school/HEI partnerships"


def _review(page: Page, methods: str) -> None:
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Your review").click()
    assert_accessible(page)
    page.get_by_label("Sector", exact=True).fill("Education")
    page.get_by_label("Participants", exact=True).fill("Professional mentors in secondary schools")
    page.get_by_label("Methods", exact=True).fill(methods)
    page.get_by_label("Effectiveness and effective elements", exact=True).fill(
        "Reflection on practice."
    )
    page.get_by_role("radio", name="Moderate:").check()
    page.get_by_label("A learning conversation", exact=True).check()
    page.get_by_role("button", name="Submit review").click()
    expect(page.get_by_text("Your review is submitted.")).to_be_visible()


def test_an_evidence_review_from_ris_import_to_synthesis(page, live_server, tmp_path):
    school = OrganisationFactory.create(name="Northfield Teaching School")
    lead = person(school, "Lena Lead", Membership.Access.COORDINATOR)
    first = person(school, "Ravi Reviewer")
    second = person(school, "Sara Second")
    base = services.create_base(actor=lead, organisation=school, title="Mentoring evidence")
    for reviewer in (first, second):
        services.add_team_member(actor=lead, base=base, user=reviewer, role="reviewer")

    sign_in(page, live_server, lead)
    page.goto(f"{live_server.url}/evidence/")
    page.get_by_role("link", name="Mentoring evidence").click()
    page.get_by_role("link", name="Add sources").click()
    assert_accessible(page)
    ris_file = tmp_path / "sources.ris"
    ris_file.write_bytes(RIS)
    page.get_by_label("RIS").check()
    page.get_by_label("Reference file").set_input_files(str(ris_file))
    page.get_by_role("button", name="Check the sources").click()
    expect(page.get_by_text("1 to add")).to_be_visible()
    expect(page.get_by_role("cell", name=TITLE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add 1 source").click()
    expect(page.get_by_text("1 source added.")).to_be_visible()
    assert_accessible(page)

    switch_user(page, live_server, first)
    page.goto(f"{live_server.url}{base.get_absolute_url()}")
    _review(page, "Survey of 55 professional mentors.")
    switch_user(page, live_server, second)
    page.goto(f"{live_server.url}{base.get_absolute_url()}")
    _review(page, "Questionnaire survey, 55 mentors in North West England.")

    switch_user(page, live_server, lead)
    page.goto(f"{live_server.url}{base.get_absolute_url()}")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Agree the final review").click()
    expect(page.locator("tr.evidence-differs")).to_have_count(1)
    assert_accessible(page)
    methods = page.get_by_role("group", name="Methods: agreed text")
    methods.get_by_label("Second reviewer's text").check()
    page.get_by_label("Moderation note").fill("Took the fuller description of the sample.")
    page.get_by_role("button", name="Record the agreed review").click()
    expect(page.get_by_text("The agreed review is recorded.")).to_be_visible()
    expect(page.get_by_text("Questionnaire survey, 55 mentors").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="learning-conversation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Evidence for A learning conversation"
    )
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}{base.get_absolute_url()}")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Agreed reviews (CSV, every Appendix C field)").click()
    csv_text = csv_download.value.path().read_text(encoding="utf-8-sig")
    assert TITLE in csv_text
    assert "Questionnaire survey, 55 mentors in North West England." in csv_text
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Summary of agreed reviews (PDF)").click()
    pdf = PdfReader(io.BytesIO(pdf_download.value.path().read_bytes()))
    pdf_text = " ".join(pdf_page.extract_text() for pdf_page in pdf.pages)
    assert "Professional mentors" in pdf_text
    assert "Strength of evidence" in pdf_text
