"""End to end (seed 000's three tasks): a researcher lead starts an impact case study with
a practice partner's academy, picks a measured effect from the programme's data as a
candidate impact, adds an underpinning output, takes a testimonial from requested to
verified and attaches the programme's report as verified evidence, writes the sections
watching the live word counts, and exports DOCX and PDF, whose text is read back. Every
page is checked with axe."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from tandem.evaluation.models import ReportSnapshot
from tandem.impact.models import CorroboratingSource, ImpactCaseStudy
from tandem.impact.tests.cast import FINGERPRINT, impact_table
from tandem.organisations.choices import Region
from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment
from tandem.testing.browser import assert_accessible, fill_date, sign_in
from tandem.testing.factories import MembershipFactory, OrganisationFactory
from tandem.testing.workflow import approve, make_programme, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Training mentors to ask open questions changed how Riverside mentors new teachers."
RESEARCH = "Three peer-reviewed studies showed that trained mentors ask more open questions."
DETAILS = "Riverside Academy adopted reflective mentoring; mentees' confidence rose."


@pytest.fixture
def world(db):
    university = OrganisationFactory(name="Mersey University", region=Region.NORTH_WEST)
    academy = OrganisationFactory(name="Riverside Academy", region=Region.NORTH_WEST)
    lead = person(university, "Rhea Researcher", Membership.Access.COORDINATOR)
    MembershipFactory(user=lead, organisation=academy, access=Membership.Access.COORDINATOR)
    programme = make_programme(
        lead,
        academy,
        name="Riverside reflective mentoring",
        starts_on=dt.date(2016, 9, 1),
        ends_on=dt.date(2017, 7, 31),
    )
    for number in range(6):
        approve(programme, person(academy, f"Participant {number}"), Enrolment.Role.MENTEE)
    snapshot = ReportSnapshot.objects.create(
        programme=programme,
        tables=[impact_table()],
        fingerprint=FINGERPRINT,
        computed_at=dt.datetime(2019, 7, 20, 9, 0, tzinfo=dt.UTC),
    )
    return {"lead": lead, "snapshot": snapshot}


def _back_to_case(page):
    page.get_by_role("link", name="Back to Reflective mentoring in Riverside").click()


def test_a_lead_builds_and_exports_an_impact_case_study(page, live_server, world):
    sign_in(page, live_server, world["lead"])
    page.goto(f"{live_server.url}/impact/")
    assert_accessible(page)

    # Start the case: REF 2021's windows and limits are already filled in.
    page.get_by_role("link", name="Start a case study").click()
    page.get_by_label("Title").fill("Reflective mentoring in Riverside")
    page.get_by_label("Lead organisation").select_option(label="Mersey University")
    page.get_by_label("Partner organisations").select_option(label="Riverside Academy")
    expect(page.get_by_label("Words for 1. Summary of the impact")).to_have_value("100")
    assert_accessible(page)
    page.get_by_role("button", name="Start the case study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflective mentoring in Riverside")
    assert_accessible(page)

    # Identify the case: a measured effect from the programme's stored report.
    page.get_by_role("link", name="Find candidate impacts in Tandem's data").click()
    expect(page.get_by_text("95% interval 0.62 to 1.58")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "button", name=re.compile(r"^Add to the case\W+Effect measured in Riverside")
    ).click()
    expect(page.get_by_role("cell", name="Effect measured", exact=True)).to_be_visible()

    # Research quality: an underpinning output, its DOI first mistyped.
    page.get_by_role("link", name="Add an output").click()
    page.get_by_label("Title").fill("Mentor training and open questions")
    page.get_by_label("Authors").fill("Researcher, R.")
    fill_date(page, "Date published", dt.date(2014, 5, 1))
    page.get_by_label("Journal, publisher or venue").fill("Journal of Mentoring Studies")
    page.get_by_label("DOI").fill("1234/jms.2014.001")
    page.get_by_label("Quality statement").fill("Peer reviewed; funded by a research council.")
    page.get_by_role("button", name="Save output").click()
    expect(page.get_by_role("alert")).to_contain_text("A DOI starts with 10.")
    expect(page.get_by_label("Title")).to_have_value("Mentor training and open questions")
    assert_accessible(page)
    page.get_by_label("DOI").fill("10.1234/jms.2014.001")
    page.get_by_role("button", name="Save output").click()
    expect(page.get_by_role("cell", name="10.1234/jms.2014.001")).to_be_visible()

    # Evidence of impact: a testimonial from requested to verified.
    page.get_by_role("link", name="Add a source").click()
    page.get_by_label("Title").fill("Letter from the head teacher")
    page.get_by_label("Given by").fill("Harriet Head")
    page.get_by_role("button", name="Save source").click()
    expect(page.get_by_text("Status: Requested")).to_be_visible()
    page.get_by_role("radio", name="Received").check()
    page.get_by_role("button", name="Save status").click()
    expect(page.get_by_text("Status: Received")).to_be_visible()
    page.get_by_role("radio", name="Verified").check()
    page.get_by_role("button", name="Save status").click()
    expect(page.get_by_role("alert")).to_contain_text("Say how the source was verified")
    assert_accessible(page)
    page.get_by_role("radio", name="Verified").check()
    page.get_by_label("How it was verified").fill("Confirmed by telephone with the head.")
    page.get_by_role("button", name="Save status").click()
    expect(page.get_by_text("Status: Verified")).to_be_visible()
    assert_accessible(page)

    # The programme's report as verified evidence.
    _back_to_case(page)
    page.get_by_role("link", name="Attach a Tandem programme report").click()
    assert_accessible(page)
    page.get_by_role("button", name="Attach as verified evidence").click()
    expect(
        page.get_by_role("link", name="Tandem programme report: Riverside reflective mentoring")
    ).to_be_visible()
    case = ImpactCaseStudy.objects.get(title="Reflective mentoring in Riverside")
    attached = CorroboratingSource.objects.get(case=case, snapshot=world["snapshot"])
    assert attached.snapshot_fingerprint == FINGERPRINT

    # Draft: the live word count, over the limit and back.
    page.get_by_role("link", name="1. Summary of the impact").click()
    box = page.get_by_label("1. Summary of the impact")
    box.fill(" ".join(["word"] * 103))
    expect(page.locator("#impact-count")).to_have_text(
        "Over the limit: 103 words: 3 over the limit of 100."
    )
    box.fill(SUMMARY)
    expect(page.locator("#impact-count")).to_have_text("12 of 100 words.")
    assert_accessible(page)
    page.get_by_role("button", name="Save this section").click()
    expect(page.get_by_text("Saved as version 1. 12 of 100 words.")).to_be_visible()
    for name, text in (
        ("2. Underpinning research", RESEARCH),
        ("4. Details of the impact", DETAILS),
    ):
        _back_to_case(page)
        page.get_by_role("link", name=name).click()
        page.get_by_label(name).fill(text)
        page.get_by_role("button", name="Save this section").click()
        expect(page.get_by_text("Saved as version 1.")).to_be_visible()

    # Export: the page count against the limit, then both documents read back.
    _back_to_case(page)
    page.get_by_role("link", name="Export to DOCX or PDF").click()
    expect(page.get_by_text("The PDF runs to 1 page of the 5 allowed.")).to_be_visible()
    assert_accessible(page)
    texts = {}
    for name, suffix in (("Word document", "docx"), ("PDF", "pdf")):
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Download as a {name}").click()
        assert download.value.suggested_filename.endswith(f".{suffix}")
        content = open(download.value.path(), "rb").read()  # noqa: PTH123, SIM115
        if suffix == "docx":
            texts[suffix] = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
        else:
            pages = PdfReader(io.BytesIO(content)).pages
            texts[suffix] = " ".join(" ".join(p.extract_text().split()) for p in pages)
    for text in texts.values():
        for body in (SUMMARY, RESEARCH, DETAILS):
            assert body in text
        assert "Letter from the head teacher" in text
        assert "Tandem programme report: Riverside reflective mentoring" in text
        assert "Mentor training and open questions" in text
