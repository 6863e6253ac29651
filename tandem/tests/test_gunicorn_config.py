"""gunicorn.conf.py: threaded workers, so password hashing during a burst of sign-ins does
not hold up every other request (bench/load.py measures it), and only settings gunicorn
knows, so a misspelt one cannot be silently ignored."""

import logging
import runpy

from django.conf import settings
from gunicorn.config import Config

from tandem.logs import JsonLogFormatter

CONFIG = settings.BASE_DIR / "gunicorn.conf.py"


def _settings() -> dict:
    return {
        name: value
        for name, value in runpy.run_path(str(CONFIG)).items()
        if not name.startswith("__") and name not in {"multiprocessing", "os"}
    }


def test_workers_are_threaded():
    config = _settings()
    assert config["worker_class"] == "gthread"
    assert config["threads"] >= 2
    assert config["workers"] >= 1


def test_every_name_is_a_gunicorn_setting_it_accepts():
    known = Config()
    for name, value in _settings().items():
        assert name in known.settings, name
        known.set(name, value)
    assert known.worker_class_str == "gthread"


def test_the_environment_chooses_bind_workers_and_threads(monkeypatch):
    monkeypatch.setenv("TANDEM_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("TANDEM_WEB_WORKERS", "3")
    monkeypatch.setenv("TANDEM_WEB_THREADS", "8")
    config = _settings()
    assert (config["bind"], config["workers"], config["threads"]) == ("0.0.0.0:9000", 3, 8)


def test_gunicorn_writes_its_own_lines_as_json_and_no_access_log():
    config = _settings()
    assert config["accesslog"] is None
    formatter = config["logconfig_dict"]["formatters"]["json"]["()"]
    assert formatter == "tandem.logs.JsonLogFormatter"
    record = logging.LogRecord("gunicorn.error", logging.INFO, "", 0, "Booting", (), None)
    assert '"message": "Booting"' in JsonLogFormatter().format(record)
