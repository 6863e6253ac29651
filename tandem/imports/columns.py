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
    # A required column is also satisfied when every one of these is in the file instead
    # (a full name, or a forename and a surname).
    instead: tuple[str, ...] = ()
    # Alternatives to a template column (Forename and Surname for Full name) stay out of
    # the template and the round-trip export.
    in_template: bool = True
    instead_headings: tuple[str, ...] = ()


PEOPLE_COLUMNS = (
    Column(
        "email",
        "Email",
        (
            "email address",
            "work email",
            "work email address",
            "e-mail",
            "e-mail address",
            "staff email",
            "staff email address",
            "school email",
            "school email address",
            "primary email",
            "primary email address",
            "email (work)",
            "business email",
        ),
        "Their work email address: how Tandem recognises them.",
        is_required=True,
    ),
    Column(
        "full_name",
        "Full name",
        ("name", "staff name", "legal name", "staff member", "employee name", "display name"),
        "Used for new people; existing accounts keep their own name. Or use Forename and "
        "Surname columns instead.",
        is_required=True,
        instead=("first_name", "last_name"),
        instead_headings=("Forename", "Surname"),
    ),
    Column(
        "first_name",
        "Forename",
        (
            "first name",
            "legal forename",
            "legal first name",
            "given name",
            "firstname",
            "forenames",
        ),
        "With Surname, instead of a Full name column.",
        in_template=False,
    ),
    Column(
        "last_name",
        "Surname",
        ("last name", "legal surname", "legal last name", "family name", "lastname"),
        "With Forename, instead of a Full name column.",
        in_template=False,
    ),
    Column(
        "preferred_name",
        "Known as",
        (
            "preferred name",
            "preferred forename",
            "preferred first name",
            "chosen name",
            "knownas",
            "nickname",
        ),
        "What colleagues call them, if not their first name.",
        in_template=False,
    ),
    Column(
        "organisation",
        "Organisation",
        ("school", "school name", "establishment", "urn", "setting", "site"),
        "Name or official identifier (URN). Blank means this organisation.",
    ),
    Column(
        "job_title",
        "Job title",
        ("post", "position", "post title", "post description", "job description", "job"),
        "",
    ),
    Column(
        "role_category",
        "Role",
        (
            "role category",
            "staff category",
            "staff role",
            "staff type",
            "category",
            "roles",
            "main role",
        ),
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
        (
            "line manager",
            "manager email",
            "line manager email address",
            "reports to",
            "manager",
        ),
        "",
    ),
    Column(
        "started_on",
        "Start date",
        (
            "started",
            "employment start",
            "employment start date",
            "date started",
            "start date in school",
            "contract start date",
            "date of joining",
            "date joined",
            "service start date",
        ),
        "For example 2025-09-01 or 01/09/2025.",
    ),
)

ENROLMENT_COLUMNS = (
    Column("email", "Email", PEOPLE_COLUMNS[0].synonyms, "", is_required=True),
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


# Headings school systems put in staff exports that Tandem does not import. Knowing them
# helps find the heading row under a title, and the page can say they were left out.
IGNORED_HEADINGS = frozenset(
    _normal(name)
    for name in (
        "staff code",
        "staff id",
        "employee number",
        "employee id",
        "payroll number",
        "teacher number",
        "teacher reference number",
        "trn",
        "title",
        "gender",
        "sex",
        "date of birth",
        "dob",
        "middle name",
        "middle names",
        "initials",
        "preferred surname",
        "leaving date",
        "end date",
        "contract type",
        "mobile",
        "mobile phone",
        "telephone",
        "department",
        "departments",
        "ni number",
        "upn",
        "id",
    )
)

# Role names common in school staff exports, and the Tandem role each usually means: offered
# as the suggestion when a file's role values are matched to Tandem's (the leader confirms).
SUGGESTED_ROLES = {
    _normal(name): role
    for role, names in {
        "teacher": (
            "class teacher",
            "teacher",
            "subject teacher",
            "main scale teacher",
            "qualified teacher",
            "upper pay scale teacher",
            "supply teacher",
            "early career teacher",
            "ect",
            "nqt",
        ),
        "trainee": ("trainee teacher", "student teacher", "itt trainee", "pgce student"),
        "middle-leader": (
            "head of department",
            "head of year",
            "head of faculty",
            "subject leader",
            "subject lead",
            "key stage leader",
            "phase leader",
            "senco",
            "middle leader",
            "curriculum leader",
        ),
        "senior-leader": (
            "deputy headteacher",
            "deputy head",
            "assistant headteacher",
            "assistant head",
            "senior leader",
            "business manager",
            "school business manager",
        ),
        "headteacher": ("headteacher", "head teacher", "principal", "executive headteacher", "ceo"),
        "support": (
            "teaching assistant",
            "ta",
            "higher level teaching assistant",
            "hlta",
            "learning support assistant",
            "lsa",
            "cover supervisor",
            "administrator",
            "admin",
            "office manager",
            "site manager",
            "technician",
            "lunchtime supervisor",
            "support staff",
        ),
        "tutor": ("tutor", "lecturer", "instructor"),
    }.items()
    for name in names
}


def suggested_role(value: str) -> str:
    """Tandem's role a common role name in a file usually means, or ""."""
    return SUGGESTED_ROLES.get(_normal(value), "")


def known_heading(text: str) -> bool:
    """Whether a cell reads like a heading of some import's column or a system's export."""
    name = _normal(text)
    return bool(name) and (name in KNOWN_HEADINGS or name in IGNORED_HEADINGS)


def ignored_headers(headers: list[str], mapping: dict[str, str]) -> list[str]:
    """The file's headings no field reads, in file order."""
    used = set(mapping.values())
    return [heading for heading in headers if heading and heading not in used]


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
    headings = {column.key: column.heading for column in columns}
    return [
        column.heading
        + (" (or " + " and ".join(headings[key] for key in column.instead) + ")")
        * bool(column.instead)
        for column in columns
        if column.is_required
        and not mapping.get(column.key)
        and not (column.instead and all(mapping.get(key) for key in column.instead))
    ]


KNOWN_HEADINGS = frozenset(
    _normal(name)
    for columns in COLUMNS.values()
    for column in columns
    for name in (column.heading, column.key, *column.synonyms)
)
