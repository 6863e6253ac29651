from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "tandem.research"
    label = "research"
    verbose_name = "Qualitative research"
