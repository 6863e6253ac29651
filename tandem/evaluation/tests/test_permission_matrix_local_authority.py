"""A local authority's overview of its schools' programmes × every role, and the proof that
the authority's coordinator, who sees the school's programme in outline, still gets 404 on
everything confidential in it: conversations, notes, goals, the agreement and the
relationship itself (DESIGN.md confidentiality model; tandem.testing.matrix)."""

from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    every_case,
    not_allowed,
    url_to,
)
from tandem.testing.schemes import SCHEME_ROLES, build_schemes_cast

ROLES = SCHEME_ROLES
cast_for_module = build_once(build_schemes_cast)

NOBODY_ELSE = dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN}
RECORD_MEMBERS = NOBODY_ELSE | {"mentee": 200, "mentor": 200}


def _record(name, key):
    return url_to(f"relationships:{name}", key)


LOCAL_AUTHORITY_CASES = [
    ViewCase(
        "evaluation:schools-overview",
        url_to("evaluation:schools-overview", "authority"),
        NOBODY_ELSE | {"la_coordinator": 200, "la_member": 403},
    ),
    ViewCase(
        "evaluation:schools-overview",
        url_to("evaluation:schools-overview", "authority"),
        not_allowed(ROLES),
        method="post",
    ),
    # Moorland is a school, not an authority: nobody has an overview of it.
    ViewCase(
        "evaluation:schools-overview",
        url_to("evaluation:schools-overview", "moorland"),
        NOBODY_ELSE,
    ),
    ViewCase(
        "relationships:conversation-detail",
        _record("conversation-detail", "conversation"),
        RECORD_MEMBERS,
    ),
    ViewCase(
        "relationships:private-note-edit",
        _record("private-note-edit", "conversation"),
        # Each member's own private note; nobody else's.
        RECORD_MEMBERS,
    ),
    ViewCase("relationships:goal-detail", _record("goal-detail", "goal"), RECORD_MEMBERS),
    ViewCase(
        "relationships:agreement-detail",
        _record("agreement-detail", "relationship"),
        RECORD_MEMBERS,
    ),
    ViewCase(
        "relationships:relationship-detail",
        _record("relationship-detail", "relationship"),
        RECORD_MEMBERS | {"coordinator": 200},
    ),
    # The programme's own pages stay its coordinators' and members' (the authority is neither).
    ViewCase(
        "evaluation:health",
        url_to("evaluation:health", "programme"),
        # Colleagues at Moorland may know it exists (403); the authority may not (404).
        dict.fromkeys(ROLES, 403)
        | {
            "coordinator": 200,
            "leader": 200,
            "outsider": 404,
            "la_coordinator": 404,
            "la_member": 404,
            "anonymous": SIGN_IN,
        },
    ),
]


@every_case(LOCAL_AUTHORITY_CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
