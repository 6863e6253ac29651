"""Reminder emails: upcoming meetings, unsigned agreements and overdue actions, plus any
source a later app registers (evaluation: surveys owed) through `register_source`.

Emails carry dates, names and counts only, never the content of the record: email is
less private than Tandem, and the record stays behind sign-in.
"""

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeAlias, TypeVar

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from tandem.accounts.models import User
from tandem.models import TandemModel
from tandem.relationships.models import (
    Action,
    Conversation,
    LearningAgreement,
    RelationshipMember,
    ReminderSent,
)

logger = logging.getLogger(__name__)

MEETING_WINDOW = dt.timedelta(hours=48)
NAG_EVERY_DAYS = 7  # unsigned agreements, overdue actions and registered sources: weekly

# A source of reminders: who is owed one about which row, and the email for that row.
TargetT = TypeVar("TargetT", bound=TandemModel)
Collect: TypeAlias = Callable[[dt.datetime], list[tuple[User, TargetT]]]
Message: TypeAlias = Callable[[TargetT, str], tuple[str, str]]

# kind → (collect(now), message(target, base) → (subject, body)). Apps later in the import
# order (evaluation) register here, so this module never imports them. Each source pairs
# its own row type; the table can only say "some model" (Any) for the mix.
SOURCES: dict[str, tuple[Collect[Any], Message[Any]]] = {}


def register_source(kind: str, collect: Collect[TargetT], message: Message[TargetT]) -> None:
    SOURCES[kind] = (collect, message)


def _already_sent(kind: str, since: dt.date) -> set[tuple[int, object]]:
    return set(
        ReminderSent.objects.filter(kind=kind, sent_on__gte=since).values_list(
            "user_id", "object_uuid"
        )
    )


def _due_meetings(now: dt.datetime) -> list[tuple[User, Conversation]]:
    conversations = list(
        Conversation.objects.filter(
            status=Conversation.Status.PLANNED,
            starts_at__gte=now,
            starts_at__lt=now + MEETING_WINDOW,
        )
        .exclude(relationship__status="ended")
        .select_related("relationship__programme")
    )
    members = RelationshipMember.objects.filter(
        relationship__in={conversation.relationship_id for conversation in conversations}
    ).select_related("user")
    by_relationship = defaultdict(list)
    for member in members:
        by_relationship[member.relationship_id].append(member.user)
    return [
        (user, conversation)
        for conversation in conversations
        for user in by_relationship[conversation.relationship_id]
    ]


def _unsigned_agreements(now: dt.datetime) -> list[tuple[User, LearningAgreement]]:
    latest = {}
    for agreement in (
        LearningAgreement.objects.exclude(relationship__status="ended")
        .filter(created_at__lte=now - dt.timedelta(days=2))
        .order_by("relationship_id", "number")
        .prefetch_related("signatures")
    ):
        latest[agreement.relationship_id] = agreement
    members = RelationshipMember.objects.filter(relationship__in=latest).select_related("user")
    pending = []
    for member in members:
        agreement = latest[member.relationship_id]
        if member.user_id not in {signature.user_id for signature in agreement.signatures.all()}:
            pending.append((member.user, agreement))
    return pending


def _overdue_actions(today: dt.date) -> list[tuple[User, Action]]:
    return [
        (action.owner, action)
        for action in Action.objects.filter(done_at__isnull=True, due_on__lt=today)
        .exclude(relationship__status="ended")
        .select_related("owner")
    ]


def send_due_reminders() -> int:
    """Send every reminder that is due and not yet sent; returns how many emails went."""
    now = timezone.now()
    today = timezone.localdate()
    a_week_ago = today - dt.timedelta(days=NAG_EVERY_DAYS - 1)
    sent = _send("meeting", _due_meetings(now), today, _meeting_message)
    sent += _send("agreement", _unsigned_agreements(now), a_week_ago, _agreement_message)
    sent += _send("action", _overdue_actions(today), a_week_ago, _action_message)
    for kind, (collect, message) in SOURCES.items():
        sent += _send(kind, collect(now), a_week_ago, message)
    return sent


def _send(
    kind: str, items: list[tuple[User, TargetT]], since: dt.date, message: Message[TargetT]
) -> int:
    """Email each (user, target) not reminded about that target since `since`."""
    base = settings.TANDEM_SITE_URL.rstrip("/")
    today = timezone.localdate()
    done = _already_sent(kind, since)
    sent = 0
    for user, target in items:
        if (user.pk, target.uuid) in done:
            continue
        subject, body = message(target, base)
        # Recorded first and committed, then sent outside any transaction (a slow mail
        # server must not hold the database); a failed send removes the record so the
        # next run tries again.
        record = ReminderSent.objects.create(
            user=user, kind=kind, object_uuid=target.uuid, sent_on=today
        )
        try:
            send_mail(f"[Tandem] {subject}", body, None, [user.email])
        except OSError:
            logger.exception("Could not send a %s reminder; it will be tried again.", kind)
            ReminderSent.objects.filter(pk=record.pk).delete()
            continue
        done.add((user.pk, target.uuid))
        sent += 1
    return sent


def _meeting_message(conversation: Conversation, base: str) -> tuple[str, str]:
    when = timezone.localtime(conversation.starts_at).strftime("%A %-d %B at %H:%M")
    programme = conversation.relationship.programme.name
    body = f"You have a learning conversation planned for {when} ({programme})."
    return "Your next learning conversation", f"{body}\n\n{base}/relationships/mine/"


def _agreement_message(agreement: LearningAgreement, base: str) -> tuple[str, str]:
    body = f"Version {agreement.number} of your learning agreement needs your signature."
    link = f"{base}/relationships/{agreement.relationship.uuid}/agreement/"
    return "Your learning agreement is waiting for your signature", f"{body}\n\n{link}"


def _action_message(action: Action, base: str) -> tuple[str, str]:
    body = (
        f"An action you agreed was due on {action.due_on:%-d %B}. Tick it off or agree a new date."
    )
    return "An agreed action is overdue", f"{body}\n\n{base}/relationships/mine/"
