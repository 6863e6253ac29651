"""Every coding view × every role (tandem.testing.matrix).

The codebook and the passes are findings: the whole team sees them, readers included
(they name no participant and quote nothing). A code's quotes, the coding page and memos
are data: leads and coders only (readers 403). Changing the codebook and coding need the
CODE ability; a coder corrects only their own segments and passes, an author only their
own memos (403 for the rest of the team). Nobody outside the team learns anything (404).
"""

from django.urls import reverse

from tandem.research.models import CodedSegment, CodingPass
from tandem.research.services import coding as services
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
    # The lead's first pass is over; Cole the coder is in his first pass, with a segment
    # and a memo of his own, which the lead may not correct.
    services.finish_pass(actor=cast["lead"], coding_pass=cast["pass"])
    coder_pass = CodingPass.objects.create(study=cast["study"], coder=cast["coder"], number=1)
    document = cast["document"]
    start = document.text.index("open questions")
    cast["coder_pass"] = coder_pass
    cast["coder_segment"] = CodedSegment.objects.create(
        document=document,
        code=cast["codes"]["safety"],
        start=start,
        end=start + len("open questions"),
        coder=cast["coder"],
        coding_pass=coder_pass,
    )
    cast["coder_memo"] = services.write_memo(
        actor=cast["coder"], study=cast["study"], title="Time", text="Everyone mentions time."
    )
    cast["code"] = cast["codes"]["safety"]
    return cast


cast_for_module = build_once(build_cast)

NOT_ALLOWED = not_allowed(ROLES)
TEAM = expect(ROLES, 404, lead=200, coder=200, reader=200, anonymous=SIGN_IN)
TEAM_DATA = TEAM | {"reader": 403}
CODERS = TEAM_DATA
CODERS_POST = CODERS | {"lead": 302, "coder": 302}
# Only Cole, whose segment, pass or memo it is.
OWNER = TEAM_DATA | {"lead": 403}
OWNER_POST = OWNER | {"coder": 302}


def study_url(name: str):
    return url_to(name, "study")


def code_url(name: str):
    return lambda cast: reverse(name, args=[cast["study"].uuid, cast["code"].uuid])


def study_and(name: str, key: str):
    return lambda cast: reverse(name, args=[cast["study"].uuid, cast[key].uuid])


RSCODING_CASES = [
    ViewCase("research:codebook", study_url("research:codebook"), TEAM),
    ViewCase("research:codebook", study_url("research:codebook"), NOT_ALLOWED, method="post"),
    ViewCase("research:code-create", study_url("research:code-create"), CODERS),
    ViewCase(
        "research:code-create",
        study_url("research:code-create"),
        CODERS_POST,
        method="post",
        data={"name": "Recognition", "level": "open"},
    ),
    ViewCase("research:code-detail", code_url("research:code-detail"), TEAM_DATA),
    ViewCase("research:code-detail", code_url("research:code-detail"), NOT_ALLOWED, method="post"),
    ViewCase("research:code-edit", code_url("research:code-edit"), CODERS),
    ViewCase(
        "research:code-edit",
        code_url("research:code-edit"),
        CODERS_POST,
        method="post",
        data={"name": "Feeling safe", "level": "axial"},
    ),
    ViewCase("research:code-merge", code_url("research:code-merge"), CODERS),
    # No target chosen: the form is shown again, nothing merges.
    ViewCase("research:code-merge", code_url("research:code-merge"), CODERS, method="post"),
    ViewCase("research:code-delete", code_url("research:code-delete"), CODERS),
    # In use and not confirmed: refused with the reasons, nothing deleted.
    ViewCase("research:code-delete", code_url("research:code-delete"), CODERS, method="post"),
    ViewCase("research:pass-list", study_url("research:pass-list"), TEAM),
    ViewCase("research:pass-list", study_url("research:pass-list"), NOT_ALLOWED, method="post"),
    ViewCase("research:pass-start", study_url("research:pass-start"), CODERS),
    # The lead starts pass 2; Cole is told to finish his pass in progress first.
    ViewCase(
        "research:pass-start",
        study_url("research:pass-start"),
        CODERS | {"lead": 302},
        method="post",
        data={"purpose": "second reading"},
    ),
    ViewCase("research:pass-finish", study_and("research:pass-finish", "coder_pass"), NOT_ALLOWED),
    ViewCase(
        "research:pass-finish",
        study_and("research:pass-finish", "coder_pass"),
        OWNER_POST,
        method="post",
    ),
    ViewCase("research:coding", study_and("research:coding", "document"), CODERS),
    ViewCase(
        "research:coding", study_and("research:coding", "document"), NOT_ALLOWED, method="post"
    ),
    ViewCase(
        "research:segment-apply", study_and("research:segment-apply", "document"), NOT_ALLOWED
    ),
    # No codes chosen: the coding page again with the problem (400), nothing coded.
    ViewCase(
        "research:segment-apply",
        study_and("research:segment-apply", "document"),
        CODERS | {"lead": 400, "coder": 400},
        method="post",
        data={"passage": "open questions"},
    ),
    ViewCase("research:segment-edit", study_and("research:segment-edit", "coder_segment"), OWNER),
    ViewCase(
        "research:segment-edit",
        study_and("research:segment-edit", "coder_segment"),
        OWNER,
        method="post",
        data={"passage": ""},
    ),
    ViewCase(
        "research:segment-remove", study_and("research:segment-remove", "coder_segment"), OWNER
    ),
    ViewCase(
        "research:segment-remove",
        study_and("research:segment-remove", "coder_segment"),
        OWNER_POST,
        method="post",
    ),
    ViewCase("research:memo-list", study_url("research:memo-list"), TEAM_DATA),
    ViewCase("research:memo-list", study_url("research:memo-list"), NOT_ALLOWED, method="post"),
    ViewCase("research:memo-create", study_url("research:memo-create"), CODERS),
    ViewCase(
        "research:memo-create",
        study_url("research:memo-create"),
        CODERS_POST,
        method="post",
        data={"title": "Early thoughts", "text": "Time keeps coming up."},
    ),
    ViewCase("research:memo-edit", study_and("research:memo-edit", "coder_memo"), OWNER),
    ViewCase(
        "research:memo-edit",
        study_and("research:memo-edit", "coder_memo"),
        OWNER_POST,
        method="post",
        data={"title": "Time", "text": "Nearly everyone mentions time."},
    ),
    ViewCase("research:memo-delete", study_and("research:memo-delete", "coder_memo"), OWNER),
    ViewCase(
        "research:memo-delete",
        study_and("research:memo-delete", "coder_memo"),
        OWNER_POST,
        method="post",
    ),
]


@every_case(RSCODING_CASES, ROLES)
def test_permission_matrix_rscoding(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
