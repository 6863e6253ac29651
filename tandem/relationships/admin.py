"""Administration shows relationships' metadata only: the shared record and private notes
are confidential to members (DESIGN.md), so they are not registered here."""

from django.contrib import admin

from tandem.relationships.models import Relationship, RelationshipMember


class MemberInline(admin.TabularInline):
    model = RelationshipMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["uuid", "programme", "status", "started_on", "ended_on"]
    list_filter = ["status"]
    readonly_fields = ["conflicts", "conflict_justification"]
    inlines = [MemberInline]
