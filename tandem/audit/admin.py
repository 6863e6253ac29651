from django.contrib import admin

from tandem.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is evidence and must not be edited."""

    list_display = ["at", "actor", "action", "object_type", "object_uuid"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_uuid", "actor__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
