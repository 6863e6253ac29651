"""Every framework view × every role (see tandem.testing.matrix)."""

from django.urls import reverse

from tandem.framework.tests.cast import build_cast
from tandem.testing import matrix
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case

ROLES = ["lead", "reviewer", "member", "outsider", "staff", "anonymous"]
EVERYONE = matrix.everyone(ROLES)
NOBODY = matrix.not_allowed(ROLES)
NOBODY_SEES = matrix.nobody_else(ROLES)


def only(lead, reviewer=None):
    """Lead and reviewer statuses; everyone else must not learn the review exists."""
    return {
        "lead": lead,
        "reviewer": lead if reviewer is None else reviewer,
        "member": 404,
        "outsider": 404,
        "staff": 404,
        "anonymous": SIGN_IN,
    }


cast_for_module = build_once(build_cast)


def _case(name, object_name, expected, *, method="get", data=None, extra=()):
    """A case for the view `name`, at the URL of the cast's `object_name` (if any) and
    any `extra` arguments."""
    return ViewCase(name, matrix.url_to(name, object_name, *extra), expected, method, data or {})


CASES = [
    _case("framework:home", None, EVERYONE),
    _case("framework:home", None, NOBODY, method="post"),
    _case("framework:glance-detail", None, EVERYONE, extra=["leaders"]),
    _case("framework:glance-detail", None, EVERYONE, extra=["mentees"]),
    _case("framework:glance-detail", None, NOBODY_SEES, extra=["governors"]),
    _case("framework:concept-comparison", None, EVERYONE),
    ViewCase(
        "framework:item-search", lambda cast: reverse("framework:item-search") + "?q=time", EVERYONE
    ),
    _case("framework:item-list", None, EVERYONE, extra=["principle"]),
    _case("framework:item-list", None, NOBODY_SEES, extra=["nonsense"]),
    _case("framework:item-detail", None, EVERYONE, extra=["principle", "learning-agreement"]),
    _case("framework:review-list", None, EVERYONE),
    _case("framework:review-list", None, NOBODY, method="post"),
    _case("framework:review-create", "institute", only(200, 403)),
    _case(
        "framework:review-create",
        "institute",
        only(302, 403),
        method="post",
        data={"core_concept": "specialist-coaching"},
    ),
    _case("framework:reviewer-list", "institute", only(200, 403)),
    _case("framework:reviewer-remove", "other_reviewer", only(302, 403), method="post"),
    _case("framework:reviewer-remove", "other_reviewer", NOBODY),
    _case("framework:review-detail", "review", only(200)),
    _case("framework:review-detail", "completed", only(200)),
    _case("framework:review-complete", "review", only(302, 403), method="post"),
    _case("framework:review-complete", "completed", only(403), method="post"),
    _case("framework:review-complete", "review", NOBODY),
    _case("framework:review-next-cycle", "completed", only(302, 403), method="post"),
    _case("framework:review-next-cycle", "completed", NOBODY),
    _case("framework:review-progress", "review", only(200)),
    _case("framework:review-csv", "review", only(200)),
    _case("framework:review-pdf", "completed", only(200)),
    _case("framework:outcome-edit", "outcome", only(200)),
    _case(
        "framework:outcome-edit",
        "outcome",
        only(302),
        method="post",
        data={"rating": "developing", "current_practice": "Tutors brief mentors each term."},
    ),
    _case("framework:outcome-edit", "completed_outcome", only(200)),
    _case(
        "framework:outcome-edit",
        "completed_outcome",
        only(403),
        method="post",
        data={"rating": "embedded"},
    ),
    _case(
        "framework:comment-create",
        "outcome",
        only(302),
        method="post",
        data={"body": "We should ask the partner schools too."},
    ),
    _case(
        "framework:comment-create",
        "completed_outcome",
        only(403),
        method="post",
        data={"body": "Too late."},
    ),
    _case("framework:comment-create", "outcome", NOBODY),
    _case(
        "framework:evidence-create",
        "outcome",
        only(302),
        method="post",
        data={"title": "Programme evaluation", "url": "https://example.org/evaluation"},
    ),
    _case("framework:evidence-create", "outcome", NOBODY),
    _case("framework:evidence-download", "evidence", only(200)),
    _case(
        "framework:action-create",
        "outcome",
        only(400),
        method="post",
        data={"description": "", "due_on": "2030-02-30"},
    ),
    _case("framework:action-create", "completed_outcome", only(403), method="post", data={}),
    _case("framework:action-create", "outcome", NOBODY),
    _case("framework:action-edit", "action", only(200)),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
