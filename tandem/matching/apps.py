from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "tandem.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        # Mentor requests join the daily reminder job (imports flow relationships → matching).
        from tandem.matching.reminders import register  # noqa: PLC0415 - needs the registry

        register()
