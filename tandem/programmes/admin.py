"""Programmes in the admin: their settings may be corrected, but who runs them and who
is enrolled change only through the audited services (a coordinator pairs people, so
making oneself one here would lead into the programme's relationships)."""

from django.contrib import admin

from tandem.audit.admin import ReadOnlyAdminMixin
from tandem.programmes.models import Enrolment, Programme


class EnrolmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = readonly_fields = ("user", "role", "status", "decided_at")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "approach", "status", "starts_on", "ends_on"]
    list_filter = ["status", "approach"]
    search_fields = ["name"]
    filter_horizontal = ["organisations"]
    readonly_fields = ["coordinators", "created_by"]
    # Tables of 100,000 rows (bench/pages.py): a page at a time, no second count of the
    # whole table under a filter, related names joined.
    list_per_page = 50
    show_full_result_count = False
    inlines = [EnrolmentInline]

    def has_add_permission(self, request: object) -> bool:
        # A programme is set up by its coordinator (programmes.services.create_programme).
        return False
