"""The retention schedule: one rule for every model Tandem stores.

Each model names its rule here, by label. A rule is one of:

- `Period`: the records are kept for a configurable period after an anchor date (the
  relationship ends, the programme ends, the last sign-in…), then `tandem dispose` deletes
  or anonymises them and writes a `DisposalLog` row;
- `WithParent`: the rows go with the record they belong to (a goal with its relationship);
- `WithAccount`: kept while the person's account exists; removed or pseudonymised when the
  account is erased, by request or by the `account` period;
- `Kept`: organisational records kept while the organisation uses Tandem, whose only
  personal data is who wrote them (pseudonymised when that person is erased);
- `NoPersonalData`: reference data and aggregates.

The periods follow the IRMS toolkit for schools' staff-development records (six years
after the relationship or programme ends) and can be changed with `TANDEM_RETENTION`, e.g.
`TANDEM_RETENTION=relationship=7y,import=30d`. `privacy.checks` fails the system check
when a model of a Tandem app has no rule, or a period is misconfigured.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

# name → (default, what the period runs from, what happens after it)
PERIODS: dict[str, tuple[str, str]] = {
    "relationship": ("6y", "the relationship ends (or its programme ends, if never closed)"),
    "enrolment": ("6y", "the programme ends"),
    "survey": ("6y", "the survey closes"),
    "matching": ("1y", "the programme ends"),
    "membership": ("6y", "the person leaves the organisation"),
    "account": ("3y", "the last sign-in, once the person belongs to no organisation"),
    "audit": ("6y", "the event"),
    "erasure": ("6y", "the request is decided"),
    "import": ("90d", "the file is uploaded"),
    "reminder": ("400d", "the reminder is sent"),
    "subject-access": ("30d", "the pack is prepared"),
    "session": ("0d", "the session expires"),
    "task-result": ("30d", "the background task finishes"),
    "export": ("7d", "the export is prepared"),
    "event": ("6y", "the event's programme ends"),
    "bank-entry": ("2y", "the mentor bank entry is declined or withdrawn"),
    "study": ("6y", "the research study closes"),
}

PERIOD_PATTERN = re.compile(r"^(\d+)([yd])$")


@dataclass(frozen=True)
class Period:
    period: str  # a key of PERIODS
    anonymise: bool  # False: delete the records
    what: str  # what is disposed of, for the schedule page

    @property
    def outcome(self) -> str:
        return "anonymised" if self.anonymise else "deleted"


@dataclass(frozen=True)
class WithParent:
    parent: str  # the label of the record this one belongs to


@dataclass(frozen=True)
class WithAccount:
    note: str = ""


@dataclass(frozen=True)
class Kept:
    why: str


@dataclass(frozen=True)
class NoPersonalData:
    what: str


Rule = Period | WithParent | WithAccount | Kept | NoPersonalData

REVIEW_WHY = "The organisation's review of its practice; names only who wrote what."

RULES: dict[str, Rule] = {
    # accounts
    "accounts.User": Period("account", anonymise=True, what="the account, as for erasure"),
    # organisations
    "organisations.Phase": NoPersonalData("reference list of school phases"),
    "organisations.Organisation": NoPersonalData("organisations, not people"),
    "organisations.Partnership": NoPersonalData("partnerships of organisations"),
    "organisations.PartnershipMember": NoPersonalData("which organisations are partners"),
    "organisations.Membership": Period("membership", anonymise=False, what="the membership"),
    "organisations.SsoDomain": NoPersonalData("an organisation's email domains for sign-in"),
    # people
    "people.Subject": NoPersonalData("reference list of subjects"),
    "people.Tag": NoPersonalData("expertise tags"),
    "people.Language": NoPersonalData("reference list of languages"),
    "people.Profile": WithAccount("free text and diversity answers cleared on erasure"),
    "people.MentorTrainingRecord": WithAccount("deleted with their files on erasure"),
    # framework
    "framework.FrameworkItem": NoPersonalData("the Framework vocabulary"),
    "framework.Reviewer": WithAccount("removed on erasure"),
    "framework.Review": Kept(REVIEW_WHY),
    "framework.ReviewOutcome": WithParent("framework.Review"),
    "framework.ReviewEvidence": WithParent("framework.Review"),
    "framework.ReviewAction": WithParent("framework.Review"),
    "framework.ReviewComment": WithParent("framework.Review"),
    # audit
    "audit.AuditEvent": Period("audit", anonymise=False, what="the audit event"),
    # programmes
    "programmes.Programme": Kept("The programme's design and dates; names only its creator."),
    "programmes.Enrolment": Period(
        "enrolment", anonymise=True, what="applications' free text (focus, goals, preferences)"
    ),
    # bank: a standing register of mentors; approved entries stay while the person is in it
    "bank.MentorBank": Kept("The bank's name and description; names only its creator."),
    "bank.BankEntry": Period(
        "bank-entry", anonymise=False, what="declined and withdrawn mentor bank entries"
    ),
    # resources: the library; a resource names only its creator, feedback is the person's
    "resources.Resource": Kept("The library's resources; names only their creator."),
    "resources.ResourceTag": WithParent("resources.Resource"),
    "resources.ResourceFeedback": WithAccount("answers and comments deleted on erasure"),
    # Finance records: kept as long as enrolments (six years after the programme ends).
    "programmes.PlannedActivity": Period(
        "enrolment", anonymise=False, what="participants' planned funded activities"
    ),
    "programmes.Spending": Period(
        "enrolment", anonymise=False, what="participants' spending against their allowance"
    ),
    # matching
    "matching.MatchSettings": NoPersonalData("a programme's matching weights"),
    "matching.MatchRun": Period("matching", anonymise=False, what="matching runs and proposals"),
    "matching.MatchProposal": WithParent("matching.MatchRun"),
    "matching.ShortlistOffer": WithParent("matching.MatchRun"),
    "matching.MentorPreference": Period("matching", anonymise=False, what="mentees' preferences"),
    # relationships
    "relationships.Relationship": Period(
        "relationship", anonymise=False, what="the relationship and its whole record"
    ),
    "relationships.RelationshipMember": WithParent("relationships.Relationship"),
    "relationships.ChangeRequest": WithParent("relationships.Relationship"),
    "relationships.CalendarFeed": WithAccount("deleted on erasure"),
    "relationships.ReminderOptOut": WithAccount("deleted on erasure"),
    "relationships.ReminderSent": Period("reminder", anonymise=False, what="reminder receipts"),
    "relationships.LearningAgreement": WithParent("relationships.Relationship"),
    "relationships.AgreementSignature": WithParent("relationships.Relationship"),
    "relationships.Goal": WithParent("relationships.Relationship"),
    "relationships.GoalUpdate": WithParent("relationships.Relationship"),
    "relationships.Conversation": WithParent("relationships.Relationship"),
    "relationships.AgendaItem": WithParent("relationships.Relationship"),
    "relationships.Action": WithParent("relationships.Relationship"),
    "relationships.PrivateNote": WithParent("relationships.Relationship"),
    "relationships.Observation": WithParent("relationships.Relationship"),
    "relationships.EvidenceItem": WithParent("relationships.Relationship"),
    "relationships.TimeEntry": WithParent("relationships.Relationship"),
    # twoway: mentors' own learning, pupil outcomes and specialist referrals.
    "relationships.OwnLearningGoal": WithParent("relationships.Relationship"),
    "relationships.LearningLogEntry": WithParent("relationships.Relationship"),
    "relationships.PupilOutcomeMeasure": Kept(
        "A programme's pupil outcome measures; names only who defined them."
    ),
    "relationships.PupilOutcomeRecord": WithParent("relationships.Relationship"),
    "relationships.SpecialistReferral": WithParent("relationships.Relationship"),
    # evaluation
    "evaluation.Survey": NoPersonalData("survey questions and dates"),
    "evaluation.Question": NoPersonalData("survey questions"),
    "evaluation.SurveyResponse": Period(
        "survey", anonymise=True, what="free-text answers (numbers kept for the aggregates)"
    ),
    "evaluation.Answer": WithParent("evaluation.SurveyResponse"),
    "evaluation.ReportSnapshot": NoPersonalData("aggregates, small groups suppressed"),
    "evaluation.SelfAssessment": Kept(
        "The programme's self-assessment against the research review; names only who answered."
    ),
    # events: who registered for and attended training and gathering days
    "events.Event": Kept("The event, its sessions and facilitators; names only its creator."),
    "events.EventSession": WithParent("events.Event"),
    "events.EventMaterial": WithParent("events.Event"),
    "events.Registration": Period(
        "event", anonymise=False, what="registrations, waiting lists and attendance"
    ),
    "events.Attendance": Period("event", anonymise=False, what="attendance marks"),
    # research: qualitative studies (transcripts, coding, themes)
    "research.Study": Kept(
        "The study's title, questions and ethics statement; names only its creator."
    ),
    "research.StudyMember": WithParent("research.Study"),
    "research.Strand": WithParent("research.Study"),
    "research.Participant": Period(
        "study", anonymise=False, what="research participants and their consent history"
    ),
    "research.Document": Period(
        "study", anonymise=False, what="transcripts and shared records analysed in a study"
    ),
    "research.Pseudonym": Period(
        "study", anonymise=False, what="the real names behind a study's pseudonyms"
    ),
    "research.Code": WithParent("research.Study"),
    "research.CodingPass": WithParent("research.Study"),
    "research.CodedSegment": WithParent("research.Document"),
    "research.Memo": WithParent("research.Study"),
    "research.Theme": WithParent("research.Study"),
    "research.CaseSummary": WithParent("research.Participant"),
    # casestudies: organisations' case studies and the public extranet
    "casestudies.CaseStudy": Kept(
        "An organisation's account of its own practice; names its authors (removed on erasure)."
    ),
    "casestudies.IdentifiablePerson": WithParent("casestudies.CaseStudy"),
    "casestudies.CitedFigure": NoPersonalData("report figures about 5 or more people"),
    "casestudies.Publication": WithParent("casestudies.CaseStudy"),
    "casestudies.PublicationTag": NoPersonalData("the Framework items a case study illustrates"),
    # evidence: reviews of research literature (seed 002, Appendix C)
    "evidence.LiteratureBase": Kept("The evidence base's title; names only its creator."),
    "evidence.TeamMember": WithAccount("removed on erasure; the reviews stay, pseudonymised"),
    "evidence.Source": WithParent("evidence.LiteratureBase"),
    "evidence.SourceReview": Kept(
        "Reviews of published literature; names only the reviewer (pseudonymised on erasure)."
    ),
    "evidence.ReviewTag": WithParent("evidence.SourceReview"),
    "evidence.SourceImport": Period(
        "import", anonymise=False, what="reference files read for an evidence base"
    ),
    # impact: research-impact case studies (seed 000)
    "impact.ImpactCaseStudy": Kept(
        "The team's case for the impact of its research; names only its creator."
    ),
    "impact.CaseMember": WithParent("impact.ImpactCaseStudy"),
    "impact.CaseSection": WithParent("impact.ImpactCaseStudy"),
    "impact.SectionVersion": WithParent("impact.CaseSection"),
    "impact.SectionComment": WithParent("impact.CaseSection"),
    "impact.ResearchOutput": WithParent("impact.ImpactCaseStudy"),
    "impact.ImpactEvent": WithParent("impact.ImpactCaseStudy"),
    "impact.CorroboratingSource": WithParent("impact.ImpactCaseStudy"),
    # imports: spreadsheets of staff and enrolments
    "imports.ImportJob": Period("import", anonymise=False, what="the upload and its report"),
    "imports.ExportFile": Period("export", anonymise=False, what="the prepared export file"),
    # api
    "api.ApiToken": WithAccount("deleted on erasure"),
    # privacy
    "privacy.SubjectAccessPack": Period(
        "subject-access", anonymise=False, what="the pack and its file"
    ),
    "privacy.ErasureRequest": Period("erasure", anonymise=False, what="the request's record"),
    "privacy.DisposalLog": NoPersonalData("counts of what was disposed of"),
    "privacy.PrivacyNotice": Kept(
        "Each version of a notice, as shown; names only who published it."
    ),
    "privacy.NoticeAcknowledgement": WithAccount("the record of which notice the person saw"),
    "privacy.ConsentDecision": WithAccount("the record of consent given and withdrawn"),
    # Django and library models that hold personal data
    "sessions.Session": Period("session", anonymise=False, what="expired sign-in sessions"),
    "account.EmailAddress": WithAccount("deleted on erasure"),
    "account.EmailConfirmation": WithParent("account.EmailAddress"),
    "socialaccount.SocialAccount": WithAccount("deleted on erasure"),
    "socialaccount.SocialToken": WithParent("socialaccount.SocialAccount"),
    "mfa.Authenticator": WithAccount("deleted on erasure"),
    "admin.LogEntry": Kept("Administrators' change history; names pseudonymised on erasure."),
    "django_tasks_database.DBTaskResult": Period(
        "task-result", anonymise=False, what="finished background tasks' records"
    ),
}


def parse_period(text: str) -> tuple[int, str]:
    """'6y' → (6, 'y'); raises ValueError with a message a person can act on."""
    match = PERIOD_PATTERN.match(text.strip())
    if match is None:
        message = f"'{text}' is not a period: write a number and y or d, e.g. 6y or 90d."
        raise ValueError(message)
    return int(match.group(1)), match.group(2)


def configured_periods() -> dict[str, str]:
    """Each period's setting: the default, overridden by TANDEM_RETENTION."""
    overrides = getattr(settings, "TANDEM_RETENTION", {})
    return {name: overrides.get(name, default) for name, (default, _anchor) in PERIODS.items()}


def cutoff(period: str, today: dt.date | None = None) -> dt.date:
    """The day before which a record's anchor date must fall for it to be disposed of."""
    today = today or timezone.localdate()
    number, unit = parse_period(configured_periods()[period])
    if unit == "d":
        return today - dt.timedelta(days=number)
    year = today.year - number
    # 29 February in a year that has none becomes 28 February.
    return today.replace(year=year, day=min(today.day, 28 if today.month == 2 else today.day))


def describe(text: str) -> str:
    number, unit = parse_period(text)
    noun = "year" if unit == "y" else "day"
    return f"{number} {noun}{'' if number == 1 else 's'}"
