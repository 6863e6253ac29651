from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "tandem.privacy"
    label = "privacy"
    verbose_name = "Privacy and data protection"

    def ready(self) -> None:
        # Importing connects the sign-in receiver; models are not ready at module level.
        from tandem.privacy import signals  # noqa: F401, PLC0415
