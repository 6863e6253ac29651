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
    "MemberRole",
    "Observation",
    "PrivateNote",
    "Relationship",
    "RelationshipMember",
    "ReminderOptOut",
    "ReminderSent",
    "TimeEntry",
]
