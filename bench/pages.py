"""Time every page each role opens, at scale: 100,000 people, one programme of 8,300
enrolments and 5,000 relationships (target: p95 at or under 300 ms for every page).

Usage: .venv/bin/python bench/pages.py [--keep FILE.sqlite3] [--runs 20] [--only TEXT]
                                       [--people 100000] [--relationships 5000]

Seeds a throw-away SQLite database (or DATABASE_URL's) with `tandem seed`'s population and
bench/reports.py's programme (conversations, surveys, check-ins), then enrols everyone in
the programme, adds applicants, members of the programme's trust, a leader, a
data-protection lead, an administrator and audit events. With --keep the SQLite file is
kept and reused (seeding takes minutes); against PostgreSQL the database is reused when
it already holds the programme. Pages are served through Django's test client in this
process, signed in as each role; each is opened once to warm up, then timed --runs times.
Prints a markdown table: role, page, p50, p95, queries, and whether p95 meets the target.
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from reports import seed as seed_programme
from reports import setup

TARGET_MS = 300
NUM_APPLICANTS = 300
NUM_AUDIT_EVENTS = 200_000


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def seed(num_people: int, num_relationships: int) -> None:
    """The whole population: people first, then the programme and its extras."""
    from django.db import transaction  # noqa: PLC0415 - Django is set up by the caller

    from tandem.demo.seeding import seed_people  # noqa: PLC0415

    num_programme_people = num_relationships + num_relationships * 3 // 5
    begun = time.perf_counter()
    seed_people(num_people=num_people - num_programme_people - 5, seed=1, progress=print)
    print(f"population seeded in {time.perf_counter() - begun:.0f} s")
    begun = time.perf_counter()
    with transaction.atomic():
        programme, coordinator = seed_programme(num_relationships)
        _seed_extras(programme, coordinator)
    print(f"programme seeded in {time.perf_counter() - begun:.0f} s")


def _seed_extras(programme: object, coordinator: object) -> None:
    """Enrolments, the trust's members, the other roles and an audit log."""
    from allauth.mfa.models import Authenticator  # noqa: PLC0415
    from allauth.mfa.totp.internal.auth import TOTP  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from tandem.accounts.models import User  # noqa: PLC0415
    from tandem.audit.models import AuditEvent  # noqa: PLC0415
    from tandem.demo.bulk import bulk_insert  # noqa: PLC0415
    from tandem.organisations.models import Membership  # noqa: PLC0415
    from tandem.programmes.models import Enrolment  # noqa: PLC0415
    from tandem.relationships.models import Conversation, RelationshipMember  # noqa: PLC0415

    rng = random.Random(8300)
    now = timezone.now()
    organisation = programme.organisations.get()
    members = list(
        RelationshipMember.objects.filter(relationship__programme=programme).values_list(
            "user", "role"
        )
    )
    roles = dict(members)  # a mentor of several mentees is enrolled once
    applicants = list(
        User.objects.exclude(pk__in=roles)
        .exclude(pk=coordinator.pk)
        .order_by("pk")
        .values_list("pk", flat=True)[:NUM_APPLICANTS]
    )
    enrolment_columns = [
        "uuid",
        "programme",
        "user",
        "role",
        "status",
        "focus_areas",
        "initial_goals",
        "preferences",
        "capacity",
        "expertise",
        "availability_note",
        "unmet_requirements",
        "decision_note",
        "created_at",
        "updated_at",
    ]
    bulk_insert(
        Enrolment,
        enrolment_columns,
        [
            (
                uuid.uuid4(),
                programme.pk,
                user,
                role,
                status,
                "",
                "",
                "",
                1,
                "",
                "",
                "[]",
                "",
                now,
                now,
            )
            for user, role, status in [
                *((user, role, "approved") for user, role in roles.items()),
                *((user, "mentee", "applied") for user in applicants),
            ]
        ],
    )
    staff = {
        "leader": User.objects.create_user(email="leader@bench.example", full_name="Lee Der"),
        "dpo": User.objects.create_user(email="dpo@bench.example", full_name="Dee Peo"),
        "admin": User.objects.create_superuser(
            email="admin@bench.example", full_name="Ad Min", password=None
        ),
    }
    bulk_insert(
        Membership,
        [
            "uuid",
            "user",
            "organisation",
            "job_title",
            "role_category",
            "access",
            "data_protection_lead",
            "started_on",
            "created_at",
            "updated_at",
        ],
        [
            (
                uuid.uuid4(),
                user,
                organisation.pk,
                "Teacher",
                "teacher",
                access,
                is_lead,
                dt.date(2025, 9, 1),
                now,
                now,
            )
            for user, access, is_lead in [
                *((user, "member", False) for user in [*roles, *applicants]),
                (coordinator.pk, "coordinator", False),
                (staff["leader"].pk, "leader", False),
                (staff["dpo"].pk, "member", True),
            ]
        ],
    )
    for user in [coordinator, *staff.values()]:
        if not Authenticator.objects.filter(user=user).exists():
            TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    conversations = list(
        Conversation.objects.filter(relationship__programme=programme).values_list(
            "uuid", "relationship__members__user"
        )[:50_000]
    )
    bulk_insert(
        AuditEvent,
        [
            "uuid",
            "actor",
            "action",
            "object_type",
            "object_uuid",
            "detail",
            "at",
            "created_at",
            "updated_at",
        ],
        (
            (
                uuid.uuid4(),
                actor,
                "conversation.read",
                "relationships.conversation",
                conversation,
                "",
                now - dt.timedelta(minutes=rng.randint(0, 500_000)),
                now,
                now,
            )
            for conversation, actor in (
                conversations[rng.randrange(len(conversations))] for _ in range(NUM_AUDIT_EVENTS)
            )
        ),
    )


def pages() -> dict[str, list[tuple[str, str]]]:
    """For each role, (page name, URL) of every page it opens."""
    from django.urls import reverse  # noqa: PLC0415

    from tandem.evaluation.models import Survey  # noqa: PLC0415
    from tandem.programmes.models import Programme  # noqa: PLC0415
    from tandem.relationships.models import Relationship  # noqa: PLC0415

    programme = Programme.objects.get(name="Bench programme")
    organisation = programme.organisations.get()
    check_in = Survey.objects.get(programme=programme, template_key="check-in")
    relationship = Relationship.objects.filter(programme=programme).order_by("pk").first()
    on_programme = {"programme_uuid": programme.uuid}
    org = {"organisation_uuid": organisation.uuid}

    def url(name: str, **kwargs: object) -> str:
        return reverse(name, kwargs=kwargs or None)

    programme_pages = [
        ("programme", url("programmes:programme-detail", **on_programme)),
        ("health check", url("evaluation:health", **on_programme)),
        ("report", url("evaluation:report", **on_programme)),
        ("survey list", url("evaluation:survey-list", **on_programme)),
        ("survey results", url("evaluation:survey-results", survey_uuid=check_in.uuid)),
        ("organisation detail", url("organisations:organisation-detail", **org)),
    ]
    record_pages = [
        ("home", url("home")),
        ("my mentoring", url("relationships:my-mentoring")),
        (
            "relationship",
            url("relationships:relationship-detail", relationship_uuid=relationship.uuid),
        ),
        ("my profile", url("people:my-profile")),
        ("my privacy", url("privacy:my-privacy")),
    ]
    admin_models = [
        "accounts/user",
        "organisations/organisation",
        "organisations/membership",
        "people/profile",
        "programmes/programme",
        "relationships/relationship",
        "audit/auditevent",
    ]
    return {
        "coordinator": [
            ("home", url("home")),
            *programme_pages,
            ("enrolment list", url("programmes:enrolment-list", **on_programme)),
            ("relationships overview", url("relationships:programme-overview", **on_programme)),
            ("matching", url("matching:programme-matching", **on_programme)),
            ("programme list", url("programmes:programme-list")),
            ("organisation list", url("organisations:organisation-list")),
        ],
        "leader": [("home", url("home")), *programme_pages],
        "mentor": [*record_pages, ("my mentees", url("relationships:my-mentees"))],
        "mentee": [*record_pages, ("my shortlists", url("matching:my-shortlists"))],
        "dpo": [
            ("home", url("home")),
            ("audit log", url("privacy:audit-log")),
            ("people", url("privacy:lead-people")),
            ("erasures", url("privacy:erasure-list")),
        ],
        "admin": [
            ("admin index", "/admin/"),
            *((f"admin {model}", f"/admin/{model}/") for model in admin_models),
        ],
    }


def people() -> dict[str, object]:
    from tandem.accounts.models import User  # noqa: PLC0415
    from tandem.programmes.models import Programme  # noqa: PLC0415
    from tandem.relationships.models import RelationshipMember  # noqa: PLC0415

    programme = Programme.objects.get(name="Bench programme")
    first = RelationshipMember.objects.filter(relationship__programme=programme).order_by("pk")
    return {
        "coordinator": programme.coordinators.get(),
        "leader": User.objects.get(email="leader@bench.example"),
        "mentor": first.filter(role="mentor").first().user,
        "mentee": first.filter(role="mentee").first().user,
        "dpo": User.objects.get(email="dpo@bench.example"),
        "admin": User.objects.get(email="admin@bench.example"),
    }


def time_pages(runs: int, only: str | None) -> list[tuple[str, str, float, float, int, int]]:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    rows = []
    who = people()
    for role, role_pages in pages().items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(who[role])
        for name, url in role_pages:
            if only and only not in f"{role} {name}":
                continue
            status = client.get(url).status_code  # warm-up: templates, caches
            times = []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    begun = time.perf_counter()
                    status = client.get(url).status_code
                    times.append((time.perf_counter() - begun) * 1000)
            rows.append(
                (
                    role,
                    name,
                    _percentile(times, 0.5),
                    _percentile(times, 0.95),
                    len(queries.captured_queries),
                    status,
                )
            )
            print(f"  {role} {name}: p95 {rows[-1][3]:.0f} ms ({status})", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", help="time only the pages whose 'role name' contains this")
    parser.add_argument("--keep", help="SQLite file to keep and reuse (skips seeding)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TANDEM_ACCESS_LOG"] = "0"  # one log line per request would drown the table
        if args.keep:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.keep).resolve()}"
        setup(folder)
        from django.db import connection  # noqa: PLC0415

        from tandem.programmes.models import Programme  # noqa: PLC0415

        if not Programme.objects.filter(name="Bench programme").exists():
            seed(args.people, args.relationships)
        rows = time_pages(args.runs, args.only)
        print(f"\n{connection.vendor}, {args.runs} runs per page, target p95 <= {TARGET_MS} ms\n")
        print("| role | page | p50 ms | p95 ms | queries | status | meets target |")
        print("|---|---|---:|---:|---:|---:|---|")
        for role, name, p50, p95, queries, status in rows:
            meets = "yes" if p95 <= TARGET_MS and status == 200 else "**no**"
            print(f"| {role} | {name} | {p50:.0f} | {p95:.0f} | {queries} | {status} | {meets} |")


if __name__ == "__main__":
    main()
