"""`tandem demo` serves with a background worker beside it and stops it with the server."""

import subprocess
import sys
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from tandem.demo.management.commands import demo


class FakeWorker:
    """Stands in for the worker's process (the boundary): records what was done to it."""

    def __init__(self, arguments, env, *, stubborn=False):
        self.arguments = arguments
        self.env = env
        self.pid = 4242
        self.stubborn = stubborn  # ignores SIGTERM, so must be killed
        self.returncode = None
        self.signals: list[str] = []

    def poll(self):
        return self.returncode

    def terminate(self):
        self.signals.append("terminate")
        if not self.stubborn:
            self.returncode = -15

    def kill(self):
        self.signals.append("kill")
        self.returncode = -9

    def wait(self, timeout=None):
        if self.returncode is None:
            raise subprocess.TimeoutExpired("tandem worker", timeout)
        return self.returncode


@pytest.fixture
def launched(monkeypatch):
    workers: list[FakeWorker] = []

    def popen(arguments, env, **_options):
        workers.append(FakeWorker(arguments, env, stubborn=getattr(popen, "stubborn", False)))
        return workers[-1]

    monkeypatch.setattr(demo.subprocess, "Popen", popen)
    return popen, workers


def run(settings, *arguments, serve=None):
    settings.DEBUG = True
    out = StringIO()
    with mock.patch.object(demo.Command, "serve", side_effect=serve) as served:
        call_command("demo", *arguments, stdout=out)
    return out.getvalue(), served


@pytest.mark.django_db
class TestDemoWorker:
    def test_starts_the_deployments_worker_and_stops_it_with_the_server(self, settings, launched):
        _popen, workers = launched
        seen_alive = []
        output, served = run(
            settings, serve=lambda port: seen_alive.append(workers[0].poll() is None)
        )
        served.assert_called_once_with(8000)
        (worker,) = workers
        assert worker.arguments == [
            sys.executable,
            "-m",
            "tandem",
            "worker",
            "--no-reload",
            "--no-startup-delay",
        ]
        assert worker.env["DJANGO_SETTINGS_MODULE"] == settings.SETTINGS_MODULE
        assert seen_alive == [True]  # running while the server serves
        assert worker.signals == ["terminate"]
        assert "Started the background worker (process 4242)" in output
        assert "Stopped the background worker." in output

    def test_stops_the_worker_when_the_server_is_interrupted(self, settings, launched):
        _popen, workers = launched
        with pytest.raises(KeyboardInterrupt):
            run(settings, serve=KeyboardInterrupt)
        assert workers[0].signals == ["terminate"]

    def test_kills_a_worker_that_will_not_stop(self, settings, launched):
        popen, workers = launched
        popen.stubborn = True
        run(settings)
        assert workers[0].signals == ["terminate", "kill"]

    def test_leaves_a_worker_that_already_exited_alone(self, settings, launched):
        _popen, workers = launched

        def crash(_port):
            workers[0].returncode = 1

        run(settings, serve=crash)
        assert workers[0].signals == []

    def test_no_worker_serves_alone(self, settings, launched):
        _popen, workers = launched
        output, served = run(settings, "--no-worker")
        served.assert_called_once_with(8000)
        assert workers == []
        assert "No background worker" in output

    def test_no_serve_starts_no_worker(self, settings, launched):
        _popen, workers = launched
        run(settings, "--no-serve")
        assert workers == []
