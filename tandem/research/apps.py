from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "tandem.research"
    label = "research"
    verbose_name = "Qualitative research"

    def ready(self) -> None:
        # rsanalysis: the similar-passage index is rebuilt when coded data changes.
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from tandem.research import comparison, models  # noqa: PLC0415 - app registry

        for model in (models.CodedSegment, models.Document, models.Participant):
            post_save.connect(comparison.mark_stale, sender=model, dispatch_uid=f"rs-{model}")
            post_delete.connect(comparison.mark_stale, sender=model, dispatch_uid=f"rs-{model}-d")
