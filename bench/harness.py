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


def mentoring_programme(organisation: object, coordinator: object, **fields: object) -> object:
    """A running one-to-one mentoring programme of the organisation, run by the coordinator,
    with `fields` (name, dates, meeting frequency…) over the defaults. Needs Django set up."""
    from tandem.framework import keys  # noqa: PLC0415 - Django is set up by the caller
    from tandem.programmes.models import Programme  # noqa: PLC0415

    defaults = {
        "name": "Bench programme",
        "status": "running",
        "aims": "Benchmark",
        "approach": keys.Approach.MENTORING,
        "group_format": keys.GroupFormat.ONE_TO_ONE,
        "pairing": keys.Pairing.EXPERT_NOVICE,
        "sector_mix": keys.SectorMix.SAME,
        "mentor_source": keys.MentorSource.INTERNAL,
        "meeting_every_days": 14,
        "meeting_minutes": 60,
        "duration_weeks": 52,
    }
    programme = Programme.objects.create(**(defaults | fields))
    programme.organisations.add(organisation)
    programme.coordinators.add(coordinator)
    return programme
