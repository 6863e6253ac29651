from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "tandem.resources"
    label = "resources"
    verbose_name = "Resource library"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate  # noqa: PLC0415 - app registry

        from tandem.resources.search import install_search_schema  # noqa: PLC0415

        # The test suite builds its tables from the models (--no-migrations), so the
        # full-text index the migration makes is made again here; it is idempotent.
        post_migrate.connect(
            install_search_schema, sender=self, dispatch_uid="tandem-resources-search"
        )
