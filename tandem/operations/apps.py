from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "tandem.operations"
    label = "operations"
    verbose_name = "Operations: health, backups, scheduled jobs"

    def ready(self) -> None:
        # Registers the deployment checks `tandem check --deploy` runs.
        from tandem.operations import checks  # noqa: F401, PLC0415
