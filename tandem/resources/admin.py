from django.contrib import admin

from tandem.resources.models import Resource


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "visibility", "organisation", "partnership", "withdrawn_at"]
    list_filter = ["kind", "visibility", "licence"]
    search_fields = ["title"]
    readonly_fields = ["created_by", "withdrawn_by", "withdrawn_at"]
    exclude = ["search_vector"]
