"""Reminder emails: upcoming meetings, unsigned agreements and overdue actions, plus any
source a later app registers (evaluation: surveys owed) through `register_source`.

Each run sends a person one digest of everything due, never an email per item. A person
chooses which kinds they get (ReminderOptOut, the preferences page) and can stop them all
with one click from the email itself (RFC 8058); every reminder says it is automatic
(`Auto-Submitted: auto-generated`, RFC 3834) so that out-of-office replies stay quiet.

Emails carry dates, names and counts only, never the content of the record: email is
less private than Tandem, and the record stays behind sign-in.
"""

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.mail import send_message, templated_message
from tandem.models import TandemModel
from tandem.relationships.models import (
    Action,
    Conversation,
    LearningAgreement,
    RelationshipMember,
    ReminderOptOut,
    ReminderSent,
)

logger = logging.getLogger(__name__)

MEETING_WINDOW = dt.timedelta(hours=48)
NAG_EVERY_DAYS = 7  # unsigned agreements, overdue actions and registered sources: weekly

# A source of reminders: who is owed one about which row, and the email for that row.
TargetT = TypeVar("TargetT", bound=TandemModel)
Collect: TypeAlias = Callable[[dt.datetime], list[tuple[User, TargetT]]]
Message: TypeAlias = Callable[[TargetT, str], tuple[str, str]]

# kind → (collect(now), message(target, base) → (subject, body)), where body is a sentence,
# a blank line, then the absolute link. Apps later in the import order (evaluation) register
# here, so this module never imports them. Each source pairs its own row type; the table can
# only say "some model" (Any) for the mix.
SOURCES: dict[str, tuple[Collect[Any], Message[Any]]] = {}
UNSUBSCRIBE_SALT = "tandem.relationships.reminders.unsubscribe"


@dataclass(frozen=True)
class ReminderKind:
    """How a kind of reminder is named: on the preferences page (`label`), as the heading of
    its part of the digest (`title`) and in the digest's subject (`summary`: one, many)."""

    label: str
    title: str
    summary_one: str
    summary_many: str = ""

    @property
    def summary(self) -> tuple[str, str]:
        return self.summary_one, self.summary_many or f"{self.summary_one}s"


# Every kind a person can turn off, in the order the preferences page lists them.
KINDS: dict[str, ReminderKind] = {
    "meeting": ReminderKind(
        "Learning conversations in the next two days",
        "Coming up",
        "a learning conversation",
        "learning conversations",
    ),
    "agreement": ReminderKind(
        "Learning agreements waiting for my signature",
        "Waiting for your signature",
        "an agreement to sign",
        "agreements to sign",
    ),
    "action": ReminderKind(
        "Actions I agreed that are overdue",
        "Overdue actions",
        "an overdue action",
        "overdue actions",
    ),
}


def register_source(
    kind: str,
    collect: Collect[TargetT],
    message: Message[TargetT],
    *,
    naming: ReminderKind | None = None,
) -> None:
    SOURCES[kind] = (collect, message)
    KINDS[kind] = naming or ReminderKind(kind, kind, kind)


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


@dataclass
class Due:
    """One thing a person is reminded about, as a line of their digest."""

    kind: str
    target_uuid: UUID
    subject: str
    text: str
    link: str


def send_due_reminders() -> int:
    """Send every reminder that is due and not yet sent, as one digest email per person
    (never one email per item); returns how many emails went. Kinds a person turned off
    (ReminderOptOut) are left out and are not recorded as sent."""
    now = timezone.now()
    today = timezone.localdate()
    a_week_ago = today - dt.timedelta(days=NAG_EVERY_DAYS - 1)
    sources: list[tuple[str, Collect[Any], dt.date, Message[Any]]] = [
        ("meeting", _due_meetings, today, _meeting_message),
        ("agreement", _unsigned_agreements, a_week_ago, _agreement_message),
        ("action", lambda _now: _overdue_actions(today), a_week_ago, _action_message),
    ]
    sources += [
        (kind, collect, a_week_ago, message) for kind, (collect, message) in SOURCES.items()
    ]
    base = settings.TANDEM_SITE_URL.rstrip("/")
    people: dict[int, User] = {}
    digests: dict[int, list[Due]] = defaultdict(list)
    for kind, collect, since, message in sources:
        done = _already_sent(kind, since)
        for user, target in collect(now):
            if (user.pk, target.uuid) in done or not user.is_active:
                continue
            done.add((user.pk, target.uuid))  # once per run, even if collected twice
            subject, body = message(target, base)
            text, _blank, link = body.rpartition("\n\n")
            people[user.pk] = user
            digests[user.pk].append(Due(kind, target.uuid, subject, text, link))
    opted_out = set(
        ReminderOptOut.objects.filter(user__in=list(digests)).values_list("user_id", "kind")
    )
    sent = 0
    for user_pk, items in digests.items():
        wanted = [item for item in items if (user_pk, item.kind) not in opted_out]
        if wanted and _send_digest(people[user_pk], wanted, today=today, base=base):
            sent += 1
    return sent


def _send_digest(user: User, items: list[Due], *, today: dt.date, base: str) -> bool:
    """Record the items as sent (committed), then send one email outside any transaction
    (a slow mail server must not hold the database); a failed send removes the records so
    the next run tries again."""
    records = ReminderSent.objects.bulk_create(
        ReminderSent(user=user, kind=item.kind, object_uuid=item.target_uuid, sent_on=today)
        for item in items
    )
    message = reminder_email(user, items, base=base)
    try:
        send_message(message)
    except OSError:
        logger.exception("Could not send a reminder digest; it will be tried again.")
        ReminderSent.objects.filter(pk__in=[record.pk for record in records]).delete()
        return False
    return True


def reminder_email(user: User, items: list[Due], *, base: str) -> EmailMultiAlternatives:
    """The digest: a section per kind of reminder, a link to choose which kinds to get, and
    the headers that mark it as automatic (RFC 3834) with one-click unsubscribe (RFC 8058)."""
    sections: dict[str, list[Due]] = defaultdict(list)
    for item in items:
        sections[item.kind].append(item)
    unsubscribe = base + reverse(
        "relationships:reminder-unsubscribe", args=[unsubscribe_token(user)]
    )
    if len(items) == 1:
        subject = items[0].subject
    else:
        subject = "Your reminders: " + ", ".join(
            _summary(kind, len(kind_items)) for kind, kind_items in sections.items()
        )
    context = {
        "user": user,
        "sections": [(kind_title(kind), kind_items) for kind, kind_items in sections.items()],
        "preferences_url": base + reverse("relationships:reminder-preferences"),
        "unsubscribe_url": unsubscribe,
        "subject": subject,
    }
    headers = {
        "Auto-Submitted": "auto-generated",
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return templated_message(
        to=[user.email],
        subject=subject,
        template_name="relationships/email/reminders.html",
        context=context,
        headers=headers,
    )


def unsubscribe_token(user: User) -> str:
    """The secret in the unsubscribe link: signed, so it needs no table, and it names the
    person by UUID only. It works until the account is closed."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(user.uuid.hex)


def user_for_unsubscribe_token(token: str) -> User | None:
    try:
        user_uuid = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(uuid=user_uuid, is_active=True).first()


def _summary(kind: str, count: int) -> str:
    one, many = KINDS.get(kind, ReminderKind(kind, kind, kind)).summary
    return f"{count} {many}" if count > 1 else one


def kind_title(kind: str) -> str:
    return KINDS[kind].title if kind in KINDS else kind


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
