"""What the benchmark scripts share: the repository root, a throw-away database for each
run, and the process's memory. The scripts run as `python bench/<name>.py`, which puts this
folder on the import path."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def throwaway_env(folder: str, **settings: str) -> dict[str, str]:
    """The environment for a run in its own database and media folder under `folder` (or in
    DATABASE_URL's database when that is set), plus the run's own `settings`."""
    env = dict(
        os.environ,
        TANDEM_DEBUG="1",
        DJANGO_SETTINGS_MODULE="tandem.settings",
        TANDEM_MEDIA_ROOT=folder,
        **settings,
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    return env


def rss_mb() -> float:
    """The process's resident memory now, in MB (Linux only; 0 elsewhere)."""
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
