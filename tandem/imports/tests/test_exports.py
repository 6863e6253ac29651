"""Exports: formula injection neutralised, and a staff export imports back unchanged."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tandem.audit.models import AuditEvent
from tandem.imports.services import set_mapping, start_import
from tandem.organisations.models import Membership
from tandem.spreadsheets import neutralise


def test_formula_prefixes_are_neutralised():
    for text in ("=1+1", "+44", "-3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == f"'{text}"
    assert neutralise("Plain") == "Plain"
    assert neutralise(None) == ""


def test_staff_export_neutralises_and_is_audited(client, cast):
    Membership.objects.filter(user=cast["mentee"]).update(job_title='=HYPERLINK("x")')
    client.force_login(cast["leader"])
    response = client.get(reverse("imports:people-export", args=[cast["moorland"].uuid, "csv"]))
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")
    assert AuditEvent.objects.filter(action="export.people", actor=cast["leader"]).exists()


def test_a_staff_export_imports_back_with_no_changes(client, cast):
    client.force_login(cast["leader"])
    response = client.get(reverse("imports:people-export", args=[cast["moorland"].uuid, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Email"
    upload = SimpleUploadedFile("people.xlsx", response.content)
    job = start_import(
        actor=cast["leader"], kind="people", upload=upload, organisation=cast["moorland"]
    )
    job = set_mapping(actor=cast["leader"], job=job, mapping=job.mapping)
    assert job.num_rejected == 0, job.report
    assert job.num_unchanged == Membership.objects.filter(organisation=cast["moorland"]).count()


def test_templates_download_in_both_formats(client, cast):
    client.force_login(cast["mentee"])
    csv_text = client.get(reverse("imports:template", args=["people", "csv"])).content
    assert csv_text.decode("utf-8-sig").startswith("Email,Full name,Organisation")
    xlsx = client.get(reverse("imports:template", args=["enrolments", "xlsx"])).content
    assert load_workbook(io.BytesIO(xlsx)).active.cell(1, 2).value == "Role"


def test_the_staff_workbook_stores_dates_as_dates_and_formula_text_without_a_visible_quote(
    client, cast
):
    membership = Membership.objects.get(user=cast["mentee"], organisation=cast["moorland"])
    Membership.objects.filter(pk=membership.pk).update(
        job_title='=HYPERLINK("x")', started_on=dt.date(2024, 9, 1)
    )
    client.force_login(cast["leader"])
    response = client.get(reverse("imports:people-export", args=[cast["moorland"].uuid, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == cast["mentee"].email)
    job_title, started_on = row[3], row[7]
    assert job_title.value == '=HYPERLINK("x")'  # as typed: no visible quote
    assert (job_title.data_type, job_title.quotePrefix) == ("s", True)  # but never run
    assert started_on.is_date
    assert started_on.value.date() == dt.date(2024, 9, 1)


def test_the_staff_csv_is_utf8_with_a_byte_order_mark(client, cast):
    client.force_login(cast["leader"])
    response = client.get(reverse("imports:people-export", args=[cast["moorland"].uuid, "csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
