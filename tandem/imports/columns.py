"""The columns each import understands, and matching a file's headings to them."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    heading: str  # as written in the template file
    synonyms: tuple[str, ...]
    help: str
    is_required: bool = False


PEOPLE_COLUMNS = (
    Column(
        "email",
        "Email",
        ("email address", "work email", "e-mail", "staff email"),
        "Their work email address: how Tandem recognises them.",
        is_required=True,
    ),
    Column(
        "full_name",
        "Full name",
        ("name", "staff name", "legal name", "preferred name"),
        "Used for new people; existing accounts keep their own name.",
        is_required=True,
    ),
    Column(
        "organisation",
        "Organisation",
        ("school", "establishment", "urn", "setting"),
        "Name or official identifier (URN). Blank means this organisation.",
    ),
    Column("job_title", "Job title", ("post", "position", "post title"), ""),
    Column(
        "role_category",
        "Role",
        ("role category", "staff category", "staff role"),
        "For example Teacher, Trainee, Middle leader, Support staff.",
    ),
    Column(
        "access",
        "Tandem access",
        ("access",),
        "Member, Programme coordinator or Organisation leader. Blank means Member.",
    ),
    Column(
        "line_manager_email",
        "Line manager email",
        ("line manager", "manager email", "reports to", "manager"),
        "",
    ),
    Column(
        "started_on",
        "Start date",
        ("started", "employment start", "date started"),
        "For example 2025-09-01 or 01/09/2025.",
    ),
)

ENROLMENT_COLUMNS = (
    Column("email", "Email", ("email address", "work email", "e-mail"), "", is_required=True),
    Column(
        "role",
        "Role",
        ("programme role", "enrolment role"),
        "Mentor, Mentee or Peer (co-coach).",
        is_required=True,
    ),
)

COLUMNS = {"people": PEOPLE_COLUMNS, "enrolments": ENROLMENT_COLUMNS}


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def guess_mapping(columns: tuple[Column, ...], headers: list[str]) -> dict[str, str]:
    """Field key → the file heading that looks like it, for each column found."""
    by_name = {_normal(heading): heading for heading in headers if heading}
    mapping = {}
    for column in columns:
        for name in (column.heading, column.key, *column.synonyms):
            if _normal(name) in by_name:
                mapping[column.key] = by_name[_normal(name)]
                break
    return mapping


def missing_required(columns: tuple[Column, ...], mapping: dict[str, str]) -> list[str]:
    return [
        column.heading for column in columns if column.is_required and not mapping.get(column.key)
    ]
