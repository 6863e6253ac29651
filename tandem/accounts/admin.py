from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tandem.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["uuid", "date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["uuid", "email", "password"]}),
        ("Name", {"fields": ["full_name", "preferred_name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
