from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic data: the `tandem demo` dataset and `tandem seed` for scale tests."""

    name = "tandem.demo"
    label = "demo"
    verbose_name = "Demo data"
