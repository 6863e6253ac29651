"""What every matching service shares."""

from tandem.accounts.models import User
from tandem.programmes.models import Programme
from tandem.programmes.policy import is_coordinator


def require_coordinator(actor: User, programme: Programme) -> None:
    if not is_coordinator(actor, programme):
        message = "Only the programme's coordinators may do this."
        raise PermissionError(message)
