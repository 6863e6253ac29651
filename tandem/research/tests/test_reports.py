"""The findings report: read back from the PDF and the Word document, it carries the
theme, an anonymised quote and the method figures, and never a participant's real name."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from tandem.audit.models import AuditEvent
from tandem.research import reports
from tandem.research.models import CodedSegment, CodingPass, Participant
from tandem.research.services import analysis
from tandem.research.tests.cast import build_study_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_study_cast()
    study, lead, coder = cast["study"], cast["lead"], cast["coder"]
    theme = analysis.save_theme(
        actor=lead,
        study=study,
        name="Protected time",
        description="Every strand said the sessions need protected time.",
        codes=[cast["codes"]["time"]],
    )
    analysis.set_theme_quotes(actor=lead, theme=theme, quotes=cast["segments"][:2])
    # Two blind coders on the coach's interview.
    document = cast["documents"]["Coach 1"]
    for coder_user, number, needles in [
        (lead, 2, ["we never had protected time", "hardest part"]),
        (coder, 1, ["Time is the real problem"]),
    ]:
        blind = CodingPass.objects.create(
            study=study, coder=coder_user, number=number, is_blind=True
        )
        for needle in needles:
            start = document.text.index(needle)
            CodedSegment.objects.create(
                document=document,
                code=cast["codes"]["time"],
                start=start,
                end=start + len(needle),
                coder=coder_user,
                coding_pass=blind,
            )
    return cast


def docx_text(content: bytes) -> str:
    document = WordDocument(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_method_statement_is_computed_from_the_data(cast):
    report = reports.build_report(cast["study"])
    method = report.method
    assert method.strands == (("Peer coaches", 1), ("Service users", 1), ("Key managers", 1))
    assert method.num_participants == 3
    assert method.num_documents == 3
    assert method.num_passes == 3
    assert method.num_blind_passes == 2
    assert method.num_coders == 2
    assert "Mean Cohen's kappa across codes" in method.agreement_note
    kappa = report.agreement.codes[0].kappa
    assert method.kappa == f"{kappa.value:.2f}"


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
def test_the_exported_report_has_theme_quote_and_method_but_no_real_name(cast, file_format):
    report = reports.build_report(cast["study"])
    if file_format == "pdf":
        text = pdf_text(reports.report_pdf(report))
    else:
        text = docx_text(reports.report_docx(report))
    flat = " ".join(text.split())
    assert "Protected time" in flat
    assert "Every strand said the sessions need protected time." in flat
    assert "Time is the real problem" in flat
    assert "Coach 1, Peer coaches" in flat
    assert "3 consenting participants in 3 strands" in flat
    assert "Peer coaches: 1; Service users: 1; Key managers: 1" in flat
    assert "2 coders" in flat
    assert report.method.kappa in flat
    for real_name in ("Pia Participant", "Sam User", "Max Manager"):
        assert real_name not in flat


def test_a_withdrawn_participant_leaves_the_report(cast):
    participant = cast["participants"]["User 1"]
    participant.consent = Participant.Consent.WITHDRAWN
    participant.save(update_fields=["consent"])
    flat = " ".join(docx_text(reports.report_docx(reports.build_report(cast["study"]))).split())
    assert "Time was hard to find" not in flat
    assert "User 1" not in flat
    assert "2 consenting participants" in flat


def test_downloads_are_audited_and_named(cast):
    client = Client()
    client.force_login(cast["reader"])
    for file_format in ("pdf", "docx"):
        url = reverse(f"research:analysis-report-{file_format}", args=[cast["study"].uuid])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="findings.{file_format}"'
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"research.findings.pdf", "research.findings.docx"} <= actions
