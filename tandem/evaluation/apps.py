from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "tandem.evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        # Survey reminders join the daily reminder job in tandem.relationships.reminders
        # (imports flow relationships → evaluation, so evaluation registers itself).
        from tandem.evaluation.reminders import register  # noqa: PLC0415 - needs the registry

        register()
        # The report PDF and survey results join the background exports of
        # tandem.imports.export_files the same way.
        from tandem.evaluation import export_builders  # noqa: PLC0415 - needs the registry

        export_builders.register()
