from django.contrib import admin

from tandem.organisations.models import (
    Membership,
    Organisation,
    Partnership,
    PartnershipMember,
    Phase,
    SsoDomain,
)


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "position"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["user", "line_manager"]


class SsoDomainInline(admin.TabularInline):
    model = SsoDomain
    extra = 0
    fields = ["domain", "microsoft_tenant_id"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "sector", "region", "official_identifier"]
    list_filter = ["type", "sector", "region"]
    search_fields = ["name", "official_identifier"]
    filter_horizontal = ["phases"]
    inlines = [SsoDomainInline, MembershipInline]


class PartnershipMemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [PartnershipMemberInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role_category", "access", "started_on", "ended_on"]
    list_filter = ["access", "role_category"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "line_manager"]
    list_select_related = ["user", "organisation"]
