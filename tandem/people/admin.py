from django.contrib import admin

from tandem.people.models import Language, MentorTrainingRecord, Profile, Subject, Tag


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name"]


class TrainingInline(admin.TabularInline):
    model = MentorTrainingRecord
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "career_stage", "region", "is_open_to_mentoring"]
    list_filter = ["career_stage", "is_open_to_mentoring", "region"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    # Tables of 100,000 rows (bench/pages.py): a page at a time, no second count of the
    # whole table under a filter, related names joined.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]  # by key: ordering by name would sort every profile on each page
    filter_horizontal = ["phases", "subjects", "expertise", "interests", "languages"]
    # Diversity answers are the person's own: not shown or editable in the admin.
    exclude = ["gender", "ethnic_group", "disability", "diversity_consented_at"]
    inlines = [TrainingInline]
