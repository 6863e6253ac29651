from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "tandem.framework"
    verbose_name = "Framework and review"
