"""Every group-run view × every role (see tandem.testing.matrix).

Forming, reviewing and publishing groups is the coordinators' alone: learners and
facilitators of the programme may see it but are refused (403); strangers learn nothing
(404). A group run is never published or edited as pairs.
"""

from django.urls import reverse

from tandem.matching import services
from tandem.matching.tests.group_cast import build_group_cast
from tandem.testing.matrix import (
    ViewCase,
    build_once,
    check_case,
    coordinator_only,
    every_case,
    not_allowed,
    url_to,
)

ROLES = ["learner", "facilitator", "coordinator", "leader", "outsider", "anonymous"]
COORDINATOR_ONLY = coordinator_only(ROLES)
COORDINATOR_POST = COORDINATOR_ONLY | {"coordinator": 302}
NOT_ALLOWED = not_allowed(ROLES)
# The coordinator asks for something a group run does not offer.
COORDINATOR_404 = COORDINATOR_ONLY | {"coordinator": 404}


def build_cast() -> dict:
    cast = build_group_cast()
    cast["draft"] = services.start_group_run(
        actor=cast["coordinator"],
        programme=cast["programme"],
        choices=services.GroupChoices(min_size=3, max_size=4),
    )
    return cast | {
        "learner": cast["ivy"],  # Ivy: an approved learner, placed in the draft
        "facilitator": cast["fay"],  # Fay: an approved facilitator, leading a draft group
        "anonymous": None,
    }


cast_for_module = build_once(build_cast)
SIZES = {
    "min_size": 3,
    "max_size": 4,
    "phase_mix": "any",
    "subject_mix": "any",
    "experience_mix": "diverse",
}

GROUP_CASES = [
    ViewCase(
        "matching:groups-start", url_to("matching:groups-start", "programme"), COORDINATOR_ONLY
    ),
    ViewCase(
        "matching:groups-start",
        url_to("matching:groups-start", "programme"),
        COORDINATOR_POST,
        method="post",
        data=SIZES,
    ),
    ViewCase(
        "matching:groups-start",
        url_to("matching:groups-start", "programme"),
        NOT_ALLOWED,
        method="put",
    ),
    ViewCase("matching:run-detail", url_to("matching:run-detail", "draft"), COORDINATOR_ONLY),
    ViewCase(
        "matching:groups-publish",
        url_to("matching:groups-publish", "draft"),
        COORDINATOR_ONLY,  # the confirmation page
        method="post",
    ),
    ViewCase(
        "matching:groups-publish",
        url_to("matching:groups-publish", "draft"),
        COORDINATOR_POST,
        method="post",
        data={"confirmed": "yes"},
    ),
    ViewCase("matching:groups-publish", url_to("matching:groups-publish", "draft"), NOT_ALLOWED),
    ViewCase(
        "matching:run-publish",
        url_to("matching:run-publish", "draft"),
        COORDINATOR_404,
        method="post",
    ),
    ViewCase(
        "matching:proposal-edit",
        lambda cast: reverse("matching:proposal-edit", args=[cast["draft"].uuid, cast["ivy"].uuid]),
        COORDINATOR_404,
    ),
    ViewCase(
        "matching:run-discard",
        url_to("matching:run-discard", "draft"),
        COORDINATOR_POST,
        method="post",
    ),
]


@every_case(GROUP_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)


def test_a_one_to_one_programme_has_no_group_form(client, matrix_cast):
    programme = matrix_cast["programme"]
    programme.group_format = "one-to-one"
    programme.save(update_fields=["group_format"])
    client.force_login(matrix_cast["coordinator"])
    assert client.get(reverse("matching:groups-start", args=[programme.uuid])).status_code == 404
