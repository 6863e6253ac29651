from django.contrib import admin
from django.http import HttpRequest

from tandem.audit.models import AuditEvent


class ReadOnlyAdminMixin:
    """Nobody adds, changes or deletes these rows through the admin, superusers included:
    the rows are evidence, or changing them must go through an audited service."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the audit log is evidence and must not be edited."""

    list_display = ["at", "actor", "action", "object_type", "object_uuid"]
    # Tables of 100,000 rows (bench/pages.py): a page at a time, no second count of the
    # whole table under a filter, related names joined.
    list_per_page = 50
    show_full_result_count = False
    list_select_related = ["actor"]
    ordering = ["-pk"]  # events are only appended: key order is time order, and indexed
    # No filter by record type: its distinct values would be read from every event (an
    # index on it would lead the planners away from the audit page's walk by key).
    list_filter = [("at", admin.DateFieldListFilter), "action"]
    search_fields = ["object_uuid", "actor__email"]
    # Filtering by date rather than a date hierarchy, which lists the distinct months of
    # the whole log (reading every event) on each page.
