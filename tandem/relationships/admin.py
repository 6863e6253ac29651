"""Administration shows relationships' metadata only, and changes nothing.

The shared record and private notes are confidential to members (DESIGN.md), so they are
not registered here. Membership is read-only too: adding oneself to a pair would open its
record, so members change only through the audited services in
`tandem.relationships.services` (create, change of mentor, end).
"""

from django.contrib import admin

from tandem.audit.admin import ReadOnlyAdminMixin
from tandem.relationships.models import Relationship, RelationshipMember


class MemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RelationshipMember
    extra = 0
    fields = readonly_fields = ("user", "role", "is_assessor", "created_at")


@admin.register(Relationship)
class RelationshipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["uuid", "programme", "status", "started_on", "ended_on"]
    list_filter = ["status"]
    list_select_related = ["programme"]
    # Tables of 100,000 rows (bench/pages.py): a page at a time, no second count of the
    # whole table under a filter, related names joined.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    # Metadata a coordinator may see (who, status, dates), nothing the members wrote.
    fields = readonly_fields = (
        "uuid",
        "programme",
        "is_group",
        "status",
        "started_on",
        "ended_on",
        "end_reason",
        "replaces",
        "created_at",
    )
    inlines = [MemberInline]
