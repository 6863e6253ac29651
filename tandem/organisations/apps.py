from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tandem.organisations"
    label = "organisations"
    verbose_name = "Organisations"
