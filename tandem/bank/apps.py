from django.apps import AppConfig


class BankConfig(AppConfig):
    name = "tandem.bank"
    label = "bank"
    verbose_name = "Mentor banks"
