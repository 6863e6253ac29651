from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "tandem.imports"
    label = "imports"
    verbose_name = "Imports and exports"
