"""Subject access: everything Tandem holds about one person, as a ZIP.

The pack holds one JSON file per kind of record, a PDF summary a person can read, and the
uploaded files. It includes what others recorded about the person in the relationships
they belong to (the shared record: conversations, observations, goals, agreements…) and
their survey answers, but never anyone else's private notes, change requests or mentee
preferences. Built by `build_pack`, which the `prepare_subject_access_pack` task and the
`tandem subject_access` command call.
"""

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.models import AuditEvent
from tandem.bank.models import BankEntry
from tandem.casestudies.models import CaseStudy, IdentifiablePerson
from tandem.evaluation.models import Answer, SelfAssessment, SurveyResponse
from tandem.events.models import Attendance, Registration
from tandem.evidence.models import APPENDIX_C_NAMES, SourceReview, TeamMember
from tandem.framework.models import ReviewAction, ReviewComment
from tandem.impact.models import CaseMember, CorroboratingSource, SectionComment, SectionVersion
from tandem.imports.models import ExportFile, ImportJob
from tandem.matching.models import MatchProposal, MentorPreference, ShortlistOffer
from tandem.organisations.models import Membership
from tandem.pdfs import render_pdf
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.privacy.models import (
    ConsentDecision,
    ErasureRequest,
    NoticeAcknowledgement,
    SubjectAccessPack,
)
from tandem.programmes.models import Enrolment, PlannedActivity, Spending
from tandem.relationships.models import (
    Action,
    AgendaItem,
    AgreementSignature,
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
    RelationshipMember,
    ReminderOptOut,
    SpecialistReferral,
    TimeEntry,
)
from tandem.research.models import CaseSummary as ResearchCaseSummary
from tandem.research.models import CodedSegment as ResearchSegment
from tandem.research.models import Document as ResearchDocument
from tandem.research.models import Participant as ResearchParticipant
from tandem.research.models import StudyMember
from tandem.resources.models import Resource, ResourceFeedback

STAMPS = ["uuid", "created_at", "updated_at"]


@dataclass(frozen=True)
class Section:
    name: str  # the JSON file's name, without .json
    title: str  # for the PDF summary
    rows: list[dict[str, Any]]


def _values(rows: Iterable[Any]) -> list[dict[str, Any]]:
    return list(rows)


def _rows(queryset: QuerySet, *fields: str, **names: Any) -> list[dict[str, Any]]:
    return _values(queryset.values(*STAMPS, *fields, **names))


def _account(user: User) -> list[Section]:
    email_addresses = apps.get_model("account", "EmailAddress").objects.filter(user=user)
    api_tokens = apps.get_model("api", "ApiToken").objects.filter(user=user)
    profile = Profile.objects.filter(user=user)
    profile_rows = _rows(
        profile,
        "career_stage",
        "years_in_profession",
        "years_in_role",
        "region",
        "postcode_district",
        "availability",
        "bio",
        "is_open_to_mentoring",
        "diversity_consented_at",
        "gender",
        "ethnic_group",
        "disability",
    )
    for row, record in zip(profile_rows, profile.prefetch_related(*PROFILE_LISTS), strict=True):
        for name in PROFILE_LISTS:
            row[name] = [str(item) for item in getattr(record, name).all()]
    return [
        Section(
            "account",
            "Your account",
            _rows(
                User.objects.filter(pk=user.pk),
                "email",
                "full_name",
                "preferred_name",
                "date_joined",
                "last_login",
                "is_active",
            ),
        ),
        Section(
            "email_addresses",
            "Email addresses",
            list(email_addresses.values("email", "verified", "primary")),
        ),
        Section("profile", "Profile", profile_rows),
        Section(
            "training_records",
            "Mentor training",
            _rows(
                MentorTrainingRecord.objects.filter(profile__user=user),
                "course",
                "provider",
                "completed_on",
                "hours",
                "is_accredited",
                "expires_on",
                "evidence_url",
                "evidence_file",
            ),
        ),
        Section(
            "memberships",
            "Organisations",
            _rows(
                Membership.objects.filter(user=user),
                "job_title",
                "role_category",
                "access",
                "data_protection_lead",
                "started_on",
                "ended_on",
                organisation_name=F("organisation__name"),
                line_manager_name=F("line_manager__full_name"),
            ),
        ),
        Section(
            "api_tokens",
            "API tokens (never their secrets)",
            _rows(api_tokens, "name", "scope", "last_used_at", "revoked_at"),
        ),
        Section("calendar_feeds", "Calendar feeds", _rows(CalendarFeed.objects.filter(user=user))),
        Section(
            "reminder_opt_outs",
            "Reminder emails you chose not to get",
            _rows(ReminderOptOut.objects.filter(user=user), "kind"),
        ),
    ]


PROFILE_LISTS = ["phases", "subjects", "expertise", "interests", "languages"]


def _programmes(user: User) -> list[Section]:
    runs_as = Q(mentee=user) | Q(mentor=user)
    return [
        Section(
            "enrolments",
            "Programmes",
            _rows(
                Enrolment.objects.filter(user=user),
                "role",
                "status",
                "focus_areas",
                "initial_goals",
                "preferences",
                "capacity",
                "expertise",
                "availability_note",
                "decision_note",
                "decided_at",
                programme_name=F("programme__name"),
            ),
        ),
        Section(
            "match_proposals",
            "Proposed matches",
            _rows(
                MatchProposal.objects.filter(runs_as),
                "points",
                "is_edited",
                programme_name=F("run__programme__name"),
                mentor_name=F("mentor__full_name"),
                mentee_name=F("mentee__full_name"),
            ),
        ),
        Section(
            "shortlist_offers",
            "Shortlists",
            _rows(
                ShortlistOffer.objects.filter(runs_as),
                "rank",
                "points",
                "status",
                "chosen_at",
                "respond_by",
                "responded_at",
                mentor_name=F("mentor__full_name"),
                mentee_name=F("mentee__full_name"),
            ),
        ),
        # A mentee's ranking of mentors is the mentee's: a mentor's pack leaves it out.
        Section(
            "mentor_preferences",
            "Your mentor preferences",
            _rows(
                MentorPreference.objects.filter(mentee=user),
                "rank",
                programme_name=F("programme__name"),
                mentor_name=F("mentor__full_name"),
            ),
        ),
        # The mentee's own order of their shortlist (pairing): theirs, like their preferences.
        Section(
            "shortlist_rankings",
            "Your ranking of suggested mentors",
            _rows(
                ShortlistOffer.objects.filter(mentee=user, choice_rank__isnull=False),
                "choice_rank",
                programme_name=F("run__programme__name"),
                mentor_name=F("mentor__full_name"),
            ),
        ),
    ]


def _relationships(user: User) -> list[Section]:
    mine = Q(relationship__members__user=user)
    in_mine = RelationshipMember.objects.filter(user=user).values("relationship")
    shared = Q(relationship__in=in_mine)
    return [
        Section(
            "relationships",
            "Mentoring and coaching relationships",
            _rows(
                RelationshipMember.objects.filter(mine),
                "role",
                "is_assessor",
                name=F("user__full_name"),
                relationship_uuid=F("relationship__uuid"),
                programme_name=F("relationship__programme__name"),
                status=F("relationship__status"),
                started_on=F("relationship__started_on"),
                ended_on=F("relationship__ended_on"),
                end_reason=F("relationship__end_reason"),
            ),
        ),
        Section(
            "learning_agreements",
            "Learning agreements",
            _rows(
                LearningAgreement.objects.filter(shared),
                "number",
                "purpose",
                "ground_rules",
                "confidentiality",
                "safeguarding_exceptions",
                "meeting_arrangements",
                "roles",
                "review_points",
                "ending_and_change",
                "change_note",
                "framework_keys",
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "agreement_signatures",
            "Your signatures",
            _rows(
                AgreementSignature.objects.filter(user=user),
                "signed_at",
                agreement_uuid=F("agreement__uuid"),
            ),
        ),
        Section(
            "goals",
            "Goals",
            _rows(
                # all_objects: deleted goals are still held, so the pack shows them.
                Goal.all_objects.filter(shared),
                "title",
                "why_it_matters",
                "success_criteria",
                "target_on",
                "status",
                "framework_keys",
                "deleted_at",
                owner_name=F("owner__full_name"),
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "goal_updates",
            "Goal updates",
            _rows(
                GoalUpdate.objects.filter(goal__relationship__in=in_mine),
                "note",
                "progress_percent",
                goal_uuid=F("goal__uuid"),
                author_name=F("author__full_name"),
            ),
        ),
        Section(
            "conversations",
            "Learning conversations",
            _rows(
                # all_objects: deleted conversations are still held, so the pack shows them.
                Conversation.all_objects.filter(shared),
                "status",
                "starts_at",
                "duration_minutes",
                "mode",
                "evidence_discussed",
                "summary",
                "deleted_at",
                relationship_uuid=F("relationship__uuid"),
                logged_by=F("created_by__full_name"),
            ),
        ),
        Section(
            "agenda_items",
            "Agenda items",
            _rows(
                AgendaItem.objects.filter(conversation__relationship__in=in_mine),
                "text",
                "position",
                conversation_uuid=F("conversation__uuid"),
                raised_by_name=F("raised_by__full_name"),
            ),
        ),
        Section(
            "actions",
            "Actions",
            _rows(
                Action.all_objects.filter(shared),
                "description",
                "due_on",
                "done_at",
                "deleted_at",
                owner_name=F("owner__full_name"),
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "observations",
            "Observations",
            _rows(
                # all_objects: deleted rows are still held, so the pack shows them.
                Observation.all_objects.filter(shared),
                "observed_on",
                "focus",
                "notes",
                "feedback",
                "follow_up",
                "deleted_at",
                observer_name=F("created_by__full_name"),
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "evidence",
            "Portfolio of evidence",
            _rows(
                EvidenceItem.objects.filter(shared),
                "title",
                "description",
                "file",
                "link",
                "content_type",
                "size_bytes",
                owner_name=F("owner__full_name"),
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "time_entries",
            "Time",
            _rows(
                TimeEntry.all_objects.filter(shared),
                "kind",
                "minutes",
                "spent_on",
                "note",
                "deleted_at",
                person_name=F("user__full_name"),
            ),
        ),
        Section(
            "change_requests",
            "Your requests to change mentor",
            _rows(
                ChangeRequest.objects.filter(requested_by=user),
                "reason",
                "status",
                "resolved_at",
                "resolution_note",
            ),
        ),
    ]


def _private_notes(user: User) -> Section:
    # The person's own notes only, decrypted: never another member's (DESIGN.md).
    notes = PrivateNote.objects.filter(author=user).select_related("conversation")
    rows = [
        {
            "uuid": note.uuid,
            "created_at": note.created_at,
            "updated_at": note.updated_at,
            "conversation_uuid": note.conversation.uuid,
            "body": note.body,
        }
        for note in notes
    ]
    return Section("private_notes", "Your private notes", rows)


def _surveys(user: User) -> list[Section]:
    responses = SurveyResponse.objects.filter(respondent=user)
    return [
        Section(
            "survey_responses",
            "Survey responses",
            _rows(
                responses,
                "role",
                "round",
                "submitted_at",
                survey_title=F("survey__title"),
            ),
        ),
        Section(
            "survey_answers",
            "Survey answers",
            _values(
                Answer.objects.filter(response__in=responses).values(
                    "number",
                    "text",
                    "choices",
                    response_uuid=F("response__uuid"),
                    question_text=F("question__text"),
                )
            ),
        ),
    ]


def _elsewhere(user: User) -> list[Section]:
    return [
        Section(
            "review_comments",
            "Comments in the Framework review",
            _rows(ReviewComment.objects.filter(author=user), "body"),
        ),
        Section(
            "review_actions",
            "Framework review actions you own",
            _rows(ReviewAction.objects.filter(owner=user), "description", "due_on", "status"),
        ),
        Section(
            "health_self_assessments",
            "Health-check self-assessments you answered",
            _rows(
                SelfAssessment.objects.filter(answered_by=user),
                "item_key",
                "answer",
                "evidence",
                "answered_at",
                programme_name=F("programme__name"),
            ),
        ),
        Section(
            "imports",
            "Spreadsheets you imported",
            _rows(ImportJob.objects.filter(created_by=user), "kind", "file_name", "status"),
        ),
        Section(
            "exports",
            "Exports you prepared",
            _rows(
                ExportFile.objects.filter(owner=user),
                "kind",
                "file_format",
                "title",
                "file_name",
                "finished_at",
                "expires_at",
            ),
        ),
        Section(
            "audit_events",
            "What you read or exported, and reads of your account",
            _rows(
                AuditEvent.objects.filter(Q(actor=user) | Q(object_uuid=user.uuid)),
                "action",
                "object_type",
                "object_uuid",
                "detail",
                "at",
            ),
        ),
        Section(
            "consent_decisions",
            "Consent given and withdrawn",
            _rows(ConsentDecision.objects.filter(user=user), "purpose", "is_given"),
        ),
        Section(
            "notice_acknowledgements",
            "Privacy notices you have read",
            _rows(
                NoticeAcknowledgement.objects.filter(user=user),
                organisation_name=F("notice__organisation__name"),
                notice_version=F("notice__version"),
            ),
        ),
        Section(
            "subject_access_packs",
            "Subject-access packs",
            _rows(SubjectAccessPack.objects.filter(subject=user), "status", "completed_at"),
        ),
        Section(
            "erasure_requests",
            "Erasure requests",
            _rows(ErasureRequest.objects.filter(subject=user), "status", "reason", "decided_at"),
        ),
    ]


def _events(user: User) -> list[Section]:
    return [
        Section(
            "event_registrations",
            "Events you registered for",
            _rows(
                Registration.objects.filter(user=user),
                "status",
                "requested_at",
                "confirmed_at",
                "cancelled_at",
                event_title=F("event__title"),
                programme_name=F("event__programme__name"),
            ),
        ),
        Section(
            "event_attendance",
            "Event sessions you attended or missed",
            _rows(
                Attendance.objects.filter(user=user),
                "attended",
                event_title=F("session__event__title"),
                session_starts_at=F("session__starts_at"),
                training_record_uuid=F("training_record__uuid"),
            ),
        ),
    ]


def _two_way(user: User) -> list[Section]:
    # all_objects: deleted rows are still held, so the pack shows them.
    return [
        Section(
            "own_learning_goals",
            "Your own learning goals (as a mentor, coach or co-coach)",
            _rows(
                OwnLearningGoal.all_objects.filter(owner=user),
                "title",
                "how_i_will_know",
                "status",
                "framework_keys",
                "deleted_at",
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "learning_log",
            "Your learning log",
            _rows(
                LearningLogEntry.all_objects.filter(owner=user),
                "learned_on",
                "learned",
                "framework_key",
                "deleted_at",
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "pupil_outcomes",
            "Class-level pupil outcome figures you recorded",
            _rows(
                PupilOutcomeRecord.objects.filter(recorded_by=user),
                "phase",
                "band_counts",
                "percentage",
                measure_name=F("measure__name"),
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
        Section(
            "specialist_referrals",
            "Referrals to a specialist coach (of you, or to you)",
            _rows(
                SpecialistReferral.objects.filter(Q(learner=user) | Q(specialist=user)),
                "focus_area",
                "note",
                "status",
                "accepted_at",
                "ended_at",
                learner_name=F("learner__full_name"),
                specialist_name=F("specialist__full_name"),
                relationship_uuid=F("relationship__uuid"),
            ),
        ),
    ]


def _funding(user: User) -> list[Section]:
    """Funding plans, removed lines included (`all_objects`): money is theirs to see."""
    return [
        Section(
            "funding_activities",
            "Planned funded activities",
            _rows(
                PlannedActivity.all_objects.filter(enrolment__user=user),
                "term",
                "title",
                "planned_cost",
                "deleted_at",
                programme_name=F("enrolment__programme__name"),
            ),
        ),
        Section(
            "funding_spending",
            "Spending against your allowance",
            _rows(
                Spending.all_objects.filter(enrolment__user=user),
                "spent_on",
                "amount",
                "description",
                "is_overspend_confirmed",
                "deleted_at",
                programme_name=F("enrolment__programme__name"),
            ),
        ),
    ]


def _bank(user: User) -> list[Section]:
    return [
        Section(
            "mentor_bank_entries",
            "Mentor banks",
            _rows(
                BankEntry.objects.filter(user=user),
                "status",
                "qualities",
                "experience",
                "capacity",
                "is_available",
                "availability_note",
                "decision_note",
                "decided_at",
                bank_name=F("bank__name"),
            ),
        )
    ]


def _resources(user: User) -> list[Section]:
    return [
        Section(
            "resource_feedback",
            "Your answers to “Was this useful?” in the resource library",
            _rows(
                ResourceFeedback.objects.filter(user=user),
                "is_useful",
                "comment",
                "updated_at",
                resource_title=F("resource__title"),
            ),
        ),
        Section(
            "resources_added",
            "Resources you added to the library",
            _rows(Resource.objects.filter(created_by=user), "title", "created_at"),
        ),
    ]


def _case_studies(user: User) -> list[Section]:
    """Case studies the person wrote, and the consent records naming them as identifiable."""
    return [
        Section(
            "case_studies_authored",
            "Case studies you wrote",
            _rows(
                CaseStudy.objects.filter(authors=user),
                "title",
                "summary",
                "status",
                organisation_name=F("organisation__name"),
            ),
        ),
        Section(
            "case_study_consent",
            "Case studies that name you, and your consent",
            _rows(
                IdentifiablePerson.objects.filter(Q(user=user) | Q(email__iexact=user.email)),
                "name",
                "role",
                "email",
                "consent",
                "consent_how",
                "consent_on",
                "consent_recorded_at",
                case_study_title=F("case_study__title"),
            ),
        ),
    ]


def _evidence(user: User) -> list[Section]:
    """The evidence review teams the person is on, and the reviews they wrote or agreed."""
    return [
        Section(
            "evidence_review_teams",
            "Evidence review teams",
            _rows(TeamMember.objects.filter(user=user), "role", base_title=F("base__title")),
        ),
        Section(
            "evidence_reviews",
            "Evidence reviews written",
            _rows(
                SourceReview.objects.filter(reviewer=user),
                "is_agreed",
                *APPENDIX_C_NAMES,
                "strength",
                "moderation_note",
                "submitted_at",
                source_title=F("source__title"),
                base_title=F("source__base__title"),
            ),
        ),
    ]


def _research(user: User) -> list[Section]:
    """Studies they take part in (consent history included), the documents about them and
    the passages coded in those, and the research teams they are on."""
    documents = ResearchDocument.objects.filter(participant__user=user)
    segments = ResearchSegment.objects.filter(document__in=documents).select_related(
        "code", "document"
    )
    return [
        Section(
            "research_participation",
            "Research studies you take part in",
            _rows(
                ResearchParticipant.objects.filter(user=user),
                "pseudonym",
                "consent",
                "consent_changed_at",
                "consent_history",
                "shares_tandem_records",
                study_title=F("study__title"),
                strand_name=F("strand__name"),
            ),
        ),
        Section(
            "research_documents",
            "Research documents about you (pseudonymised)",
            _rows(
                documents,
                "title",
                "kind",
                "interviewed_on",
                "duration_minutes",
                "text",
                study_title=F("study__title"),
            ),
        ),
        Section(
            "research_coded_passages",
            "Passages researchers coded in those documents",
            [
                {
                    "uuid": segment.uuid,
                    "created_at": segment.created_at,
                    "document_uuid": segment.document.uuid,
                    "code": segment.code.name,
                    "start": segment.start,
                    "end": segment.end,
                    "quote": segment.quote,
                }
                for segment in segments
            ],
        ),
        Section(
            "research_team",
            "Research teams you are on",
            _rows(StudyMember.objects.filter(user=user), "role", study_title=F("study__title")),
        ),
        Section(
            "research_case_summaries",
            "Biographical case summaries researchers wrote about you (pseudonymised)",
            _rows(
                ResearchCaseSummary.objects.filter(participant__user=user),
                "path_into_scheme",
                "practice_change",
                study_title=F("participant__study__title"),
                pseudonym=F("participant__pseudonym"),
            ),
        ),
    ]


def _impact(user: User) -> list[Section]:
    """Impact case studies: the teams the person is on, what they wrote (comments and each
    section text they saved) and the corroborating sources that name them as giver."""
    named = Q(giver_name__iexact=user.full_name) | Q(giver_contact__icontains=user.email)
    return [
        Section(
            "impact_case_teams",
            "Impact case studies whose team you are on",
            _rows(CaseMember.objects.filter(user=user), "role", case_title=F("case__title")),
        ),
        Section(
            "impact_comments",
            "Your comments on impact case-study sections",
            _rows(
                SectionComment.objects.filter(author=user),
                "text",
                case_title=F("section__case__title"),
                section_kind=F("section__kind"),
            ),
        ),
        Section(
            "impact_section_versions",
            "Impact case-study section texts you saved",
            _rows(
                SectionVersion.objects.filter(saved_by=user),
                "number",
                "text",
                case_title=F("section__case__title"),
                section_kind=F("section__kind"),
            ),
        ),
        Section(
            "impact_sources",
            "Corroborating sources that name you as their giver",
            _rows(
                CorroboratingSource.objects.filter(named),
                "kind",
                "title",
                "giver_name",
                "giver_contact",
                "status",
                case_title=F("case__title"),
            ),
        ),
    ]


def collect(user: User) -> list[Section]:
    """Every kind of record Tandem holds about `user`, in the pack's order."""
    return [
        *_account(user),
        *_programmes(user),
        *_funding(user),
        *_relationships(user),
        _private_notes(user),
        *_two_way(user),
        *_surveys(user),
        *_events(user),
        *_elsewhere(user),
        *_bank(user),
        *_resources(user),
        *_case_studies(user),
        *_research(user),
        *_evidence(user),
        *_impact(user),
    ]


def _base_name(stored: FieldFile) -> str:
    return (stored.name or "file").rsplit("/", 1)[-1]


def _files(user: User) -> Iterable[tuple[str, FieldFile]]:
    in_mine = RelationshipMember.objects.filter(user=user).values("relationship")
    for item in EvidenceItem.objects.filter(relationship__in=in_mine).exclude(file=""):
        yield f"files/evidence/{item.uuid}-{_base_name(item.file)}", item.file
    for record in MentorTrainingRecord.objects.filter(profile__user=user).exclude(evidence_file=""):
        yield (
            f"files/training/{record.uuid}-{_base_name(record.evidence_file)}",
            record.evidence_file,
        )


def summary_pdf(user: User, sections: list[Section]) -> bytes:
    by_name = {section.name: section for section in sections}
    html = render_to_string(
        "privacy/subject_access_pdf.html",
        {
            "person": user,
            "prepared_at": timezone.now(),
            "sections": sections,
            "profile": (by_name["profile"].rows or [{}])[0],
            "memberships": by_name["memberships"].rows,
            "enrolments": by_name["enrolments"].rows,
            "relationships": by_name["relationships"].rows,
            "goals": by_name["goals"].rows,
        },
    )
    return render_pdf(html)


def write_pack(user: User, destination: Any) -> tuple[int, int]:
    """Write the ZIP for `user` to the open binary file `destination`: (records, files)."""
    sections = collect(user)
    num_files = 0
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in sections:
            archive.writestr(
                f"{section.name}.json",
                json.dumps(section.rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
            )
        archive.writestr("summary.pdf", summary_pdf(user, sections))
        for name, stored in _files(user):
            try:
                with stored.open("rb") as source, archive.open(name, "w") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
            except FileNotFoundError:
                archive.writestr(f"{name}.missing.txt", "This file was missing from storage.")
            else:
                num_files += 1
    return sum(len(section.rows) for section in sections), num_files


def build_pack(pack: SubjectAccessPack) -> SubjectAccessPack:
    """Write the pack's ZIP to storage and mark it ready (or failed, saying why)."""
    try:
        with tempfile.TemporaryFile() as spool:
            pack.num_records, pack.num_files = write_pack(pack.subject, spool)
            spool.seek(0)
            pack.file.save(f"subject-access-{pack.uuid}.zip", File(spool), save=False)
    except OSError as error:
        pack.status = SubjectAccessPack.Status.FAILED
        pack.error = f"Storage refused the pack: {error}"[:300]
    else:
        pack.status = SubjectAccessPack.Status.READY
    pack.completed_at = timezone.now()
    pack.save(
        update_fields=[
            "file",
            "num_records",
            "num_files",
            "status",
            "error",
            "completed_at",
            "updated_at",
        ]
    )
    return pack
