"""The report as CSV (one table per file) and as a PDF a coordinator can hand to leaders.
Both take the report's already-suppressed tables (tables.suppress_small_groups)."""

import csv
import io

from django.template.loader import render_to_string
from weasyprint import HTML

from tandem.evaluation.health import FeatureScore
from tandem.evaluation.reports import Report
from tandem.evaluation.tables import Table
from tandem.spreadsheets import neutralise


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([neutralise(value) for value in (row.label, *row.values)])
    return buffer.getvalue()


def tables_csv(title: str, tables: list[Table]) -> str:
    """Several tables in one CSV file: a title row, then each table with its own header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(title)])
    for table in tables:
        writer.writerow([])
        writer.writerow([neutralise(table.title)])
        buffer.write(table_csv(table))
    return buffer.getvalue()


def report_pdf(report: Report, features: list[FeatureScore]) -> bytes:
    html = render_to_string(
        "evaluation/report_pdf.html",
        {"report": report, "programme": report.programme, "features": features},
    )
    return HTML(string=html).write_pdf()
