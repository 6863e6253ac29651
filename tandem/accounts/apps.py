from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from tandem.accounts import sign_in_log  # noqa: PLC0415 - needs the app registry

        sign_in_log.connect()
