"""Every matching view × every role (see tandem.testing.matrix).

Runs, settings and explanations are the coordinators'; a shortlist is its mentee's alone;
a request to mentor is visible to the chosen mentor only once the mentee has chosen.
"""

from django.urls import reverse

from tandem.matching import services
from tandem.matching.models import ShortlistOffer
from tandem.matching.tests.cast import build_matching_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    check_case,
    coordinator_only,
    every_case,
    everyone,
    not_allowed,
    url_to,
)

ROLES = [
    "mentee",
    "mentor",
    "other_mentor",
    "paired_mentee",
    "coordinator",
    "leader",
    "outsider",
    "anonymous",
]
EVERYONE = everyone(ROLES)
# Colleagues who can see the programme are refused (403); strangers learn nothing (404).
COORDINATOR_ONLY = coordinator_only(ROLES)
COORDINATOR_POST = COORDINATOR_ONLY | {"coordinator": 302}
NOT_ALLOWED = not_allowed(ROLES)


def build_offers_cast():
    cast = build_matching_cast()
    coordinator, programme = cast["coordinator"], cast["programme"]
    cast["draft"] = services.start_run(actor=coordinator, programme=programme, mode="allocation")
    cast["shortlist"] = services.start_run(actor=coordinator, programme=programme, mode="shortlist")
    cast["open"] = services.start_run(actor=coordinator, programme=programme, mode="shortlist")
    services.send_shortlists(actor=coordinator, run=cast["open"])
    chosen = ShortlistOffer.objects.get(run=cast["open"], mentee=cast["dana"], mentor=cast["bob"])
    services.choose_offer(actor=cast["dana"], offer=chosen)
    cast["chosen"] = chosen
    cast["suggested"] = ShortlistOffer.objects.get(
        run=cast["open"], mentee=cast["dana"], mentor=cast["mia"]
    )
    cast["relationship"] = services.answer_offer(
        actor=cast["mia"],
        offer=services.choose_offer(
            actor=cast["eve"],
            offer=ShortlistOffer.objects.get(
                run=cast["open"], mentee=cast["eve"], mentor=cast["mia"]
            ),
        ),
        accept=True,
    ).relationship
    return cast | {
        "mentee": cast["dana"],  # Dana: chose Bob from her shortlist
        "mentor": cast["bob"],  # Bob: the mentor Dana chose
        "other_mentor": cast["mia"],  # Mia: on Dana's shortlist, not chosen; Eve's mentor
        "paired_mentee": cast["eve"],  # Eve: chose Mia, who accepted
        "anonymous": None,
    }


cast_for_module = build_once(build_offers_cast)


def _programme(name):
    return url_to(f"matching:{name}", "programme")


def _url_for(name, key="draft"):
    """The URL of a view about one object of the cast: a run or a shortlist offer."""
    return url_to(f"matching:{name}", key)


CASES = [
    ViewCase("matching:programme-matching", _programme("programme-matching"), COORDINATOR_ONLY),
    ViewCase("matching:programme-matching", _programme("programme-matching"), NOT_ALLOWED, "post"),
    ViewCase("matching:settings-edit", _programme("settings-edit"), COORDINATOR_ONLY),
    ViewCase(
        "matching:run-start",
        _programme("run-start"),
        COORDINATOR_POST,
        method="post",
        data={"mode": "allocation"},
    ),
    ViewCase("matching:run-start", _programme("run-start"), NOT_ALLOWED),
    ViewCase("matching:rematch-start", _programme("rematch-start"), COORDINATOR_ONLY),
    ViewCase("matching:run-detail", _url_for("run-detail"), COORDINATOR_ONLY),
    ViewCase("matching:run-detail", _url_for("run-detail", "open"), COORDINATOR_ONLY),
    ViewCase(
        "matching:proposal-edit",
        lambda cast: reverse(
            "matching:proposal-edit", args=[cast["draft"].uuid, cast["dana"].uuid]
        ),
        COORDINATOR_ONLY,
    ),
    ViewCase("matching:run-export", _url_for("run-export"), COORDINATOR_ONLY),
    ViewCase(
        "matching:run-publish",
        _url_for("run-publish"),
        COORDINATOR_ONLY,  # the confirmation page
        method="post",
    ),
    ViewCase(
        "matching:run-publish",
        _url_for("run-publish"),
        COORDINATOR_POST,
        method="post",
        data={"confirmed": "yes"},
    ),
    ViewCase("matching:run-publish", _url_for("run-publish"), NOT_ALLOWED),
    ViewCase("matching:run-unpublish", _url_for("run-unpublish"), COORDINATOR_ONLY, "post"),
    ViewCase(
        "matching:run-unpublish",
        _url_for("run-unpublish"),
        COORDINATOR_POST,
        method="post",
        data={"confirmed": "yes"},
    ),
    ViewCase("matching:run-unpublish", _url_for("run-unpublish"), NOT_ALLOWED),
    ViewCase("matching:run-send", _url_for("run-send", "shortlist"), COORDINATOR_POST, "post"),
    ViewCase("matching:run-close", _url_for("run-close", "open"), COORDINATOR_POST, "post"),
    ViewCase("matching:run-discard", _url_for("run-discard"), COORDINATOR_POST, "post"),
    ViewCase("matching:run-retry", _url_for("run-retry"), COORDINATOR_POST, "post"),
    ViewCase("matching:run-retry", _url_for("run-retry"), NOT_ALLOWED),
    ViewCase(
        "matching:preferences-edit",
        _programme("preferences-edit"),
        # Only the programme's approved mentees state preferences.
        dict.fromkeys(ROLES, 403)
        | {"mentee": 200, "paired_mentee": 200, "outsider": 404, "anonymous": SIGN_IN},
    ),
    ViewCase(
        "matching:preferences-edit",
        _programme("preferences-edit"),
        dict.fromkeys(ROLES, 403)
        | {"mentee": 302, "paired_mentee": 302, "outsider": 404, "anonymous": SIGN_IN},
        method="post",
        data={"first": ""},
    ),
    ViewCase(
        "matching:how-matched",
        lambda cast: reverse("matching:how-matched", args=[cast["relationship"].uuid]),
        # The learner alone: not her mentor (Mia), nor the coordinator (metadata only).
        dict.fromkeys(ROLES, 404) | {"paired_mentee": 200, "anonymous": SIGN_IN},
    ),
    ViewCase("matching:my-shortlists", lambda cast: reverse("matching:my-shortlists"), EVERYONE),
    ViewCase(
        "matching:offer-choose",
        _url_for("offer-choose", "suggested"),
        dict.fromkeys(ROLES, 404) | {"mentee": 302, "anonymous": SIGN_IN},
        method="post",
    ),
    ViewCase("matching:offer-choose", _url_for("offer-choose", "suggested"), NOT_ALLOWED),
    # A round is its mentees' alone (Eve, already paired, may look but not rank again).
    ViewCase(
        "matching:shortlist-rank",
        _url_for("shortlist-rank", "open"),
        dict.fromkeys(ROLES, 404) | {"mentee": 200, "paired_mentee": 200, "anonymous": SIGN_IN},
    ),
    ViewCase(
        "matching:shortlist-rank",
        _url_for("shortlist-rank", "open"),
        dict.fromkeys(ROLES, 404) | {"mentee": 200, "paired_mentee": 200, "anonymous": SIGN_IN},
        method="post",
        data={"first": ""},
    ),
    ViewCase(
        "matching:shortlist-rank",
        _url_for("shortlist-rank", "shortlist"),  # a draft round: not sent, so nobody's yet
        dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN},
    ),
    ViewCase(
        "matching:mentor-requests", lambda cast: reverse("matching:mentor-requests"), EVERYONE
    ),
    ViewCase(
        "matching:offer-answer",
        _url_for("offer-answer", "chosen"),
        dict.fromkeys(ROLES, 404) | {"mentor": 302, "anonymous": SIGN_IN},
        method="post",
        data={"answer": "decline"},
    ),
    ViewCase(
        "matching:offer-answer",
        # Mia was suggested but not chosen: she cannot see or answer Dana's suggestion.
        _url_for("offer-answer", "suggested"),
        dict.fromkeys(ROLES, 404) | {"anonymous": SIGN_IN},
        method="post",
        data={"answer": "accept"},
    ),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    check_case(matrix_client, case, role, matrix_cast)
