"""End to end, a small study in the shape of seed 001 (issue 20's "done when"): Moorland
Academy evaluates its peer-coaching scheme with three strands (peer coaches, service
users, key managers) and two coders who coded the interviews blind. A coder compares a
passage with what is already coded, reads code frequencies by strand, builds a theme from
a code with a supporting quote, checks agreement between the two coders, writes a
participant's case summary, and a reader downloads the findings report as PDF and Word.
Every page is checked with axe for WCAG 2.2 AA.

The study is set up with the ORM (study, strands, participants, documents, passes and
segments); after merging, the integrator may drive that set-up through the study and
coding pages instead.
"""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument
from playwright.sync_api import expect
from pypdf import PdfReader

from tandem.research.models import CaseSummary, CodedSegment, CodingPass, Theme
from tandem.research.tests.cast import build_study_cast
from tandem.testing.browser import assert_accessible, console_errors, sign_in, switch_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def study_cast(db):
    cast = build_study_cast()
    study, lead, coder = cast["study"], cast["lead"], cast["coder"]
    time = cast["codes"]["time"]
    # Rhea (lead) and Cole (coder) have coded the peer coach's and the user's interviews
    # blind, and finished (an open blind pass would hide similar passages from them).
    finished = {"is_blind": True, "finished_at": timezone.now()}
    blind = {
        lead: CodingPass.objects.create(study=study, coder=lead, number=2, **finished),
        coder: CodingPass.objects.create(study=study, coder=coder, number=1, **finished),
    }
    for user, pseudonym, needle in [
        (lead, "Coach 1", "we never had protected time"),
        (lead, "Coach 1", "Listening without judging"),
        (lead, "User 1", "often met after school"),
        (coder, "Coach 1", "Time is the real problem"),
        (coder, "User 1", "Time was hard to find"),
    ]:
        document = cast["documents"][pseudonym]
        start = document.text.index(needle)
        CodedSegment.objects.create(
            document=document,
            code=time,
            start=start,
            end=start + len(needle),
            coder=user,
            coding_pass=blind[user],
        )
    return cast


def test_a_peer_scheme_study_from_comparison_to_the_findings_report(page, live_server, study_cast):
    study, coder = study_cast["study"], study_cast["coder"]
    errors = console_errors(page)
    base = live_server.url

    # Constant comparison: a passage being coded finds the coded passages about time.
    sign_in(page, live_server, coder)
    page.goto(base + reverse("research:analysis-home", args=[study.uuid]))
    assert_accessible(page)
    page.get_by_role("link", name="Similar passages").first.click()
    page.get_by_label("Passage to compare").fill("There is never protected time to meet")
    page.get_by_role("button", name="Find similar passages").click()
    results = page.locator("#similar-results")
    expect(results.get_by_role("heading", name="Most similar passages")).to_be_visible()
    expect(results.get_by_text("Manager 1, Key managers").first).to_be_visible()
    expect(results.get_by_role("heading", name="Suggested codes")).to_be_visible()
    assert_accessible(page)

    # Similarities and differences by strand (the team sees exact counts).
    page.get_by_role("link", name="Frequencies").click()
    table = page.get_by_role("table", name="Codes by strand")
    expect(table.get_by_role("columnheader", name="Key managers")).to_be_visible()
    expect(table.get_by_role("row", name="Protected time")).to_contain_text("8 / 3 / 3")
    assert_accessible(page)

    # A theme from a code, with a quote.
    page.get_by_role("link", name="Themes").click()
    page.get_by_role("link", name="Add a theme").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Time has to be protected")
    page.get_by_label("The theme's account").fill("Every strand said the sessions need time.")
    page.get_by_label("Protected time", exact=True).check()
    page.get_by_role("button", name="Save the theme").click()
    expect(page.get_by_text("Now choose its quotes.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Time is the real problem", exact=False).first.check()
    page.get_by_role("button", name="Save the quotes").click()
    theme_section = page.get_by_role("region", name="Time has to be protected")
    expect(theme_section.get_by_text("Coach 1, Peer coaches").first).to_be_visible()
    assert_accessible(page)
    assert Theme.objects.get().quotes.count() == 1

    # Agreement between the two coders, and the disagreements to discuss.
    page.get_by_role("link", name="Agreement").click()
    agreement = page.get_by_role("table", name="Agreement per code")
    expect(agreement.get_by_role("row", name="Protected time")).to_be_visible()
    expect(page.get_by_text("2 coders (Cole Coder, Rhea Researcher)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Disagreements to discuss").click()
    expect(page.get_by_text("Listening without judging was the hardest part.")).to_be_visible()
    assert_accessible(page)

    # A biographical case summary of the peer coach.
    page.get_by_role("link", name="Case summaries").click()
    assert_accessible(page)
    page.get_by_role("link", name="Write the summary of Coach 1").click()
    page.get_by_label("How they came to the scheme").fill("Asked by the head of department.")
    page.get_by_label("How their practice changed").fill("Asks more open questions in lessons.")
    page.get_by_label("Time is the real problem", exact=False).first.check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the summary").click()
    expect(page.get_by_text("Case summary of Coach 1 saved.")).to_be_visible()
    assert CaseSummary.objects.get().quotes.count() == 1

    # A reader downloads the findings report.
    switch_user(page, live_server, study_cast["reader"])
    page.goto(base + reverse("research:analysis-report", args=[study.uuid]))
    expect(page.get_by_role("heading", name="Time has to be protected")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    pdf_path = pdf_download.value.path()
    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf_path)).pages).split())
    assert "Time has to be protected" in pdf_text
    assert "Coach 1, Peer coaches" in pdf_text
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Download the report (Word)").click()
    word = WordDocument(io.BytesIO(docx_download.value.path().read_bytes()))
    word_text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "3 consenting participants in 3 strands" in word_text
    assert "Pia Participant" not in word_text + pdf_text
    assert errors == []
