"""Erasure: remove a person's personal data, keeping aggregates in anonymised form.

What happens to each kind of record (README "Data protection" says the same for a DPO):

- The account keeps its row, so counts and research findings still add up, but its name
  becomes a stable pseudonym, its email an address that cannot receive mail, it cannot
  sign in, and its email addresses, single sign-on links, authenticators, API tokens,
  calendar feed and reminders are deleted.
- The profile's free text and diversity answers are cleared; training records and their
  files are deleted; memberships end and lose their job title.
- In a one-to-one relationship the whole shared record is about the person: every free
  text is replaced, every private note on it is destroyed (ciphertext deleted) and all its
  evidence files are deleted. In a group only what the person wrote or owns is removed.
- Event registrations and attendance are deleted.
- Research: their participation in studies is deleted with the documents about them and
  the passages coded in those; the stored original of their name in a study's pseudonym
  table is deleted, and documents still awaiting review lose it; as a member of a research
  team (or author of codes and memos) they stay, under the account's pseudonym.
- Survey answers keep their numbers and choices (for the aggregates) but lose free text.
- Where the person's name or email appears in stored text elsewhere (audit details,
  matching runs, import reports, stored reports, queued tasks), it is replaced by the
  pseudonym; import files and subject-access packs that held it are deleted.
"""

import hashlib
import hmac
import json
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.audit.services import record_event
from tandem.bank.models import BankEntry
from tandem.casestudies.models import CaseStudy, IdentifiablePerson, Publication
from tandem.evaluation.models import Answer, ReportSnapshot, SelfAssessment
from tandem.events.models import Attendance, Registration
from tandem.evidence.models import APPENDIX_C_NAMES, SourceImport, SourceReview, TeamMember
from tandem.framework.models import Reviewer
from tandem.impact.models import (
    CaseMember,
    CaseSection,
    CorroboratingSource,
    ImpactEvent,
    ResearchOutput,
    SectionComment,
    SectionVersion,
)
from tandem.imports.models import ExportFile, ImportJob
from tandem.matching.models import MatchProposal, MatchRun, ShortlistOffer
from tandem.organisations.models import Membership
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.privacy.models import ErasureRequest, SubjectAccessPack
from tandem.programmes.models import Enrolment, PlannedActivity, Spending
from tandem.relationships.crypto import EncryptedTextField
from tandem.relationships.models import (
    Action,
    AgendaItem,
    CalendarFeed,
    ChangeRequest,
    Conversation,
    EvidenceItem,
    Goal,
    GoalUpdate,
    LearningAgreement,
    LearningLogEntry,
    Observation,
    OwnLearningGoal,
    PrivateNote,
    PupilOutcomeRecord,
    Relationship,
    ReminderOptOut,
    ReminderSent,
    SpecialistReferral,
    TimeEntry,
)
from tandem.research.models import (
    Document as ResearchDocument,
)
from tandem.research.models import (
    Participant as ResearchParticipant,
)
from tandem.research.models import (
    Pseudonym as ResearchPseudonym,
)
from tandem.resources.models import Resource, ResourceFeedback

ERASED_DOMAIN = "erased.invalid"  # RFC 2606: mail to it can never be delivered
ERASED = "[erased]"


def pseudonym_for(user: User) -> str:
    """The same pseudonym every time for the same person, not guessable without the key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), user.uuid.bytes, hashlib.sha256).hexdigest()
    return f"Former participant {digest[:8].upper()}"


def is_erased(user: User) -> bool:
    return user.email.endswith(f"@{ERASED_DOMAIN}")


def delete_stored_files(files: Iterable[FieldFile]) -> None:
    """Delete stored files once the transaction that dropped their rows has committed."""
    stored = [(file.storage, file.name) for file in files if file and file.name]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


# What erased free text in a kept record reads as.
ERASED_TEXT = "(erased)"


def _blank(queryset: QuerySet[Any], **values: object) -> None:
    queryset.update(**values, updated_at=timezone.now())


def _pattern(needles: list[str]) -> re.Pattern[str]:
    # Longest first, so a full name goes before a preferred name inside it.
    ordered = sorted(needles, key=len, reverse=True)
    return re.compile("|".join(re.escape(needle) for needle in ordered), re.IGNORECASE)


def _replace(text: str, needles: list[str], replacement: str) -> str:
    return _pattern(needles).sub(replacement, text)


def _mentions(text: str, needles: list[str]) -> bool:
    return _pattern(needles).search(text) is not None


def _json_text(value: object) -> str:
    # Non-ASCII kept as it is, so "Zoë" is found as typed rather than as an escape.
    return json.dumps(value, ensure_ascii=False, default=str)


def _casings(text: str) -> set[str]:
    return {text, text.lower(), text.upper(), text.title()}


def _scrub_text(
    queryset: QuerySet[Any], fields: list[str], needles: list[str], pseudonym: str
) -> None:
    """Replace the person's name and email in the text fields of the rows that mention them.

    Encrypted fields cannot be searched in the database, so their rows are read and
    checked here (callers pass only a person's own groups' records for those)."""
    model = queryset.model
    encrypted = any(isinstance(model._meta.get_field(f), EncryptedTextField) for f in fields)
    rows = queryset
    if not encrypted:
        # SQLite's LIKE folds the case of ASCII letters only, so the usual casings of a
        # name with other letters ("Zoë", "ZOË") are looked for too; the regex matches any.
        variants = {form for needle in needles for form in _casings(needle)}
        mention = Q()
        for field in fields:
            for needle in variants:
                mention |= Q(**{f"{field}__icontains": needle})
        rows = queryset.filter(mention)
    for row in rows.only("pk", *fields).iterator():
        changed = {
            field: _replace(getattr(row, field), needles, pseudonym)
            for field in fields
            if _mentions(getattr(row, field), needles)
        }
        if changed:
            # The base manager: a soft-deleted row (relationships) is scrubbed too.
            model._base_manager.filter(pk=row.pk).update(**changed)


def _scrub_json(
    queryset: QuerySet[Any], fields: list[str], needles: list[str], pseudonym: str
) -> None:
    """As _scrub_text, for JSON fields: read in Python (lookups inside JSON differ by engine)."""
    # Each needle as it appears inside a JSON string, so replacing it keeps the JSON valid.
    escaped = [_json_text(needle)[1:-1] for needle in needles]
    for row in queryset.only("pk", *fields).iterator():
        changed = {}
        for field in fields:
            text = _json_text(getattr(row, field))
            if _mentions(text, escaped):
                changed[field] = json.loads(_replace(text, escaped, pseudonym))
        if changed:
            type(row).objects.filter(pk=row.pk).update(**changed)


def _erase_relationship_records(user: User, pseudonym: str, needles: list[str]) -> None:
    relationships = Relationship.objects.filter(members__user=user)
    pairs = relationships.filter(is_group=False)
    groups = relationships.filter(is_group=True)
    in_pairs = Q(relationship__in=pairs)

    PrivateNote.objects.filter(Q(author=user) | Q(conversation__relationship__in=pairs)).delete()
    evidence = EvidenceItem.objects.filter(in_pairs | Q(owner=user))
    delete_stored_files(item.file for item in evidence.only("pk", "file"))
    evidence.delete()

    _blank(pairs, end_note="", conflict_justification="", conflicts=[])
    _blank(
        LearningAgreement.objects.filter(in_pairs),
        purpose=ERASED,
        ground_rules=ERASED,
        roles=ERASED,
        review_points=ERASED,
        meeting_arrangements=ERASED,
        change_note="",
    )
    _blank(
        # all_objects: soft-deleted goals and conversations are erased too.
        Goal.all_objects.filter(in_pairs | Q(owner=user)),
        title=ERASED,
        why_it_matters=ERASED,
        success_criteria=ERASED,
    )
    _blank(GoalUpdate.objects.filter(Q(goal__relationship__in=pairs) | Q(author=user)), note="")
    _blank(Conversation.all_objects.filter(in_pairs), summary="", evidence_discussed="")
    _blank(
        AgendaItem.objects.filter(Q(conversation__relationship__in=pairs) | Q(raised_by=user)),
        text=ERASED,
    )
    _blank(Action.all_objects.filter(in_pairs | Q(owner=user)), description=ERASED)
    _blank(
        # all_objects: soft-deleted observations and time are erased too.
        Observation.all_objects.filter(in_pairs | Q(created_by=user)),
        focus=ERASED,
        notes="",
        feedback="",
        follow_up="",
    )
    _blank(TimeEntry.all_objects.filter(in_pairs | Q(user=user)), note="")
    _blank(
        ChangeRequest.objects.filter(in_pairs | Q(requested_by=user)),
        reason="",
        resolution_note="",
    )
    # In a group the others' record stays; only mentions of the person by name go.
    _scrub_text(
        Conversation.all_objects.filter(relationship__in=groups),
        ["summary", "evidence_discussed"],
        needles,
        pseudonym,
    )
    _scrub_text(
        Observation.all_objects.filter(relationship__in=groups),
        ["notes", "feedback", "follow_up"],
        needles,
        pseudonym,
    )


def _erase_two_way_records(user: User) -> None:
    """A supporter's own learning goals and log are theirs alone: deleted (soft-deleted rows
    too). Their class's pupil outcome figures go with them. A referral keeps its dates and
    status for the programme's counts, without its words, when the person was its learner
    or its specialist."""
    OwnLearningGoal.all_objects.filter(owner=user).delete()
    LearningLogEntry.all_objects.filter(owner=user).delete()
    PupilOutcomeRecord.objects.filter(recorded_by=user).delete()
    _blank(
        SpecialistReferral.objects.filter(Q(learner=user) | Q(specialist=user)),
        focus_area=ERASED,
        note="",
    )


def _erase_profile_and_memberships(user: User) -> None:
    _blank(
        Profile.objects.filter(user=user),
        bio="",
        postcode_district="",
        gender="",
        ethnic_group="",
        disability="",
        diversity_consented_at=None,
        is_open_to_mentoring=False,
    )
    training = MentorTrainingRecord.objects.filter(profile__user=user)
    delete_stored_files(record.evidence_file for record in training.only("pk", "evidence_file"))
    training.delete()
    today = timezone.localdate()
    for membership in Membership.objects.filter(user=user):
        membership.job_title = ""
        membership.data_protection_lead = False
        if membership.ended_on is None:
            membership.ended_on = max(today, membership.started_on or today)
        membership.save(update_fields=["job_title", "data_protection_lead", "ended_on"])
    Reviewer.objects.filter(user=user).delete()
    _blank(
        Enrolment.objects.filter(user=user),
        focus_areas="",
        initial_goals="",
        preferences="",
        expertise="",
        availability_note="",
        decision_note="",
    )
    _blank(Answer.objects.filter(response__respondent=user), text="")


def _erase_event_records(user: User) -> None:
    """Registrations and attendance are about the person alone: deleted. A place they held
    is not offered on (the event's figures simply lose them)."""
    Attendance.objects.filter(user=user).delete()
    Registration.objects.filter(user=user).delete()


def _erase_bank_entries(user: User) -> None:
    """A mentor bank entry is wholly about its person (qualities, experience, capacity):
    deleted; the bank's counts of live load come from relationships, not entries."""
    BankEntry.objects.filter(user=user).delete()


def _erase_resource_feedback(user: User, pseudonym: str, needles: list[str]) -> None:
    """ "Was this useful?" answers and their comments are the person's own: deleted. The
    library's resources are the organisation's; any mention of the person's name goes."""
    ResourceFeedback.objects.filter(user=user).delete()
    _scrub_text(
        Resource.objects.all(), ["summary", "source", "withdrawal_reason"], needles, pseudonym
    )


def _erase_research(user: User, pseudonym: str, needles: list[str]) -> None:
    """Participation goes with its documents and coded passages; the name's original in
    pseudonym tables goes; unreviewed documents' originals lose the name."""
    ResearchParticipant.objects.filter(user=user).delete()
    names = {" ".join(needle.split()).casefold() for needle in needles}
    names |= {needle.split()[0].casefold() for needle in needles if " " in needle.strip()}
    stale = [
        row.pk
        for row in ResearchPseudonym.objects.only("pk", "original").iterator()
        if " ".join(row.original.split()).casefold() in names
    ]
    ResearchPseudonym.objects.filter(pk__in=stale).delete()
    pending = ResearchDocument.objects.filter(pseudonyms_reviewed_at__isnull=True).exclude(
        original_text=""
    )
    _scrub_text(pending, ["original_text"], needles, pseudonym)
    _scrub_json(pending, ["replacements", "turns"], needles, pseudonym)


def _erase_evidence_records(user: User, pseudonym: str, needles: list[str]) -> None:
    """Evidence reviews summarise published literature and stay, under the reviewer's
    pseudonym; their place on review teams goes, and their name anywhere in a review's
    text or a pending reference import is replaced."""
    TeamMember.objects.filter(user=user).delete()
    text_fields = [*APPENDIX_C_NAMES, "moderation_note"]
    _scrub_text(SourceReview.objects.all(), text_fields, needles, pseudonym)
    fields = ["entries", "duplicates", "refused"]
    _scrub_json(SourceImport.objects.all(), fields, needles, pseudonym)


def _erase_funding_text(user: User) -> None:
    """Funding plans keep their amounts, dates and terms for the finance record (the
    programme's, kept with its enrolments); what the person wrote about them goes."""
    _blank(PlannedActivity.all_objects.filter(enrolment__user=user), title=ERASED_TEXT)
    _blank(Spending.all_objects.filter(enrolment__user=user), description=ERASED_TEXT)


CASE_STUDY_TEXT = [
    "title",
    "summary",
    "context",
    "what_they_did",
    "challenges",
    "what_worked",
    "evidence_of_impact",
    "returned_comment",
]


def _erase_case_study_records(user: User, pseudonym: str, needles: list[str]) -> None:
    """Case studies are the organisation's: the person stops being an author, their name
    leaves the texts (published versions included), and wherever they were listed as an
    identifiable person the record keeps only the pseudonym and the consent decision."""
    for case_study in CaseStudy.objects.filter(authors=user):
        case_study.authors.remove(user)
        # The published byline as it would be published now, whatever name it was under.
        Publication.objects.filter(case_study=case_study).update(
            authors=list(
                case_study.authors.order_by("full_name").values_list("full_name", flat=True)
            )
        )
    _scrub_text(CaseStudy.objects.all(), CASE_STUDY_TEXT, needles, pseudonym)
    _scrub_text(
        Publication.objects.all(),
        [field for field in CASE_STUDY_TEXT if field != "returned_comment"],
        needles,
        pseudonym,
    )
    _scrub_json(Publication.objects.all(), ["authors"], needles, pseudonym)
    _blank(
        IdentifiablePerson.objects.filter(Q(user=user) | Q(email__iexact=user.email)),
        name=pseudonym,
        email="",
    )
    _scrub_text(
        IdentifiablePerson.objects.all(), ["name", "role", "consent_how"], needles, pseudonym
    )


def _erase_impact_records(user: User, pseudonym: str, needles: list[str]) -> None:
    """Impact case studies: the person leaves every team and their comments are deleted;
    their name or email in any case's text (sections and their versions, outputs, events,
    sources, including a testimonial giver's name and contact) is replaced."""
    CaseMember.objects.filter(user=user).delete()
    SectionComment.objects.filter(author=user).delete()
    _scrub_text(SectionComment.objects.all(), ["text"], needles, pseudonym)
    _scrub_text(CaseSection.objects.all(), ["text"], needles, pseudonym)
    _scrub_text(SectionVersion.objects.all(), ["text"], needles, pseudonym)
    _scrub_text(
        ResearchOutput.objects.all(), ["title", "authors", "quality_statement"], needles, pseudonym
    )
    _scrub_text(ImpactEvent.objects.all(), ["description", "figures"], needles, pseudonym)
    _scrub_text(
        CorroboratingSource.objects.all(),
        ["title", "giver_name", "giver_contact", "verification_method"],
        needles,
        pseudonym,
    )


def _erase_elsewhere(user: User, pseudonym: str, needles: list[str]) -> None:
    programmes = Enrolment.objects.filter(user=user).values("programme")
    _scrub_text(AuditEvent.objects.all(), ["detail"], needles, pseudonym)
    runs = MatchRun.objects.filter(programme__in=programmes)
    _scrub_json(runs, ["inputs", "problems", "unplaced", "stats"], needles, pseudonym)
    _scrub_json(
        MatchProposal.objects.filter(run__in=runs), ["why_not", "contributions"], needles, pseudonym
    )
    _scrub_json(ShortlistOffer.objects.filter(run__in=runs), ["contributions"], needles, pseudonym)
    _scrub_json(
        ReportSnapshot.objects.filter(programme__in=programmes), ["tables"], needles, pseudonym
    )
    # Who answered stays (the account is pseudonymised); their name in any note goes.
    _scrub_text(SelfAssessment.objects.all(), ["evidence"], needles, pseudonym)
    mentioning_jobs = [
        job.pk
        for job in ImportJob.objects.only(
            "pk", "headers", "report", "column_profile", "skipped_rows"
        ).iterator()
        if _mentions(
            _json_text([job.headers, job.report, job.column_profile, job.skipped_rows]), needles
        )
    ]
    jobs = ImportJob.objects.filter(Q(pk__in=mentioning_jobs) | Q(created_by=user))
    delete_stored_files(job.file for job in jobs.only("pk", "file"))
    jobs.delete()
    # Prepared exports hold names: the person's own, and those of their programmes and
    # organisations (they would be rebuilt without the person's name anyway).
    exports = ExportFile.objects.filter(
        Q(owner=user)
        | Q(programme__in=programmes)
        | Q(organisation__in=Membership.objects.filter(user=user).values("organisation"))
    )
    delete_stored_files(export.file for export in exports.only("pk", "file"))
    exports.delete()
    _scrub_text(ErasureRequest.objects.filter(subject=user), ["reason"], needles, pseudonym)
    packs = SubjectAccessPack.objects.filter(subject=user)
    delete_stored_files(pack.file for pack in packs.only("pk", "file"))
    packs.delete()
    log_entries = apps.get_model("admin", "LogEntry").objects.all()
    _scrub_text(log_entries, ["object_repr", "change_message"], needles, pseudonym)
    task_results = apps.get_model("django_tasks_database", "DBTaskResult").objects.all()
    finished = [
        result.pk
        for result in task_results.only("pk", "args_kwargs", "return_value").iterator()
        if _mentions(_json_text([result.args_kwargs, result.return_value]), needles)
    ]
    task_results.filter(pk__in=finished).delete()


def _erase_account(user: User, pseudonym: str) -> None:
    for label in ("account.EmailAddress", "socialaccount.SocialAccount", "mfa.Authenticator"):
        apps.get_model(label).objects.filter(user=user).delete()
    apps.get_model("api", "ApiToken").objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    ReminderSent.objects.filter(user=user).delete()
    ReminderOptOut.objects.filter(user=user).delete()
    user.full_name = pseudonym
    user.preferred_name = ""
    user.email = f"{pseudonym.rsplit(' ', 1)[-1].lower()}@{ERASED_DOMAIN}"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new (unusable) password also ends every session: Django checks its hash on each request.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _needles(user: User) -> list[str]:
    names = [user.full_name, user.preferred_name, user.email]
    return sorted({name.strip() for name in names if len(name.strip()) >= 3}, key=len, reverse=True)


@transaction.atomic
def erase_person(*, actor: User | None, subject: User) -> str:
    """Erase `subject`'s personal data and return their pseudonym. Cannot be undone.

    Callers check who may erase (the two-person approval, or the server's command line).
    """
    subject = User.objects.select_for_update().get(pk=subject.pk)
    pseudonym = pseudonym_for(subject)
    if is_erased(subject):
        return pseudonym
    needles = _needles(subject)
    _erase_relationship_records(subject, pseudonym, needles)
    _erase_two_way_records(subject)
    _erase_profile_and_memberships(subject)
    _erase_event_records(subject)
    _erase_bank_entries(subject)
    _erase_resource_feedback(subject, pseudonym, needles)
    _erase_funding_text(subject)
    _erase_case_study_records(subject, pseudonym, needles)
    _erase_research(subject, pseudonym, needles)
    _erase_evidence_records(subject, pseudonym, needles)
    _erase_impact_records(subject, pseudonym, needles)
    _erase_elsewhere(subject, pseudonym, needles)
    _erase_account(subject, pseudonym)
    if actor is not None:
        record_event(actor=actor, action="person.erased", target=subject)
    else:
        AuditEvent.objects.create(
            action="person.erased",
            object_type=subject._meta.label_lower,
            object_uuid=subject.uuid,
            detail="By the server's command line.",
        )
    return pseudonym
