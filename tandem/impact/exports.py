"""The case study as a document in the REF shape: DOCX (python-docx) and a tagged PDF
(tandem.pdfs). Both hold the same content: the title and organisations, then the five
sections, with section 3 listing the underpinning outputs and section 5 the verified
corroborating sources."""

import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from docx import Document

from tandem.impact.models import (
    CaseSection,
    CorroboratingSource,
    ImpactCaseStudy,
    ResearchOutput,
    SectionKind,
)
from tandem.pdfs import render_pdf_counting_pages

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class CaseDocument:
    case: ImpactCaseStudy
    organisations: str
    sections: list[CaseSection]
    outputs: list[ResearchOutput]
    sources: list[CorroboratingSource]  # verified only


def reference(output: ResearchOutput) -> str:
    """One reference: authors (year) title. Venue. DOI; then its type."""
    parts = [f"{output.authors} ({output.published_on.year}) {output.title}."]
    if output.venue:
        parts.append(f"{output.venue}.")
    if output.doi:
        parts.append(f"https://doi.org/{output.doi}")
    return " ".join(parts)


def source_line(source: CorroboratingSource) -> str:
    giver = f", given by {source.giver_name}" if source.giver_name else ""
    return f"{source.title} ({source.get_kind_display().lower()}{giver})"


def gather(case: ImpactCaseStudy) -> CaseDocument:
    partners = [organisation.name for organisation in case.partner_organisations.all()]
    organisations = ", ".join([case.lead_organisation.name, *partners])
    if case.partnership:
        organisations += f" ({case.partnership.name})"
    return CaseDocument(
        case=case,
        organisations=organisations,
        sections=sorted(case.sections.all(), key=lambda s: SectionKind.values.index(s.kind)),
        outputs=list(case.outputs.all()),
        sources=list(case.sources.filter(status=CorroboratingSource.Status.VERIFIED)),
    )


def build_docx(document: CaseDocument) -> bytes:
    docx = Document()
    docx.core_properties.title = document.case.title
    docx.core_properties.language = "en-GB"
    docx.add_heading(document.case.title, level=0)
    docx.add_paragraph(f"Submitting organisations: {document.organisations}")
    for section in document.sections:
        docx.add_heading(section.get_kind_display(), level=1)
        for paragraph in section.text.split("\n\n"):
            if paragraph.strip():
                docx.add_paragraph(paragraph.strip())
        if section.kind == SectionKind.REFERENCES:
            for output in document.outputs:
                docx.add_paragraph(reference(output), style="List Number")
        if section.kind == SectionKind.SOURCES:
            for source in document.sources:
                docx.add_paragraph(source_line(source), style="List Number")
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def build_pdf(document: CaseDocument) -> tuple[bytes, int]:
    """The PDF and its number of pages, for the page-limit check."""
    html = render_to_string(
        "impact/case_pdf.html",
        {
            "document": document,
            "references": [reference(output) for output in document.outputs],
            "sources": [source_line(source) for source in document.sources],
        },
    )
    return render_pdf_counting_pages(html)
