"""The events cast: the mentoring cast (tandem.testing.workflow) plus two events.

- `training`: a training day whose one session was two days ago (attendance can be
  marked), two places, both taken by Dana (mentee) and Bob (mentor); Fiona facilitates;
  a handout (PDF) and a link are attached.
- `gathering`: a gathering day in five days' time, one place, nobody registered yet.
"""

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Event, Registration
from tandem.testing.workflow import ROLES, build_cast, person

EVENT_ROLES = [*ROLES[:-1], "facilitator", "anonymous"]
HANDOUT = b"%PDF-1.4 co-mentoring handout"


def session_at(days: int, hours: int = 6) -> dict[str, Any]:
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return {
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=hours),
        "place": "Kirkdale Arts Centre",
        "online_link": "",
    }


def confirm(event: Event, user: Any) -> Registration:
    now = timezone.now()
    return Registration.objects.create(
        event=event,
        user=user,
        status=Registration.Status.CONFIRMED,
        requested_at=now,
        confirmed_at=now,
    )


def build_event_cast() -> dict[str, Any]:
    cast = build_cast()
    coordinator, programme = cast["coordinator"], cast["programme"]
    facilitator = person(cast["moorland"], "Fiona Facilitator")
    training = services.create_event(
        actor=coordinator,
        programme=programme,
        fields={"kind": "training", "title": "Co-mentoring training day", "capacity": 2},
        first_session=session_at(-2),
        facilitators=[facilitator],
    )
    gathering = services.create_event(
        actor=coordinator,
        programme=programme,
        fields={"kind": "gathering", "title": "Spring gathering day", "capacity": 1},
        first_session=session_at(5),
    )
    handout = services.add_material(
        actor=coordinator,
        event=training,
        fields={
            "title": "Handout",
            "file": SimpleUploadedFile("handout.pdf", HANDOUT, "application/pdf"),
        },
    )
    reading = services.add_material(
        actor=coordinator,
        event=training,
        fields={"title": "Further reading", "url": "https://example.org/reading"},
    )
    return cast | {
        "facilitator": facilitator,  # Fiona: facilitates the training day, not enrolled
        "training": training,
        "training_session": training.sessions.get(),
        "gathering": gathering,
        "gathering_session": gathering.sessions.get(),
        "handout": handout,
        "reading": reading,
        "dana_place": confirm(training, cast["mentee"]),
        "bob_place": confirm(training, cast["mentor"]),
    }
