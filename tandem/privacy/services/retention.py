"""Disposal: delete or anonymise what the retention schedule says has expired.

Run nightly by `tandem dispose` (or the `dispose_expired` task). Each model with a
`Period` rule has a function here that finds its expired records given the cutoff date
and disposes of them; every run writes one `DisposalLog` row per model that had any.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.bank.models import BankEntry
from tandem.evaluation.models import Answer, SurveyResponse
from tandem.events.models import Attendance, Registration
from tandem.evidence.models import SourceImport
from tandem.imports.models import ExportFile, ImportJob
from tandem.matching.models import MatchRun, MentorPreference
from tandem.organisations.models import Membership
from tandem.privacy import retention
from tandem.privacy.models import DisposalLog, ErasureRequest, SubjectAccessPack
from tandem.privacy.services.erasure import ERASED_DOMAIN, delete_stored_files, erase_person
from tandem.programmes.models import Enrolment, PlannedActivity, Spending
from tandem.relationships.models import (
    EvidenceItem,
    Relationship,
    RelationshipMember,
    ReminderSent,
)
from tandem.research.models import Document as ResearchDocument
from tandem.research.models import Participant as ResearchParticipant
from tandem.research.models import Pseudonym


def _delete(queryset: QuerySet) -> int:
    count = queryset.count()
    queryset.delete()
    return count


def _relationships(cutoff: dt.date) -> int:
    expired = Relationship.objects.filter(
        Q(ended_on__lt=cutoff) | Q(ended_on__isnull=True, programme__ends_on__lt=cutoff)
    )
    evidence = EvidenceItem.objects.filter(relationship__in=expired).only("pk", "file")
    delete_stored_files(item.file for item in evidence)
    # Records that point at an expired relationship without belonging to it (survey
    # responses, matching proposals) keep their figures: their links are set to null.
    return _delete(expired)


ENROLMENT_TEXT = [
    "focus_areas",
    "initial_goals",
    "preferences",
    "expertise",
    "availability_note",
    "decision_note",
]


def _enrolments(cutoff: dt.date) -> int:
    has_text = Q()
    for field in ENROLMENT_TEXT:
        has_text |= ~Q(**{field: ""})
    expired = Enrolment.objects.filter(has_text, programme__ends_on__lt=cutoff)
    return expired.update(**dict.fromkeys(ENROLMENT_TEXT, ""), updated_at=timezone.now())


def _planned_activities(cutoff: dt.date) -> int:
    return _delete(PlannedActivity.all_objects.filter(enrolment__programme__ends_on__lt=cutoff))


def _spending(cutoff: dt.date) -> int:
    return _delete(Spending.all_objects.filter(enrolment__programme__ends_on__lt=cutoff))


def _survey_responses(cutoff: dt.date) -> int:
    expired = SurveyResponse.objects.filter(
        Q(survey__closes_on__lt=cutoff)
        | Q(survey__closes_on__isnull=True, survey__programme__ends_on__lt=cutoff),
        answers__text__gt="",
    ).distinct()
    count = expired.count()
    Answer.objects.filter(response__in=expired.values("pk")).update(text="")
    return count


def _match_runs(cutoff: dt.date) -> int:
    return _delete(MatchRun.objects.filter(programme__ends_on__lt=cutoff))


def _preferences(cutoff: dt.date) -> int:
    return _delete(MentorPreference.objects.filter(programme__ends_on__lt=cutoff))


def _memberships(cutoff: dt.date) -> int:
    return _delete(Membership.objects.filter(ended_on__lt=cutoff))


def _accounts(cutoff: dt.date) -> int:
    """People with no current membership and no sign-in (or joining) since the cutoff."""
    live = Relationship.objects.exclude(status=Relationship.Status.ENDED)
    expired = (
        User.objects.exclude(email__endswith=f"@{ERASED_DOMAIN}")
        .exclude(pk__in=Membership.objects.current().values("user"))
        # Someone in a relationship that has not ended is still taking part.
        .exclude(pk__in=RelationshipMember.objects.filter(relationship__in=live).values("user"))
        .filter(
            Q(last_login__date__lt=cutoff)
            | Q(last_login__isnull=True, date_joined__date__lt=cutoff)
        )
        .exclude(is_superuser=True)
    )
    count = 0
    for user in expired.iterator():
        erase_person(actor=None, subject=user)
        count += 1
    return count


def _audit_events(cutoff: dt.date) -> int:
    return _delete(AuditEvent.objects.filter(at__date__lt=cutoff))


def _erasure_requests(cutoff: dt.date) -> int:
    return _delete(
        ErasureRequest.objects.exclude(status=ErasureRequest.Status.REQUESTED).filter(
            decided_at__date__lt=cutoff
        )
    )


def _imports(cutoff: dt.date) -> int:
    expired = ImportJob.objects.filter(created_at__date__lt=cutoff)
    delete_stored_files(job.file for job in expired.only("pk", "file"))
    return _delete(expired)


def _evidence_imports(cutoff: dt.date) -> int:
    return _delete(SourceImport.objects.filter(created_at__date__lt=cutoff))


def _exports(cutoff: dt.date) -> int:
    expired = ExportFile.objects.filter(created_at__date__lt=cutoff)
    delete_stored_files(export.file for export in expired.only("pk", "file"))
    return _delete(expired)


def _reminders(cutoff: dt.date) -> int:
    return _delete(ReminderSent.objects.filter(sent_on__lt=cutoff))


def _packs(cutoff: dt.date) -> int:
    expired = SubjectAccessPack.objects.filter(created_at__date__lt=cutoff)
    delete_stored_files(pack.file for pack in expired.only("pk", "file"))
    return _delete(expired)


def _sessions(cutoff: dt.date) -> int:
    sessions = apps.get_model("sessions", "Session").objects
    return _delete(sessions.filter(expire_date__date__lt=cutoff))


def _task_results(cutoff: dt.date) -> int:
    results = apps.get_model("django_tasks_database", "DBTaskResult").objects
    return _delete(results.filter(finished_at__date__lt=cutoff))


def _event_registrations(cutoff: dt.date) -> int:
    return _delete(Registration.objects.filter(event__programme__ends_on__lt=cutoff))


def _event_attendance(cutoff: dt.date) -> int:
    # Training records the attendance wrote are the mentor's own (kept with their account).
    return _delete(Attendance.objects.filter(session__event__programme__ends_on__lt=cutoff))


def _bank_entries(cutoff: dt.date) -> int:
    # Approved and waiting entries are the live register; only closed ones expire.
    return _delete(
        BankEntry.objects.filter(
            status__in=[BankEntry.Status.DECLINED, BankEntry.Status.WITHDRAWN],
            decided_at__date__lt=cutoff,
        )
    )


def _research_documents(cutoff: dt.date) -> int:
    # Coded segments, memos on them and theme quotes go with their document.
    return _delete(ResearchDocument.objects.filter(study__closed_at__date__lt=cutoff))


def _research_participants(cutoff: dt.date) -> int:
    return _delete(ResearchParticipant.objects.filter(study__closed_at__date__lt=cutoff))


def _research_pseudonyms(cutoff: dt.date) -> int:
    return _delete(Pseudonym.objects.filter(study__closed_at__date__lt=cutoff))


DISPOSERS: dict[str, Callable[[dt.date], int]] = {
    "relationships.Relationship": _relationships,
    "programmes.Enrolment": _enrolments,
    # Spending first: it points at the activities it paid for.
    "programmes.Spending": _spending,
    "programmes.PlannedActivity": _planned_activities,
    "evaluation.SurveyResponse": _survey_responses,
    "matching.MatchRun": _match_runs,
    "matching.MentorPreference": _preferences,
    "organisations.Membership": _memberships,
    "accounts.User": _accounts,
    "audit.AuditEvent": _audit_events,
    "privacy.ErasureRequest": _erasure_requests,
    "imports.ImportJob": _imports,
    "evidence.SourceImport": _evidence_imports,
    "imports.ExportFile": _exports,
    "relationships.ReminderSent": _reminders,
    "privacy.SubjectAccessPack": _packs,
    "sessions.Session": _sessions,
    "django_tasks_database.DBTaskResult": _task_results,
    "events.Registration": _event_registrations,
    "events.Attendance": _event_attendance,
    "bank.BankEntry": _bank_entries,
    # Documents before their participants (field notes have none); the study's findings,
    # codebook and themes stay (Kept), without the people.
    "research.Document": _research_documents,
    "research.Participant": _research_participants,
    "research.Pseudonym": _research_pseudonyms,
}


@dataclass(frozen=True)
class Disposal:
    model: str
    rule: retention.Period
    cutoff_on: dt.date
    num_records: int


def dispose_expired(*, today: dt.date | None = None, dry_run: bool = False) -> list[Disposal]:
    """Delete or anonymise every expired record and log it; for the nightly command and task.

    Memberships go before accounts, so a person who left long ago is erased the same night.
    """
    disposals = []
    for label, disposer in DISPOSERS.items():
        rule = retention.RULES[label]
        assert isinstance(rule, retention.Period)  # noqa: S101 - a test checks the pairing
        cutoff_on = retention.cutoff(rule.period, today)
        with transaction.atomic():
            num_records = disposer(cutoff_on)
            if dry_run:
                transaction.set_rollback(True)
            elif num_records:
                DisposalLog.objects.create(
                    rule=rule.period,
                    model=label,
                    outcome=rule.outcome,
                    num_records=num_records,
                    cutoff_on=cutoff_on,
                )
        if num_records:
            disposals.append(Disposal(label, rule, cutoff_on, num_records))
    return disposals
