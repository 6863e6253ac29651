from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tandem.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        # Importing connects the receivers; models are not ready at module level.
        from tandem.audit import signals  # noqa: F401, PLC0415
