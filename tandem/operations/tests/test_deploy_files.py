"""The production stack in deploy/systemd: every unit parses, runs a command Tandem has,
and every timer starts a unit that exists on a calendar systemd understands."""

import configparser
import io
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from tandem.locks import exclusive

SYSTEMD = Path(__file__).resolve().parents[3] / "deploy" / "systemd"
TANDEM = "/opt/tandem/.venv/bin/tandem"
# Commands another part of Tandem provides; remove a name once its command is merged (the
# test below fails until then, so the list cannot go stale).
PENDING: set[str] = set()


def _units(suffix: str) -> dict[str, configparser.ConfigParser]:
    units = {}
    for path in sorted(SYSTEMD.glob(f"*.{suffix}")):
        parser = configparser.ConfigParser(interpolation=None, strict=True)
        parser.optionxform = str  # systemd keys are case-sensitive
        parser.read(path)
        units[path.name] = parser
    return units


def _tandem_commands() -> list[list[str]]:
    commands = []
    for unit in _units("service").values():
        words = shlex.split(unit["Service"]["ExecStart"])
        if words[0] == TANDEM:
            commands.append(words[1:])
    return commands


def test_the_stack_has_web_worker_and_scheduled_jobs():
    services = set(_units("service"))
    assert {"tandem-web.service", "tandem-worker.service", "tandem-migrate.service"} <= services
    timers = set(_units("timer"))
    assert {
        "tandem-reminders.timer",
        "tandem-disposal.timer",
        "tandem-backup.timer",
        "tandem-sweep.timer",
    } <= timers


def test_every_tandem_command_in_a_unit_exists():
    known = set(get_commands())
    used = {words[0] for words in _tandem_commands()}
    wrapped = {words[1] for words in _tandem_commands() if words[0] == "run_exclusive"}
    assert used <= known
    assert wrapped - PENDING <= known


def test_pending_commands_are_still_missing():
    assert not PENDING & set(get_commands()), "remove merged commands from PENDING"


def test_the_web_unit_serves_tandems_wsgi_application():
    words = shlex.split(_units("service")["tandem-web.service"]["Service"]["ExecStart"])
    assert words[0].endswith("/gunicorn")
    module, _, name = words[1].partition(":")
    assert module == "tandem.wsgi"
    assert name == "application"
    assert "gthread" in words


def test_every_unit_reads_the_environment_file_and_runs_as_tandem():
    for name, unit in _units("service").items():
        assert unit["Service"]["EnvironmentFile"] == "/etc/tandem/tandem.env", name
        assert unit["Service"]["User"] == "tandem", name


def test_every_timer_starts_an_existing_service_and_catches_up():
    services = set(_units("service"))
    for name, timer in _units("timer").items():
        assert name.replace(".timer", ".service") in services
        assert timer["Timer"]["Persistent"] == "true"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_every_timer_calendar_is_one_systemd_understands():
    for name, timer in _units("timer").items():
        calendar = timer["Timer"]["OnCalendar"]
        result = subprocess.run(  # noqa: S603 - fixed program, calendar from our own files
            ["systemd-analyze", "calendar", calendar],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"


@pytest.mark.django_db
def test_run_exclusive_runs_the_command():
    out = io.StringIO()
    call_command("run_exclusive", "sweep_tasks", stdout=out)
    assert "Failed abandoned work" in out.getvalue()


@pytest.mark.django_db
def test_run_exclusive_skips_while_the_same_command_runs_elsewhere():
    out = io.StringIO()
    with exclusive("command-sweep_tasks") as is_held:
        assert is_held
        call_command("run_exclusive", "sweep_tasks", stdout=out)
    assert "already running elsewhere; skipped" in out.getvalue()


def test_run_exclusive_names_an_unknown_command():
    with pytest.raises(CommandError, match="no tandem command called 'nonsense'"):
        call_command("run_exclusive", "nonsense")
