"""The findings report for committees and a symposium: the themes with anonymised quotes
(pseudonym and strand, never a name), and a method statement computed from the data.

One `FindingsReport` feeds the page, the PDF (tandem.pdfs, WeasyPrint) and the Word
document (python-docx), so all three say the same. It is an export: its frequency table is
suppressed (distinct participants, fewer than 5 hidden), whoever asks for it.
"""

import io
from dataclasses import dataclass

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document as WordDocument
from docx.document import Document as DocxDocument

from tandem.evaluation.tables import fmt
from tandem.pdfs import render_pdf
from tandem.research import reliability
from tandem.research.models import CodingPass, Study
from tandem.research.selectors import analysable_documents, analysable_segments
from tandem.research.services import analysis


@dataclass(frozen=True)
class Quote:
    text: str
    pseudonym: str
    strand: str

    @property
    def attribution(self) -> str:
        return f"{self.pseudonym}, {self.strand}" if self.strand else self.pseudonym


@dataclass(frozen=True)
class ThemeSection:
    name: str
    account: str
    codes: tuple[str, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class MethodStatement:
    strands: tuple[tuple[str, int], ...]  # (strand, consenting participants)
    num_participants: int
    num_documents: int
    num_passes: int
    num_blind_passes: int
    num_coders: int
    num_codes: int
    kappa: str
    alpha: str
    agreement_note: str

    def sentences(self) -> list[str]:
        strands = "; ".join(f"{name}: {n}" for name, n in self.strands) or "none"
        participants = (
            f"{self.num_participants} consenting participants in {len(self.strands)} "
            f"strands ({strands})."
        )
        documents = (
            f"{self.num_documents} documents analysed, read in {self.num_passes} coding "
            f"passes by {self.num_coders} coders, with {self.num_codes} codes applied."
        )
        blind = (
            f"{self.num_blind_passes} passes were blind, for measuring agreement between "
            f"coders. {self.agreement_note}"
        )
        return [participants, documents, blind]


@dataclass(frozen=True)
class FindingsReport:
    study: Study
    made_on: str
    method: MethodStatement
    themes: tuple[ThemeSection, ...]
    agreement: reliability.ReliabilityReport
    frequencies: analysis.FrequencyTable


def _quote(segment: object) -> Quote:
    participant = segment.document.participant  # type: ignore[attr-defined]
    return Quote(
        text=segment.quote.strip(),  # type: ignore[attr-defined]
        pseudonym=participant.pseudonym if participant else "Research team's notes",
        strand=participant.strand.name if participant else "",
    )


def method_statement(study: Study, agreement: reliability.ReliabilityReport) -> MethodStatement:
    strands = tuple(analysis.consenting_count_by_strand(study))
    segments = analysable_segments(study)
    passes = CodingPass.objects.filter(study=study, segments__in=segments.values("pk")).distinct()
    figures = passes.aggregate(n=Count("pk", distinct=True), coders=Count("coder", distinct=True))
    blind = passes.filter(is_blind=True).count()
    if agreement.reason:
        note = f"Agreement not computable: {agreement.reason}"
    else:
        note = (
            f"Mean Cohen's kappa across codes {fmt(agreement.mean_kappa)}; mean "
            f"Krippendorff's alpha {fmt(agreement.mean_alpha)} ({len(agreement.coders)} "
            f"coders, {agreement.num_units} units in {agreement.num_documents} documents)."
        )
    return MethodStatement(
        strands=strands,
        num_participants=sum(n for _, n in strands),
        num_documents=analysable_documents(study).count(),
        num_passes=figures["n"],
        num_blind_passes=blind,
        num_coders=figures["coders"],
        num_codes=segments.values("code_id").distinct().count(),
        kappa=fmt(agreement.mean_kappa),
        alpha=fmt(agreement.mean_alpha),
        agreement_note=note,
    )


def build_report(study: Study) -> FindingsReport:
    agreement = reliability.study_reliability(study)
    themes = tuple(
        ThemeSection(
            name=theme.name,
            account=theme.description,
            codes=tuple(code.name for code in theme.codes.all()),
            quotes=tuple(_quote(segment) for segment in quotes),
        )
        for theme, quotes in analysis.themes_with_quotes(study)
    )
    return FindingsReport(
        study=study,
        made_on=timezone.localdate().strftime("%-d %B %Y"),
        method=method_statement(study, agreement),
        themes=themes,
        agreement=agreement,
        frequencies=analysis.code_frequencies(study, analysis.STRAND, exact=False),
    )


def report_pdf(report: FindingsReport) -> bytes:
    html = render_to_string("research/rsanalysis/report_pdf.html", {"report": report})
    return render_pdf(html)


def report_docx(report: FindingsReport) -> bytes:
    document = WordDocument()
    document.core_properties.title = f"Findings: {report.study.title}"
    document.core_properties.language = "en-GB"
    document.add_heading(f"Findings: {report.study.title}", level=0)
    document.add_paragraph(f"{report.study.organisation} · {report.made_on}")
    document.add_heading("Research questions", level=1)
    document.add_paragraph(report.study.research_questions)
    document.add_heading("Method", level=1)
    for sentence in report.method.sentences():
        document.add_paragraph(sentence, style="List Bullet")
    document.add_heading("Themes", level=1)
    if not report.themes:
        document.add_paragraph("No themes yet.")
    for theme in report.themes:
        document.add_heading(theme.name, level=2)
        if theme.account:
            document.add_paragraph(theme.account)
        if theme.codes:
            document.add_paragraph(f"Codes: {', '.join(theme.codes)}")
        for quote in theme.quotes:
            paragraph = document.add_paragraph(style="Quote")
            paragraph.add_run(f"“{quote.text}”")
            paragraph.add_run(f" ({quote.attribution})").italic = True
    _docx_agreement(document, report)
    _docx_frequencies(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_agreement(document: DocxDocument, report: FindingsReport) -> None:
    document.add_heading("Agreement between coders", level=1)
    agreement = report.agreement
    if agreement.reason:
        document.add_paragraph(f"Not computable: {agreement.reason}")
        return
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["Code", "Agreement", "Cohen's kappa", "Krippendorff's alpha"],
        strict=True,
    ):
        cell.text = text
    for row in agreement.codes:
        cells = table.add_row().cells
        cells[0].text = row.code.name
        cells[1].text = row.percentage.as_percent
        cells[2].text = row.kappa.display
        cells[3].text = row.alpha.display


def _docx_frequencies(document: DocxDocument, report: FindingsReport) -> None:
    document.add_heading("Codes by strand (distinct participants)", level=1)
    frequencies = report.frequencies
    table = document.add_table(rows=1, cols=len(frequencies.groups) + 2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Code", *frequencies.groups, "All"], strict=True):
        cell.text = text
    for row in frequencies.rows:
        cells = table.add_row().cells
        cells[0].text = row.code.name
        for cell, value in zip(cells[1:], [*row.cells, row.total], strict=True):
            cell.text = str(value)
    document.add_paragraph(
        "Figures about fewer than 5 people are suppressed, with another figure where needed "
        "so that none can be worked out from the total."
    )
