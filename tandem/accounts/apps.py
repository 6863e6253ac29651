from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415 - app registry
        from django.db.models.signals import post_migrate  # noqa: PLC0415 - app registry

        from tandem.accounts import sign_in_log  # noqa: PLC0415 - app registry
        from tandem.accounts.cache import create_cache_table  # noqa: PLC0415 - app registry
        from tandem.accounts.sessions import stamp_signed_in  # noqa: PLC0415 - app registry

        user_logged_in.connect(stamp_signed_in, dispatch_uid="tandem-session-stamp")
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="tandem-cache-table")
        sign_in_log.connect()
