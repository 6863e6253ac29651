from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "tandem.casestudies"
    label = "casestudies"
    verbose_name = "Case studies"
