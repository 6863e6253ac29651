"""Which reminder emails a person gets (tandem.relationships.reminders sends them)."""

from collections.abc import Collection

from django.db import transaction

from tandem.accounts.models import User
from tandem.relationships.models import ReminderOptOut


def reminder_kinds_turned_off(user: User) -> set[str]:
    return set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))


@transaction.atomic
def set_reminder_preferences(
    *, actor: User, wanted: Collection[str], kinds: Collection[str]
) -> None:
    """The actor gets the `wanted` kinds of reminder and none of the other `kinds`.
    Only the person can choose their own reminders (the actor is always that person)."""
    unknown = set(wanted) - set(kinds)
    if unknown:
        message = f"No such kind of reminder: {', '.join(sorted(unknown))}."
        raise ValueError(message)
    ReminderOptOut.objects.filter(user=actor, kind__in=set(wanted)).delete()
    off = set(kinds) - set(wanted) - reminder_kinds_turned_off(actor)
    ReminderOptOut.objects.bulk_create(ReminderOptOut(user=actor, kind=kind) for kind in off)


def stop_all_reminders(*, actor: User, kinds: Collection[str]) -> None:
    """One-click unsubscribe: the actor gets no reminder emails of any kind."""
    set_reminder_preferences(actor=actor, wanted=(), kinds=kinds)
