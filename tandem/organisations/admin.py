from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

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
    # An organisation can have thousands of members: they are listed, a page at a time,
    # on the membership pages (the link below), not inline on this form.
    inlines = [SsoDomainInline]
    readonly_fields = ["members"]
    # Tables of 100,000 rows (bench/pages.py): a page at a time, no second count of the
    # whole table under a filter, related names joined.
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description="Members")
    def members(self, organisation: Organisation) -> str:
        if organisation.pk is None:
            return "Save the organisation first, then add its members."
        url = reverse("admin:organisations_membership_changelist")
        return format_html(
            '<a href="{}?organisation__id__exact={}">See and change its members</a>',
            url,
            organisation.pk,
        )


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
    list_display = [
        "user",
        "organisation",
        "role_category",
        "access",
        "data_protection_lead",
        "started_on",
        "ended_on",
    ]
    list_filter = ["access", "role_category", "data_protection_lead"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation", "line_manager"]
    list_select_related = ["user", "organisation"]
    # Tables of 100,000 rows (bench/pages.py): a page at a time, no second count of the
    # whole table under a filter, related names joined.
    list_per_page = 50
    show_full_result_count = False
    # Newest first by key: ordering by name would sort every membership on each page.
    ordering = ["-pk"]
