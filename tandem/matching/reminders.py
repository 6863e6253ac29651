"""Matching's part of the daily reminder job (tandem.relationships.reminders).

The sweep first expires choices a mentor did not answer in time, so the mentee can choose
again, then reminds each mentor of requests still waiting. Emails carry the programme and
the date only.
"""

import datetime as dt

from tandem.accounts.models import User
from tandem.matching.models import ShortlistOffer
from tandem.matching.services import expire_overdue
from tandem.relationships import reminders as relationship_reminders


def requests_waiting(now: dt.datetime) -> list[tuple[User, ShortlistOffer]]:
    expire_overdue(now)
    offers = ShortlistOffer.objects.awaiting_answer().select_related("mentor", "run__programme")
    return [(offer.mentor, offer) for offer in offers]


def message(target: object, base: str) -> tuple[str, str]:
    offer = target
    assert isinstance(offer, ShortlistOffer)  # noqa: S101 - the registry passes what collect returned
    assert offer.respond_by is not None  # noqa: S101 - chosen offers always have a deadline
    body = (
        f"A mentee in {offer.run.programme.name} has chosen you as their mentor and is "
        f"waiting for your answer. Please accept or decline by {offer.respond_by:%-d %B}."
    )
    return "A mentee is waiting for your answer", f"{body}\n\n{base}/matching/requests/"


def register() -> None:
    relationship_reminders.register_source(
        "mentor-request",
        requests_waiting,
        message,
        naming=relationship_reminders.ReminderKind(
            "Mentees waiting for my answer to be their mentor",
            "Mentees waiting for your answer",
            "a mentee waiting for your answer",
            "mentees waiting for your answer",
        ),
    )
