"""Mentor banks in the admin: names and descriptions may be corrected; who coordinates a
bank and who is in it change only through the bank's services and pages."""

from django.contrib import admin

from tandem.audit.admin import ReadOnlyAdminMixin
from tandem.bank.models import BankEntry, MentorBank


class BankEntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BankEntry
    extra = 0
    fields = readonly_fields = ("user", "status", "capacity", "is_available", "decided_at")


@admin.register(MentorBank)
class MentorBankAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "partnership", "accepts_applications"]
    search_fields = ["name"]
    readonly_fields = ["organisation", "partnership", "coordinators", "created_by"]
    list_select_related = ["organisation", "partnership"]
    list_per_page = 50
    show_full_result_count = False
    inlines = [BankEntryInline]

    def has_add_permission(self, request: object) -> bool:
        # A bank is set up by a coordinator of its holder (bank.services.create_bank).
        return False
