from django.contrib import admin

from tandem.programmes.models import Enrolment, Programme


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    fields = ["user", "role", "status", "decided_at"]
    readonly_fields = ["decided_at"]
    raw_id_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "approach", "status", "starts_on", "ends_on"]
    list_filter = ["status", "approach"]
    search_fields = ["name"]
    filter_horizontal = ["organisations", "coordinators"]
    inlines = [EnrolmentInline]
