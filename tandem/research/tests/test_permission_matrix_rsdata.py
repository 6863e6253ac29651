"""Every rsdata view (study set-up, team, strands, participants, data, consent) × every role.

Set-up and data pages are the leads' (coders and readers 403, anyone else 404, the
organisation's leader included); a participant's own pages are theirs alone (404 for
everyone else, the study's lead included)."""

from typing import Any

from django.urls import reverse

from tandem.research.models import StudyMember
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


def build_rsdata_cast() -> dict[str, Any]:
    cast = build_study_cast()
    cast["strand"] = cast["strands"]["Peer coaches"]
    cast["participation"] = cast["participants"]["Coach 1"]
    cast["member"] = StudyMember.objects.get(study=cast["study"], user=cast["coder"])
    return cast


cast_for_module = build_once(build_rsdata_cast)

NOT_ALLOWED = not_allowed(ROLES)
EVERYONE = expect(ROLES, 200, anonymous=SIGN_IN)
LEADS = expect(ROLES, 404, lead=200, coder=403, reader=403, anonymous=SIGN_IN)
LEADS_POST = LEADS | {"lead": 302}
LEADS_BAD_POST = LEADS | {"lead": 400}
CREATORS = expect(ROLES, 404, lead=200, leader=200, anonymous=SIGN_IN)
OWN = expect(ROLES, 404, participant=200, anonymous=SIGN_IN)
OWN_POST = OWN | {"participant": 302}


def study_url(name: str, key: str | None = None) -> Any:
    if key is None:
        return url_to(name, "study")
    return lambda cast: reverse(name, args=[cast["study"].uuid, cast[key].uuid])


def participation_url(name: str) -> Any:
    return lambda cast: reverse(name, args=[cast["participation"].uuid])


RSDATA_CASES = [
    ViewCase("research:study-create", url_to("research:study-create"), CREATORS),
    ViewCase("research:study-create", url_to("research:study-create"), CREATORS, method="post"),
    ViewCase("research:study-create", url_to("research:study-create"), NOT_ALLOWED, "put"),
    ViewCase("research:study-edit", study_url("research:study-edit"), LEADS),
    ViewCase("research:study-edit", study_url("research:study-edit"), LEADS, method="post"),
    ViewCase("research:study-status", study_url("research:study-status"), LEADS_POST, "post"),
    ViewCase("research:study-status", study_url("research:study-status"), NOT_ALLOWED),
    ViewCase("research:team", study_url("research:team"), LEADS),
    ViewCase("research:team", study_url("research:team"), LEADS, method="post"),
    ViewCase(
        "research:member-role",
        study_url("research:member-role", "member"),
        LEADS_POST,
        method="post",
        data={"role": "reader"},
    ),
    ViewCase("research:member-role", study_url("research:member-role", "member"), NOT_ALLOWED),
    ViewCase("research:member-remove", study_url("research:member-remove", "member"), LEADS),
    ViewCase(
        "research:member-remove",
        study_url("research:member-remove", "member"),
        LEADS_POST,
        method="post",
    ),
    ViewCase("research:strands", study_url("research:strands"), LEADS),
    ViewCase(
        "research:strands",
        study_url("research:strands"),
        LEADS_POST,
        method="post",
        data={"name": "Governors"},
    ),
    ViewCase("research:strand-edit", study_url("research:strand-edit", "strand"), LEADS),
    ViewCase(
        "research:strand-move",
        study_url("research:strand-move", "strand"),
        LEADS_POST,
        method="post",
        data={"direction": "down"},
    ),
    ViewCase("research:strand-move", study_url("research:strand-move", "strand"), NOT_ALLOWED),
    ViewCase("research:strand-remove", study_url("research:strand-remove", "strand"), LEADS),
    ViewCase(
        "research:strand-remove",
        study_url("research:strand-remove", "strand"),
        LEADS_POST,
        method="post",
    ),
    ViewCase("research:participants", study_url("research:participants"), LEADS),
    ViewCase("research:participants", study_url("research:participants"), LEADS, method="post"),
    ViewCase(
        "research:participant-edit",
        study_url("research:participant-edit", "participation"),
        LEADS,
    ),
    ViewCase(
        "research:participant-import-records",
        study_url("research:participant-import-records", "participation"),
        LEADS_POST,
        method="post",
    ),
    ViewCase(
        "research:participant-import-records",
        study_url("research:participant-import-records", "participation"),
        NOT_ALLOWED,
    ),
    ViewCase(
        "research:participant-withdraw",
        study_url("research:participant-withdraw", "participation"),
        LEADS,
    ),
    ViewCase(
        "research:participant-withdraw",
        study_url("research:participant-withdraw", "participation"),
        LEADS_POST,
        method="post",
    ),
    ViewCase("research:document-upload", study_url("research:document-upload"), LEADS),
    ViewCase(
        "research:document-upload", study_url("research:document-upload"), LEADS, method="post"
    ),
    ViewCase("research:document-edit", study_url("research:document-edit", "document"), LEADS),
    ViewCase(
        "research:document-replace-text",
        study_url("research:document-replace-text", "document"),
        LEADS_BAD_POST,
        method="post",
    ),
    ViewCase(
        "research:document-replace-text",
        study_url("research:document-replace-text", "document"),
        NOT_ALLOWED,
    ),
    ViewCase("research:document-review", study_url("research:document-review", "document"), LEADS),
    ViewCase(
        "research:document-review",
        study_url("research:document-review", "document"),
        LEADS_POST,
        method="post",
        data={"form": "confirm"},
    ),
    ViewCase("research:my-research", url_to("research:my-research"), EVERYONE),
    ViewCase("research:my-research", url_to("research:my-research"), NOT_ALLOWED, "post"),
    ViewCase("research:participation", participation_url("research:participation"), OWN),
    ViewCase(
        "research:participation",
        participation_url("research:participation"),
        OWN_POST,
        method="post",
        data={"decision": "give", "shares_tandem_records": "on"},
    ),
    ViewCase(
        "research:participation-withdraw",
        participation_url("research:participation-withdraw"),
        OWN,
    ),
    ViewCase(
        "research:participation-withdraw",
        participation_url("research:participation-withdraw"),
        OWN_POST,
        method="post",
    ),
]


@every_case(RSDATA_CASES, ROLES)
def test_permission_matrix_rsdata(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
