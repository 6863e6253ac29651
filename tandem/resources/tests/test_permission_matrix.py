"""Every resource-library view × every role (tandem.testing.matrix)."""

from collections.abc import Callable
from dataclasses import dataclass

from tandem.resources.tests.cast import ROLES, build_resource_cast
from tandem.testing.matrix import (
    SIGN_IN,
    ViewCase,
    build_once,
    every_case,
    expect,
    not_allowed,
    url_to,
)

cast_for_module = build_once(build_resource_cast)

NOT_ALLOWED = not_allowed(ROLES)
EVERYONE = expect(ROLES, 200)
# Moorland's own resources: its people read them; nobody else learns they exist, signed
# in or not (the detail page is open to anonymous visitors for public resources).
MOORLAND = expect(ROLES, 404, coordinator=200, leader=200, member=200)
PARTNERSHIP = expect(ROLES, 404, coordinator=200, leader=200, member=200, partner=200)
# Changing a resource: Moorland's coordinator and leader; others who can read it get 403.
MANAGE_PRIVATE = expect(ROLES, 404, coordinator=200, leader=200, member=403, anonymous=SIGN_IN)
MANAGE_PUBLIC = expect(ROLES, 403, coordinator=200, leader=200, anonymous=SIGN_IN)
MANAGE_SHARED = expect(
    ROLES, 404, coordinator=200, leader=200, member=403, partner=403, anonymous=SIGN_IN
)


def _redirected(expected: dict[str, int | str]) -> dict[str, int | str]:
    return {role: 302 if status == 200 else status for role, status in expected.items()}


@dataclass(frozen=True)
class ResourceCase(ViewCase):
    make_data: Callable[[dict], dict] | None = None


EDIT_DATA = {
    "title": "Renamed",
    "summary": "Still about conversations.",
    "kind": "document",
    "link": "https://example.org/guide",
    "audiences": ["mentors"],
    "licence": "ogl-3",
    "visibility": "organisation",
}

CASES = [
    ResourceCase("resources:list", url_to("resources:list"), EVERYONE),
    ResourceCase("resources:list", url_to("resources:list"), NOT_ALLOWED, "post"),
    ResourceCase(
        "resources:create",
        url_to("resources:create"),
        expect(ROLES, 403, coordinator=200, leader=200, anonymous=SIGN_IN),
    ),
    ResourceCase(
        "resources:create",
        url_to("resources:create"),
        expect(ROLES, 403, coordinator=302, leader=302, anonymous=SIGN_IN),
        "post",
        make_data=lambda cast: (
            EDIT_DATA
            | {
                "holder": f"organisation:{cast['moorland'].uuid}",
                "tags": ["principle:understanding-why"],
            }
        ),
    ),
    ResourceCase("resources:detail", url_to("resources:detail", "public"), EVERYONE),
    ResourceCase("resources:detail", url_to("resources:detail", "private"), MOORLAND),
    ResourceCase("resources:detail", url_to("resources:detail", "shared"), PARTNERSHIP),
    # A withdrawn resource's link still works for those who could read it, and says so.
    ResourceCase("resources:detail", url_to("resources:detail", "withdrawn"), MOORLAND),
    ResourceCase("resources:detail", url_to("resources:detail", "public"), NOT_ALLOWED, "post"),
    ResourceCase("resources:download", url_to("resources:download", "public"), EVERYONE),
    ResourceCase("resources:download", url_to("resources:download", "private"), MOORLAND),
    # No file, or withdrawn: nothing to download.
    ResourceCase("resources:download", url_to("resources:download", "shared"), expect(ROLES, 404)),
    ResourceCase("resources:edit", url_to("resources:edit", "private"), MANAGE_PRIVATE),
    ResourceCase("resources:edit", url_to("resources:edit", "public"), MANAGE_PUBLIC),
    ResourceCase("resources:edit", url_to("resources:edit", "shared"), MANAGE_SHARED),
    ResourceCase(
        "resources:edit",
        url_to("resources:edit", "private"),
        _redirected(MANAGE_PRIVATE),
        "post",
        EDIT_DATA,
    ),
    ResourceCase(
        "resources:edit",
        url_to("resources:edit", "shared"),
        _redirected(MANAGE_SHARED),
        "post",
        EDIT_DATA | {"visibility": "partnership"},
    ),
    ResourceCase("resources:withdraw", url_to("resources:withdraw", "private"), MANAGE_PRIVATE),
    ResourceCase(
        "resources:withdraw",
        url_to("resources:withdraw", "public"),
        _redirected(MANAGE_PUBLIC),
        "post",
        {"reason": "Out of date."},
    ),
    ResourceCase(
        "resources:restore",
        url_to("resources:restore", "withdrawn"),
        _redirected(MANAGE_PRIVATE),
        "post",
    ),
    ResourceCase("resources:restore", url_to("resources:restore", "withdrawn"), NOT_ALLOWED),
    ResourceCase(
        "resources:feedback",
        url_to("resources:feedback", "public"),
        expect(ROLES, 302, anonymous=SIGN_IN),
        "post",
        {"is_useful": "yes", "comment": ""},
    ),
    ResourceCase(
        "resources:feedback",
        url_to("resources:feedback", "private"),
        expect(ROLES, 404, coordinator=302, leader=302, member=302, anonymous=SIGN_IN),
        "post",
        {"is_useful": "no"},
    ),
    # A withdrawn resource takes no more answers: the form says why.
    ResourceCase(
        "resources:feedback",
        url_to("resources:feedback", "withdrawn"),
        expect(ROLES, 404, coordinator=200, leader=200, member=200, anonymous=SIGN_IN),
        "post",
        {"is_useful": "yes"},
    ),
    ResourceCase("resources:feedback", url_to("resources:feedback", "public"), NOT_ALLOWED),
]


@every_case(CASES, ROLES)
def test_permission_matrix(matrix_client, matrix_cast, case, role):
    user = matrix_cast[role]
    if user is not None:
        matrix_client.force_login(user)
    data = case.make_data(matrix_cast) if case.make_data else case.data
    response = getattr(matrix_client, case.method)(case.url(matrix_cast), data)
    expected = case.expected[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, case.id_for(role)
        assert "/accounts/login/" in response["Location"], case.id_for(role)
    else:
        assert response.status_code == expected, (
            f"{case.id_for(role)}: expected {expected}, got {response.status_code}"
        )
