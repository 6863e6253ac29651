"""The `tandem` console command: Django's manage.py under the project's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - after the settings variable is set

    execute_from_command_line(["tandem", *sys.argv[1:]])


if __name__ == "__main__":
    main()
