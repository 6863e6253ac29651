from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "tandem.privacy"
    label = "privacy"
    verbose_name = "Privacy and data protection"

    def ready(self) -> None:
        from tandem.privacy import checks  # noqa: F401, PLC0415 - registers the system checks
