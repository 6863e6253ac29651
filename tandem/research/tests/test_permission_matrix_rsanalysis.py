"""Every analysis view × every role (tandem.testing.matrix).

The research team alone learns the study exists (404 for everyone else, the organisation's
leader included). Readers see findings: themes with their anonymised quotes, suppressed
frequencies, the agreement summary and the findings report (page, PDF, Word); never what
reads from transcripts around a quote (similar passages, merge evidence, disagreements,
case summaries: 403). Changing themes and case summaries is for coders and leads.
"""

from django.urls import reverse

from tandem.research.models import CodingPass, Theme
from tandem.research.tests.cast import ROLES, build_study_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    expect,
    not_allowed,
    url_to,
)


def build_cast() -> dict:
    cast = build_study_cast()
    study = cast["study"]
    theme = Theme.objects.create(study=study, name="Time", created_by=cast["lead"])
    theme.codes.add(cast["codes"]["time"])
    theme.quotes.add(cast["segments"][0])
    CodingPass.objects.create(study=study, coder=cast["coder"], number=1, is_blind=True)
    return cast | {"theme": theme, "coach": cast["participants"]["Coach 1"]}


cast_for_module = build_once(build_cast)

NOT_ALLOWED = not_allowed(ROLES)
FINDINGS = expect(ROLES, 404, lead=200, coder=200, reader=200, anonymous=SIGN_IN)
DATA = FINDINGS | {"reader": 403}
CHANGE = DATA
CHANGE_POST = DATA | {"lead": 302, "coder": 302}


def theme_url(name: str):
    return lambda cast: reverse(name, args=[cast["study"].uuid, cast["theme"].uuid])


def case_url(cast: dict) -> str:
    return reverse("research:analysis-case-edit", args=[cast["study"].uuid, cast["coach"].uuid])


def similar_url(cast: dict) -> str:
    return reverse("research:analysis-similar", args=[cast["study"].uuid]) + "?text=time"


def segment_url(cast: dict) -> str:
    segment = cast["segments"][0]
    return reverse("research:analysis-similar", args=[cast["study"].uuid]) + (
        f"?segment={segment.uuid}"
    )


def study(name: str):
    return url_to(name, "study")


RSANALYSIS_CASES = [
    ViewCase("research:analysis-home", study("research:analysis-home"), FINDINGS),
    ViewCase("research:analysis-home", study("research:analysis-home"), NOT_ALLOWED, "post"),
    ViewCase("research:analysis-similar", similar_url, DATA),
    ViewCase("research:analysis-similar", segment_url, DATA),
    ViewCase("research:analysis-similar", similar_url, NOT_ALLOWED, "post"),
    ViewCase(
        "research:analysis-merge-suggestions", study("research:analysis-merge-suggestions"), DATA
    ),
    ViewCase("research:analysis-frequencies", study("research:analysis-frequencies"), FINDINGS),
    ViewCase(
        "research:analysis-frequencies", study("research:analysis-frequencies"), NOT_ALLOWED, "post"
    ),
    ViewCase("research:analysis-theme-list", study("research:analysis-theme-list"), FINDINGS),
    ViewCase("research:analysis-theme-create", study("research:analysis-theme-create"), CHANGE),
    ViewCase(
        "research:analysis-theme-create",
        study("research:analysis-theme-create"),
        CHANGE_POST,
        "post",
        {"name": "Belonging", "description": "Feeling part of it."},
    ),
    ViewCase("research:analysis-theme-edit", theme_url("research:analysis-theme-edit"), CHANGE),
    ViewCase(
        "research:analysis-theme-edit",
        theme_url("research:analysis-theme-edit"),
        CHANGE_POST,
        "post",
        {"name": "Time to meet"},
    ),
    ViewCase("research:analysis-theme-quotes", theme_url("research:analysis-theme-quotes"), CHANGE),
    ViewCase(
        "research:analysis-theme-quotes",
        theme_url("research:analysis-theme-quotes"),
        CHANGE_POST,
        "post",
    ),
    ViewCase(
        "research:analysis-theme-move",
        theme_url("research:analysis-theme-move"),
        CHANGE_POST,
        "post",
        {"to": "down"},
    ),
    ViewCase(
        "research:analysis-theme-move", theme_url("research:analysis-theme-move"), NOT_ALLOWED
    ),
    ViewCase("research:analysis-theme-delete", theme_url("research:analysis-theme-delete"), CHANGE),
    ViewCase(
        "research:analysis-theme-delete",
        theme_url("research:analysis-theme-delete"),
        CHANGE_POST,
        "post",
    ),
    ViewCase("research:analysis-agreement", study("research:analysis-agreement"), FINDINGS),
    ViewCase("research:analysis-disagreements", study("research:analysis-disagreements"), DATA),
    ViewCase("research:analysis-case-list", study("research:analysis-case-list"), DATA),
    ViewCase("research:analysis-case-edit", case_url, CHANGE),
    ViewCase(
        "research:analysis-case-edit",
        case_url,
        CHANGE_POST,
        "post",
        {
            "path_into_scheme": "Asked by a head of department.",
            "practice_change": "More open questions.",
        },
    ),
    ViewCase("research:analysis-report", study("research:analysis-report"), FINDINGS),
    ViewCase("research:analysis-report-pdf", study("research:analysis-report-pdf"), FINDINGS),
    ViewCase("research:analysis-report-docx", study("research:analysis-report-docx"), FINDINGS),
    ViewCase(
        "research:analysis-report-docx", study("research:analysis-report-docx"), NOT_ALLOWED, "post"
    ),
]


@every_case(RSANALYSIS_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
