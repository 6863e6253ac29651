"""Permission-matrix support: every view × every role, one expected status each.

Each app's `tests/test_permission_matrix.py` declares `CASES`, a list of `ViewCase`, and a
`cast` fixture returning a dict of role name → user (None for anonymous) plus any objects
the URLs need. `tandem/tests/test_matrix_coverage.py` fails when a URL name in the project
has no case anywhere, so a new view cannot ship without its row.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.test import Client

SIGN_IN = "sign-in"  # expected "status" meaning: redirected to the sign-in page


@dataclass(frozen=True)
class ViewCase:
    url_name: str  # "namespace:name", as reversed
    url: Callable[[dict], str]  # builds the path from the cast
    expected: dict[str, int | str]  # role → HTTP status, or SIGN_IN
    method: str = "get"
    data: dict = field(default_factory=dict)

    def id_for(self, role: str) -> str:
        return f"{self.method.upper()} {self.url_name} as {role}"


def check_case(client: Client, case: ViewCase, role: str, cast: dict) -> None:
    user = cast[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, case.method)(case.url(cast), case.data)
    expected = case.expected[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, f"{case.id_for(role)}: got {response.status_code}"
        assert "/accounts/login/" in response["Location"], case.id_for(role)
    else:
        assert response.status_code == expected, (
            f"{case.id_for(role)}: expected {expected}, got {response.status_code}"
        )


def matrix_params(cases: list[ViewCase], roles: list[str]) -> list[tuple[ViewCase, str]]:
    return [(case, role) for case in cases for role in roles]


def matrix_ids(cases: list[ViewCase], roles: list[str]) -> list[str]:
    return [case.id_for(role) for case, role in matrix_params(cases, roles)]
