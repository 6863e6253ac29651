"""Relationships and their record, split by topic (STYLE.md: past ~400 lines, a package)."""

from tandem.relationships.models.agreement import AgreementSignature, LearningAgreement
from tandem.relationships.models.record import (
    Action,
    AgendaItem,
    Conversation,
    EvidenceItem,
    Goal,
    GoalUpdate,
    Observation,
    PrivateNote,
    TimeEntry,
)
from tandem.relationships.models.relationship import (
    CalendarFeed,
    ChangeRequest,
    MemberRole,
    Relationship,
    RelationshipMember,
    ReminderOptOut,
    ReminderSent,
)
from tandem.relationships.models.twoway import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeMeasure,
    PupilOutcomeRecord,
    SpecialistReferral,
)

__all__ = [
    "Action",
    "AgendaItem",
    "AgreementSignature",
    "CalendarFeed",
    "ChangeRequest",
    "Conversation",
    "EvidenceItem",
    "Goal",
    "GoalUpdate",
    "LearningAgreement",
    "LearningLogEntry",
    "MemberRole",
    "Observation",
    "OwnLearningGoal",
    "PrivateNote",
    "PupilOutcomeMeasure",
    "PupilOutcomeRecord",
    "Relationship",
    "RelationshipMember",
    "ReminderOptOut",
    "ReminderSent",
    "SpecialistReferral",
    "TimeEntry",
]
