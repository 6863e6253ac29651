"""Events in the admin: read-only; changes go through the services (they email people and
keep training records in step)."""

from django.contrib import admin

from tandem.events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "programme", "status", "capacity"]
    list_filter = ["kind", "status"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
