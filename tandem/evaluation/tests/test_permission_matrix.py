"""Every evaluation view × every role: coordinators run it all; leaders of the programme's
organisations see aggregates (reports, survey results, the health check with at-risk
counts of people) but not the at-risk list of names;
participants answer surveys they owe; outsiders get 404 (DESIGN.md)."""

from django.urls import reverse

from tandem.evaluation.tests.cast import add_surveys
from tandem.testing.matrix import ViewCase, build_once, check_case, every_case, nobody_else, url_to
from tandem.testing.workflow import COORDINATOR_ONLY, NOT_ALLOWED, ROLES, build_cast

# Coordinators run it all; leaders see aggregates too.
AGGREGATES = COORDINATOR_ONLY | {"leader": 200}
# The baseline survey is for mentees in a relationship: Dana only.
RESPONDENT = nobody_else(ROLES) | {"mentee": 200}


def _programme(name, *extra):
    return url_to(f"evaluation:{name}", "programme", *extra)


def _survey(name):
    return lambda cast: reverse(
        f"evaluation:{name}", args=[cast["surveys"]["mentee-baseline"].uuid]
    )


CASES = [
    ViewCase("evaluation:survey-list", _programme("survey-list"), AGGREGATES),
    ViewCase("evaluation:survey-create", _programme("survey-create"), COORDINATOR_ONLY),
    ViewCase(
        "evaluation:survey-create",
        _programme("survey-create"),
        COORDINATOR_ONLY | {"coordinator": 302},
        method="post",
        data={"template_key": "check-in", "stage": "recurring", "every_weeks": 4},
    ),
    ViewCase("evaluation:health", _programme("health"), AGGREGATES),
    ViewCase("evaluation:at-risk-list", _programme("at-risk-list"), COORDINATOR_ONLY),
    ViewCase("evaluation:at-risk-list", _programme("at-risk-list"), NOT_ALLOWED, method="post"),
    ViewCase("evaluation:health", _programme("health"), NOT_ALLOWED, method="post"),
    # A coordinator's self-assessment of a Table 4.2 item: coordinators only, leaders too
    # are refused (they read the health check, they do not answer for the programme).
    ViewCase(
        "evaluation:self-assessment",
        _programme("self-assessment", "space-as-well-as-time"),
        COORDINATOR_ONLY,
    ),
    ViewCase(
        "evaluation:self-assessment",
        _programme("self-assessment", "space-as-well-as-time"),
        COORDINATOR_ONLY | {"coordinator": 302},
        method="post",
        data={"answer": "partly", "evidence": "A meeting room is booked each week."},
    ),
    ViewCase(
        "evaluation:self-assessment",
        _programme("self-assessment", "space-as-well-as-time"),
        NOT_ALLOWED,
        method="put",
    ),
    ViewCase("evaluation:report", _programme("report"), AGGREGATES),
    ViewCase(
        "evaluation:report-refresh",
        _programme("report-refresh"),
        AGGREGATES | {"coordinator": 302, "leader": 302},
        method="post",
    ),
    ViewCase("evaluation:report-refresh", _programme("report-refresh"), NOT_ALLOWED),
    ViewCase("evaluation:report-status", _programme("report-status"), AGGREGATES),
    ViewCase("evaluation:report-status", _programme("report-status"), NOT_ALLOWED, method="post"),
    ViewCase("evaluation:report-pdf", _programme("report-pdf"), AGGREGATES),
    ViewCase(
        "evaluation:report-pdf-prepare",
        _programme("report-pdf-prepare"),
        AGGREGATES | {"coordinator": 302, "leader": 302},
        method="post",
    ),
    ViewCase("evaluation:report-pdf-prepare", _programme("report-pdf-prepare"), NOT_ALLOWED),
    ViewCase("evaluation:report-csv", _programme("report-csv", "impact"), AGGREGATES),
    ViewCase("evaluation:survey-respond", _survey("survey-respond"), RESPONDENT),
    ViewCase("evaluation:survey-results", _survey("survey-results"), AGGREGATES),
    ViewCase("evaluation:survey-results-xlsx", _survey("survey-results-xlsx"), AGGREGATES),
    ViewCase(
        "evaluation:survey-results-prepare",
        _survey("survey-results-prepare"),
        AGGREGATES | {"coordinator": 302, "leader": 302},
        method="post",
    ),
    ViewCase("evaluation:survey-results-prepare", _survey("survey-results-prepare"), NOT_ALLOWED),
]


def build_evaluation_cast():
    cast = build_cast()
    return cast | {"surveys": add_surveys(cast)}


cast_for_module = build_once(build_evaluation_cast)


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)


def test_an_unknown_report_table_is_404(client, matrix_cast):
    client.force_login(matrix_cast["coordinator"])
    assert client.get(_programme("report-csv", "no-such-table")(matrix_cast)).status_code == 404
