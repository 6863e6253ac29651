from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "tandem.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        # "Events tomorrow" joins the daily reminder digest of tandem.relationships.reminders
        # (imports flow relationships → events, so events registers itself).
        from tandem.events.reminders import register  # noqa: PLC0415 - needs the registry

        register()
