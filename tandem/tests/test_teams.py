"""The shared team policy: no role is 404, a role without the ability is 403, the services'
guard says the app's sentence, and anonymous visitors hold no role (never asked)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tandem.accounts.models import User
from tandem.teams import TeamPolicy

ROLES = {"reader": {"read"}, "lead": {"read", "manage"}}


ASKED: list[User] = []


@pytest.fixture
def team():
    ASKED.clear()

    def role_of(user, work):
        ASKED.append(user)
        return work.get(user.email)

    return TeamPolicy[dict](abilities=ROLES, role_of=role_of, refusal="Not on this team.")


LEAD = User(email="lead@example.org")
READER = User(email="reader@example.org")
STRANGER = User(email="stranger@example.org")
WORK = {"lead@example.org": "lead", "reader@example.org": "reader"}


def test_roles_grant_their_abilities_only(team):
    assert team.can(LEAD, WORK, "manage")
    assert team.can(READER, WORK, "read")
    assert not team.can(READER, WORK, "manage")
    assert not team.can(STRANGER, WORK, "read")


def test_the_views_guard_hides_the_work_from_strangers_and_refuses_the_wrong_role(team):
    assert team.check(LEAD, WORK, "manage") == "lead"
    with pytest.raises(PermissionDenied):
        team.check(READER, WORK, "manage")
    with pytest.raises(Http404):
        team.check(STRANGER, WORK, "read")


def test_the_services_guard_says_the_apps_sentence(team):
    team.require(LEAD, WORK, "manage")
    with pytest.raises(PermissionError, match=r"^Not on this team\.$"):
        team.require(READER, WORK, "manage")


def test_anonymous_visitors_hold_no_role_without_asking(team):
    assert team.role(AnonymousUser(), WORK) is None
    with pytest.raises(Http404):
        team.check(AnonymousUser(), WORK, "read")
    assert ASKED == []
