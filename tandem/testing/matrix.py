"""Permission-matrix support: every view × every role, one expected status each.

Each app's `tests/test_permission_matrix.py` declares `CASES`, a list of `ViewCase`, and
`cast_for_module = build_once(build)`, where `build()` returns a dict of role name → user
(None for anonymous) plus any objects the URLs need. `tandem/tests/test_matrix_coverage.py`
fails when a URL name in the project has no case anywhere, so a new view cannot ship
without its row. `url_to` builds a case's URL from the cast, and `expect` (or `everyone`,
`nobody_else`, `coordinator_only`, `not_allowed`) its expected statuses; the mentoring
cast's roles and the statuses its matrices share are in tandem.testing.workflow.

A matrix runs hundreds of cases against the same cast, so the cast is built once per
module, as Django's `TestCase.setUpTestData` does for a class: inside a transaction held
open for the module and rolled back at its end. Each case asks for `matrix_cast` and runs
in its own savepoint (pytest-django's `db`), so a POST that writes is undone before the
next case. It gets its own copy of the cast's objects, and the cast's uploaded files in a
folder the module's cases share, put back after any case that changes it. `matrix_client`
signs each user in with a session made once with the cast. Registered as a pytest plugin
by the root conftest.py.
"""

import pickle
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client, override_settings
from django.test.client import ClientHandler
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from tandem.accounts.models import User
from tandem.testing.reference import ensure_reference_data

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


def url_to(name: str, key: str | None = None, *extra: object) -> Callable[[dict], str]:
    """A case's URL: the view `name`, at the uuid of the cast's object `key` (if any), then
    any `extra` arguments."""
    if key is None:
        return lambda cast: reverse(name, args=extra)
    return lambda cast: reverse(name, args=[cast[key].uuid, *extra])


def expect(roles: list[str], default: int | str, **by_role: int | str) -> dict[str, int | str]:
    """An expected status for every role in `roles`: `default`, but for the roles named."""
    return dict.fromkeys(roles, default) | by_role


def everyone(roles: list[str]) -> dict[str, int | str]:
    """Any signed-in role sees the page; the anonymous visitor is sent to sign in."""
    return expect(roles, 200, anonymous=SIGN_IN)


def nobody_else(roles: list[str]) -> dict[str, int | str]:
    """No signed-in role learns the page exists (404) unless named in a `|` after it."""
    return expect(roles, 404, anonymous=SIGN_IN)


def coordinator_only(roles: list[str]) -> dict[str, int | str]:
    """Only the coordinator runs the programme; colleagues who can see it get 403, the
    outsider 404."""
    return expect(roles, 403, coordinator=200, outsider=404, anonymous=SIGN_IN)


def not_allowed(roles: list[str]) -> dict[str, int | str]:
    """The method is refused to everyone (405)."""
    return expect(roles, 405)


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


def every_case(cases: list[ViewCase], roles: list[str]) -> pytest.MarkDecorator:
    """Parametrises a test with `case` and `role`: one test, named by `id_for`, per pair."""
    params = matrix_params(cases, roles)
    return pytest.mark.parametrize(("case", "role"), params, ids=matrix_ids(cases, roles))


class CastMedia:
    """The cast's uploaded files: as built (`pristine`), and the folder cases use (`working`).

    Copying the files for every case would cost more than most cases, so cases share the
    working folder and it is put back from the pristine one after any case that changed it.
    """

    def __init__(self, pristine: Path) -> None:
        self.pristine = pristine
        self.working = pristine.with_name(f"{pristine.name}-working")
        self.as_built = self._listing(pristine)
        shutil.copytree(pristine, self.working)

    @staticmethod
    def _listing(root: Path) -> set[tuple[str, int, int]]:
        return {
            (str(path.relative_to(root)), stat.st_size, stat.st_mtime_ns)
            for path in root.rglob("*")
            for stat in [path.stat()]
        }

    def restore(self) -> None:
        if self._listing(self.working) != self.as_built:
            shutil.rmtree(self.working)
            shutil.copytree(self.pristine, self.working)


@dataclass(frozen=True)
class HeldCast:
    """A module's cast, built once: what each case starts from."""

    pickled: bytes  # each case unpickles its own copy: quicker than a deep copy, same objects
    media: CastMedia
    sessions: dict[int, str]  # user id → key of a session signed in with the cast
    # Like Client()'s own: CSRF checks off, as for every Django test client.
    handler: ClientHandler = field(default_factory=lambda: ClientHandler(enforce_csrf_checks=False))


class MatrixClient(Client):
    """A test client whose force_login reuses the session the cast's user signed in with.

    The session rows were written with the cast, so a case that changes or ends its session
    has that rolled back with the rest of its writes. Cases share one request handler, so
    the middleware is loaded once per module rather than once per case.
    """

    def __init__(self, sessions: dict[int, str], handler: ClientHandler) -> None:
        super().__init__()
        self.sessions = sessions
        self.handler = handler

    def force_login(self, user: Any, backend: str | None = None) -> None:
        session_key = self.sessions.get(user.pk)
        if session_key is None or backend is not None:
            super().force_login(user, backend)
            return
        self.cookies[django_settings.SESSION_COOKIE_NAME] = session_key


def _sign_in_once(cast: dict) -> dict[int, str]:
    sessions = {}
    for user in cast.values():
        if isinstance(user, User) and user.pk not in sessions:
            client = Client()
            client.force_login(user)
            sessions[user.pk] = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    return sessions


def build_once(build: Callable[[], dict]) -> Callable[..., Iterator[HeldCast]]:
    """A module-scoped fixture that builds `build()`'s cast once, for `matrix_cast`.

    Assign it to `cast_for_module` in the test module.
    """

    @pytest.fixture(scope="module")
    def cast_for_module(
        django_db_setup: None,
        django_db_blocker: DjangoDbBlocker,
        tmp_path_factory: pytest.TempPathFactory,
    ) -> Iterator[HeldCast]:
        media_root = tmp_path_factory.mktemp("cast-media")
        with django_db_blocker.unblock():
            held = transaction.atomic()
            # As Django's TestCase marks its own: a durable atomic block in the code under
            # test may still open inside it.
            held._from_testcase = True  # type: ignore[attr-defined]
            held.__enter__()
        try:
            with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
                # A transactional test earlier in this process may have flushed it.
                ensure_reference_data()
                built = build()
                sessions = _sign_in_once(built)
            yield HeldCast(pickle.dumps(built), CastMedia(media_root), sessions)
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                held.__exit__(None, None, None)

    # The erasure sweep (tandem/privacy/tests/test_erasure_sweep.py) builds every matrix's cast.
    cast_for_module.build = build  # type: ignore[attr-defined]
    return cast_for_module


@pytest.fixture
def matrix_cast(cast_for_module: HeldCast, db: None, settings: Any) -> Iterator[dict]:
    """The module's cast for one case: fresh objects, the cast's files, writes undone after."""
    settings.MEDIA_ROOT = cast_for_module.media.working
    yield pickle.loads(cast_for_module.pickled)  # noqa: S301 - pickled by this module's fixture
    cast_for_module.media.restore()


@pytest.fixture
def matrix_client(cast_for_module: HeldCast) -> MatrixClient:
    """The test client for a matrix case: signs the cast's people in with their sessions."""
    return MatrixClient(cast_for_module.sessions, cast_for_module.handler)
