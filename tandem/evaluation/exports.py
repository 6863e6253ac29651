"""The report as CSV (one table per file), survey results as XLSX (one sheet per question),
and the report as a PDF a coordinator can hand to leaders.
Both take the report's already-suppressed tables (tables.suppress_small_groups)."""

from django.template.loader import render_to_string

from tandem.evaluation.health import FeatureScore
from tandem.evaluation.reports import Report
from tandem.evaluation.tables import Table
from tandem.pdfs import render_pdf
from tandem.spreadsheets import csv_bytes, xlsx_bytes


def table_rows(table: Table) -> list[list[object]]:
    return [list(table.columns), *([row.label, *row.values] for row in table.rows)]


def table_csv(table: Table) -> bytes:
    """One table as CSV (UTF-8 with BOM, for Excel)."""
    return csv_bytes(table_rows(table))


def tables_xlsx(tables: list[Table]) -> bytes:
    """Several tables as a workbook with one sheet each (a CSV file holds only one table):
    the sheet is named after the table, and its first row repeats the full title."""
    return xlsx_bytes(
        (f"{number} {table.title}", [[table.title], *table_rows(table)])
        for number, table in enumerate(tables, start=1)
    )


def report_pdf(report: Report, features: list[FeatureScore]) -> bytes:
    html = render_to_string(
        "evaluation/report_pdf.html",
        {"report": report, "programme": report.programme, "features": features},
    )
    return render_pdf(html)
