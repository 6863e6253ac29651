"""The audit log: who read or exported confidential content, and when (DESIGN.md)."""

from django.conf import settings
from django.db import models

from tandem.models import TandemModel


class AuditEvent(TandemModel):
    """One read of confidential content by someone other than its author, or one export.

    Rows are append-only: nothing in Tandem updates or deletes them.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="audit_events",
    )
    action = models.CharField(max_length=60, help_text="For example 'conversation.read'.")
    object_type = models.CharField(max_length=60)
    object_uuid = models.UUIDField()
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            # "Who has read this record?" looks events up by object, newest first.
            models.Index(fields=["object_uuid", "at"], name="audit_object_at_idx"),
            # "What has this person read?" for subject-access and investigations.
            models.Index(fields=["actor", "at"], name="audit_actor_at_idx"),
            # The audit log pages and the admin, newest first, a page at a time.
            models.Index(fields=["-at"], name="audit_at_idx"),
            # The audit page's and the admin's choice of actions (distinct actions).
            models.Index(fields=["action"], name="audit_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.object_type} {self.object_uuid}"
