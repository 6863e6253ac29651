from django.contrib import admin
from django.http import HttpRequest

from tandem.framework.models import FrameworkItem, Review, Reviewer


@admin.register(FrameworkItem)
class FrameworkItemAdmin(admin.ModelAdmin):
    """Deployments add their own items here; built-in ones keep their kind and key."""

    list_display = ["title", "kind", "key", "audience", "is_builtin", "citation_section"]
    list_filter = ["kind", "audience", "is_builtin"]
    search_fields = ["title", "key", "summary", "description"]
    filter_horizontal = ["related"]

    def get_readonly_fields(self, request: HttpRequest, obj: FrameworkItem | None = None) -> list:
        # Other records store kind + key, so a shipped item's identity must not change.
        if obj is not None and obj.is_builtin:
            return ["kind", "key", "is_builtin"]
        return ["is_builtin"]


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "created_at"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user", "organisation", "added_by"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["organisation", "core_concept", "cycle", "status", "completed_at"]
    list_filter = ["status", "core_concept"]
    list_select_related = ["organisation", "core_concept"]
    raw_id_fields = ["organisation", "previous", "started_by", "completed_by"]
