import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tandem.accounts.models import User, acting_user
from tandem.models import TandemModel, choices_constraint
from tandem.programmes.models import Programme


class MemberRole(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    COACH = "coach", "Coach"
    FACILITATOR = "facilitator", "Facilitator"
    CO_COACH = "co-coach", "Co-coach"
    MENTEE = "mentee", "Mentee"
    COACHEE = "coachee", "Coachee"


# Who gives support, and who is the professional learner (co-coaches are both).
SUPPORTING_ROLES = {
    MemberRole.MENTOR,
    MemberRole.COACH,
    MemberRole.FACILITATOR,
    MemberRole.CO_COACH,
}
LEARNING_ROLES = {MemberRole.MENTEE, MemberRole.COACHEE, MemberRole.CO_COACH}


class RelationshipStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class EndReason(models.TextChoices):
    COMPLETED = "completed", "Programme completed"
    CHANGE_OF_MENTOR = "change-of-mentor", "Change of mentor or coach"
    MEMBER_LEFT = "member-left", "A member left the organisation or programme"
    NOT_WORKING = "not-working", "The relationship was not working"
    OTHER = "other", "Other"


class RelationshipQuerySet(models.QuerySet["Relationship"]):
    def with_member(self, user: User) -> "RelationshipQuerySet":
        return self.filter(members__user=user)

    def current(self) -> "RelationshipQuerySet":
        return self.exclude(status=RelationshipStatus.ENDED)


class Relationship(TandemModel):
    """A mentoring or coaching pair, or a facilitated group, within a programme."""

    Status = RelationshipStatus
    EndReason = EndReason

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="relationships")
    is_group = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=RelationshipStatus, default=RelationshipStatus.PROPOSED
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason, blank=True)
    end_note = models.CharField(max_length=500, blank=True)
    # Adviser/assessor and line-management conflicts (seed 002 §4.2.3, §6), as found when
    # the relationship was formed, and the coordinator's recorded justification.
    conflicts = models.JSONField(default=list, blank=True)
    conflict_justification = models.TextField(max_length=2000, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The earlier relationship this one replaced after a change of mentor.",
    )
    created_by = acting_user()

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            choices_constraint(
                "relationships_relationship_status_valid", status=RelationshipStatus
            ),
            models.CheckConstraint(
                # An ended relationship always says when and why.
                condition=~Q(status=RelationshipStatus.ENDED)
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="relationships_relationship_ended_has_reason",
            ),
            choices_constraint(
                "relationships_relationship_end_reason_valid",
                allow_blank=True,
                end_reason=EndReason,
            ),
            models.CheckConstraint(
                # A conflict may stand only with a recorded justification.
                condition=Q(conflicts=[]) | ~Q(conflict_justification=""),
                name="relationships_relationship_conflict_justified",
            ),
        ]
        indexes = [
            # The coordinator overview lists a programme's relationships by status.
            models.Index(fields=["programme", "status"], name="relationship_prog_status_idx"),
        ]

    def __str__(self) -> str:
        return f"Relationship {self.uuid} in {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("relationships:relationship-detail", kwargs={"relationship_uuid": self.uuid})

    @property
    def is_ended(self) -> bool:
        return self.status == RelationshipStatus.ENDED


class RelationshipMember(TandemModel):
    Role = MemberRole

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="relationship_members"
    )
    role = models.CharField(max_length=12, choices=MemberRole)
    is_assessor = models.BooleanField(
        "also assesses the learner",
        default=False,
        help_text="Assessing and advising conflict (seed 002 §4.2.3): record it openly.",
    )

    class Meta:
        ordering = ["role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "user"], name="relationships_member_once"
            ),
            choices_constraint("relationships_member_role_valid", role=MemberRole),
        ]
        indexes = [
            # Every permission check and "My mentoring" asks "relationships of this user".
            models.Index(fields=["user", "relationship"], name="member_user_rel_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"

    @property
    def is_supporting(self) -> bool:
        return self.role in SUPPORTING_ROLES

    @property
    def is_learning(self) -> bool:
        return self.role in LEARNING_ROLES


class ChangeRequestStatus(models.TextChoices):
    OPEN = "open", "Waiting for the coordinator"
    RESOLVED = "resolved", "Acted on"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DECLINED = "declined", "Declined by the coordinator"


class ChangeRequest(TandemModel):
    """A learner's private request to the coordinator for a different mentor (002 §4.3.4).

    Visible to the person who asked and the programme's coordinators; never to the mentor.
    """

    Status = ChangeRequestStatus

    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="change_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=10, choices=ChangeRequestStatus, default=ChangeRequestStatus.OPEN
    )
    resolved_by = acting_user(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "requested_by"],
                condition=Q(status=ChangeRequestStatus.OPEN),
                name="relationships_changerequest_one_open",
            ),
            choices_constraint(
                "relationships_changerequest_status_valid", status=ChangeRequestStatus
            ),
        ]

    def __str__(self) -> str:
        return f"Change request by {self.requested_by}"

    def get_absolute_url(self) -> str:
        return reverse("relationships:change-request-detail", kwargs={"request_uuid": self.uuid})


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(TandemModel):
    """A secret address for a person's meetings as an ICS feed (calendar apps cannot sign in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class ReminderSent(TandemModel):
    """One reminder email sent, so the daily job never sends the same one twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    object_uuid = models.UUIDField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_uuid", "sent_on"],
                name="relationships_remindersent_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder to {self.user} on {self.sent_on}"


class ReminderOptOut(TandemModel):
    """A kind of reminder email the person chose not to get (tandem.relationships.reminders
    names the kinds). No row means the person gets that kind: reminders are on by default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs"
    )
    kind = models.CharField(max_length=30)

    class Meta:
        constraints = [
            # Also the index for the reminder job's "who opted out of what" read (by user).
            models.UniqueConstraint(
                fields=["user", "kind"], name="relationships_reminderoptout_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} gets no {self.kind} reminders"
