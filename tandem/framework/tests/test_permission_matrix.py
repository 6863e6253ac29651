"""Every framework view × every role (see tandem.testing.matrix)."""

from django.urls import reverse

from tandem.framework.tests.cast import build_cast
from tandem.testing.matrix import SIGN_IN, ViewCase, build_once, check_case, every_case

ROLES = ["lead", "reviewer", "member", "outsider", "staff", "anonymous"]
EVERYONE = dict.fromkeys(ROLES, 200) | {"anonymous": SIGN_IN}
NOBODY = dict.fromkeys(ROLES, 405)


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


def _url(name, object_name=None, *args):
    if object_name is None:
        return lambda cast: reverse(name, args=args)
    return lambda cast: reverse(name, args=[cast[object_name].uuid])


CASES = [
    ViewCase("framework:home", _url("framework:home"), EVERYONE),
    ViewCase("framework:home", _url("framework:home"), NOBODY, method="post"),
    ViewCase("framework:glance-detail", _url("framework:glance-detail", None, "leaders"), EVERYONE),
    ViewCase("framework:glance-detail", _url("framework:glance-detail", None, "mentees"), EVERYONE),
    ViewCase(
        "framework:glance-detail",
        _url("framework:glance-detail", None, "governors"),
        dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN},
    ),
    ViewCase("framework:concept-comparison", _url("framework:concept-comparison"), EVERYONE),
    ViewCase(
        "framework:item-search", lambda cast: reverse("framework:item-search") + "?q=time", EVERYONE
    ),
    ViewCase("framework:item-list", _url("framework:item-list", None, "principle"), EVERYONE),
    ViewCase(
        "framework:item-list",
        _url("framework:item-list", None, "nonsense"),
        dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN},
    ),
    ViewCase(
        "framework:item-detail",
        _url("framework:item-detail", None, "principle", "learning-agreement"),
        EVERYONE,
    ),
    ViewCase("framework:review-list", _url("framework:review-list"), EVERYONE),
    ViewCase("framework:review-list", _url("framework:review-list"), NOBODY, method="post"),
    ViewCase(
        "framework:review-create",
        _url("framework:review-create", "institute"),
        only(200, 403),
    ),
    ViewCase(
        "framework:review-create",
        _url("framework:review-create", "institute"),
        only(302, 403),
        method="post",
        data={"core_concept": "specialist-coaching"},
    ),
    ViewCase(
        "framework:reviewer-list", _url("framework:reviewer-list", "institute"), only(200, 403)
    ),
    ViewCase(
        "framework:reviewer-remove",
        _url("framework:reviewer-remove", "other_reviewer"),
        only(302, 403),
        method="post",
    ),
    ViewCase(
        "framework:reviewer-remove", _url("framework:reviewer-remove", "other_reviewer"), NOBODY
    ),
    ViewCase("framework:review-detail", _url("framework:review-detail", "review"), only(200)),
    ViewCase("framework:review-detail", _url("framework:review-detail", "completed"), only(200)),
    ViewCase(
        "framework:review-complete",
        _url("framework:review-complete", "review"),
        only(302, 403),
        method="post",
    ),
    ViewCase(
        "framework:review-complete",
        _url("framework:review-complete", "completed"),
        only(403),
        method="post",
    ),
    ViewCase("framework:review-complete", _url("framework:review-complete", "review"), NOBODY),
    ViewCase(
        "framework:review-next-cycle",
        _url("framework:review-next-cycle", "completed"),
        only(302, 403),
        method="post",
    ),
    ViewCase(
        "framework:review-next-cycle", _url("framework:review-next-cycle", "completed"), NOBODY
    ),
    ViewCase("framework:review-progress", _url("framework:review-progress", "review"), only(200)),
    ViewCase("framework:review-csv", _url("framework:review-csv", "review"), only(200)),
    ViewCase("framework:review-pdf", _url("framework:review-pdf", "completed"), only(200)),
    ViewCase("framework:outcome-edit", _url("framework:outcome-edit", "outcome"), only(200)),
    ViewCase(
        "framework:outcome-edit",
        _url("framework:outcome-edit", "outcome"),
        only(302),
        method="post",
        data={"rating": "developing", "current_practice": "Tutors brief mentors each term."},
    ),
    ViewCase(
        "framework:outcome-edit",
        _url("framework:outcome-edit", "completed_outcome"),
        only(200),
    ),
    ViewCase(
        "framework:outcome-edit",
        _url("framework:outcome-edit", "completed_outcome"),
        only(403),
        method="post",
        data={"rating": "embedded"},
    ),
    ViewCase(
        "framework:comment-create",
        _url("framework:comment-create", "outcome"),
        only(302),
        method="post",
        data={"body": "We should ask the partner schools too."},
    ),
    ViewCase(
        "framework:comment-create",
        _url("framework:comment-create", "completed_outcome"),
        only(403),
        method="post",
        data={"body": "Too late."},
    ),
    ViewCase("framework:comment-create", _url("framework:comment-create", "outcome"), NOBODY),
    ViewCase(
        "framework:evidence-create",
        _url("framework:evidence-create", "outcome"),
        only(302),
        method="post",
        data={"title": "Programme evaluation", "url": "https://example.org/evaluation"},
    ),
    ViewCase("framework:evidence-create", _url("framework:evidence-create", "outcome"), NOBODY),
    ViewCase(
        "framework:evidence-download",
        _url("framework:evidence-download", "evidence"),
        only(200),
    ),
    ViewCase(
        "framework:action-create",
        _url("framework:action-create", "outcome"),
        only(400),
        method="post",
        data={"description": "", "due_on": "2030-02-30"},
    ),
    ViewCase(
        "framework:action-create",
        _url("framework:action-create", "completed_outcome"),
        only(403),
        method="post",
        data={},
    ),
    ViewCase("framework:action-create", _url("framework:action-create", "outcome"), NOBODY),
    ViewCase("framework:action-edit", _url("framework:action-edit", "action"), only(200)),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
