"""Work that belongs to a team whose roles grant abilities: a study, an impact case study,
an evidence base.

Each such app says which role a person holds on one piece of work (or None) and what each
role may do; this module turns that into the same three answers everywhere:
- `can(user, work, ability)`: a yes or no for templates and selectors;
- `require(actor, work, ability)`: the services' guard (PermissionError, with the app's
  own sentence, which the views show);
- `check(user, work, ability)`: the views' guard: 404 for someone with no role (the work's
  existence is not disclosed), 403 for a role without the ability; returns the role.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tandem.accounts.models import User

Work = TypeVar("Work")


@dataclass(frozen=True)
class TeamPolicy(Generic[Work]):
    # Role → what it may do.
    abilities: Mapping[str, Collection[str]]
    # The role a signed-in person holds on the work, or None.
    role_of: Callable[[User, Work], str | None]
    # What the services say when someone lacks the ability.
    refusal: str

    def role(self, user: User | AnonymousUser, work: Work) -> str | None:
        if not isinstance(user, User) or not user.is_authenticated:
            return None
        return self.role_of(user, work)

    def can(self, user: User | AnonymousUser, work: Work, ability: str) -> bool:
        role = self.role(user, work)
        return role is not None and ability in self.abilities[role]

    def require(self, actor: User, work: Work, ability: str) -> None:
        if not self.can(actor, work, ability):
            raise PermissionError(self.refusal)

    def check(self, user: User | AnonymousUser, work: Work, ability: str) -> str:
        role = self.role(user, work)
        if role is None:
            raise Http404
        if ability not in self.abilities[role]:
            raise PermissionDenied
        return role
