"""Builds spreadsheet uploads for the import tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADERS = [
    "Email",
    "Full name",
    "Organisation",
    "Job title",
    "Role",
    "Tandem access",
    "Line manager email",
    "Start date",
]


def csv_upload(rows, headers=HEADERS, name="staff.csv", encoding="utf-8"):
    text = io.StringIO()
    csv.writer(text).writerows([headers, *rows])
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), "text/csv")


def xlsx_upload(rows, headers=HEADERS, name="staff.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
