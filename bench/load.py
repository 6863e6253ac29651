"""Load test with locust against gunicorn and production settings: requests per second and
the 95th percentile for (a) signed-in people reading pages and the API and (b) the same
reads while a burst of people sign in.

Usage: .venv/bin/python bench/load.py [--readers 12] [--signers 4] [--seconds 40]
                                      [--worker-class gthread] [--people 2000]

It builds a throw-away SQLite database (migrate, `tandem demo --no-serve`, `tandem seed
--people N` for volume; or uses DATABASE_URL), collects static files, starts gunicorn with
gunicorn.conf.py and bench/settings_load.py (TANDEM_DEBUG=0), and runs locust in this
process. Locust shares the machine with the server, so compare figures from one machine.
"""

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gevent import monkey

monkey.patch_all()

import gevent  # noqa: E402 - after monkey-patching, as gevent requires
from locust import HttpUser, between, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.stats import StatsEntry  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PORT = int(os.environ.get("TANDEM_LOAD_PORT", "8765"))
HOST = f"http://127.0.0.1:{PORT}"
DEMO_PASSWORD = "tandem-demo-2026"  # noqa: S105 - the demo dataset's published password
SIGN_IN = "/accounts/login/"
TWO_FACTOR_ROLES = {"admin", "leader", "coordinator"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Filled in by main() from `tandem demo`'s list of sign-ins.
PEOPLE: list[str] = []


def sign_in(user: HttpUser, email: str, *, name: str) -> bool:
    page = user.client.get(SIGN_IN, name=f"{name} (form)")
    token = CSRF.search(page.text)
    if token is None:
        return False
    response = user.client.post(
        SIGN_IN,
        {"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": HOST + SIGN_IN},
        name=name,
    )
    return response.ok and SIGN_IN not in response.url


class Reader(HttpUser):
    """A signed-in person moving between their home page, programmes, relationships and
    the API's lists."""

    host = HOST
    wait_time = between(0.2, 0.6)

    def on_start(self) -> None:
        self.email = PEOPLE[id(self) % len(PEOPLE)]
        sign_in(self, self.email, name="reader sign-in")
        self.programmes = self._uuids("/api/v1/programmes/")
        self.relationships = self._uuids("/api/v1/relationships/")

    def _uuids(self, url: str) -> list[str]:
        response = self.client.get(url, name="read: setup")
        if not response.ok or "json" not in response.headers.get("Content-Type", ""):
            return []
        return [item["uuid"] for item in response.json().get("results", [])][:5]

    @task(3)
    def home(self) -> None:
        self.client.get("/", name="read: home")

    def _page(self, uuids: list[str], page: str, name: str, fallback: str) -> None:
        """One of the person's own records of a kind, or the kind's list if they have none."""
        if uuids:
            self.client.get(page.format(uuids[id(self) % len(uuids)]), name=f"read: {name}")
        else:
            self.client.get(fallback, name=f"read: {name} list")

    @task(2)
    def programme(self) -> None:
        self._page(self.programmes, "/programmes/{}/", "programme", "/programmes/")

    @task(2)
    def relationship(self) -> None:
        self._page(self.relationships, "/relationships/{}/", "relationship", "/relationships/mine/")

    @task(2)
    def api_lists(self) -> None:
        self.client.get("/api/v1/relationships/", name="read: api relationships")
        self.client.get("/api/v1/goals/", name="read: api goals")


class Signer(HttpUser):
    """Someone signing in (the password is hashed on the server) and out, again and again."""

    host = HOST
    wait_time = constant(0)

    @task
    def sign_in_and_out(self) -> None:
        email = PEOPLE[secrets.randbelow(len(PEOPLE))]
        if sign_in(self, email, name="sign-in"):
            token = CSRF.search(self.client.get("/accounts/logout/", name="sign-out (form)").text)
            if token:
                self.client.post(
                    "/accounts/logout/",
                    {"csrfmiddlewaretoken": token.group(1)},
                    headers={"Referer": HOST + "/"},
                    name="sign-out",
                )
        self.client.cookies.clear()


def environment(folder: str) -> dict[str, str]:
    from cryptography.fernet import Fernet  # noqa: PLC0415 - only the driver needs it

    env = dict(
        os.environ,
        TANDEM_SECRET_KEY=secrets.token_urlsafe(48),
        TANDEM_NOTE_KEYS=Fernet.generate_key().decode(),
        TANDEM_ALLOWED_HOSTS="127.0.0.1,localhost",
        TANDEM_SSL_REDIRECT="0",
        TANDEM_MEDIA_ROOT=folder,
        TANDEM_API_SESSION_RATE="1000000/hour",
        TANDEM_ACCESS_LOG="0",
        TANDEM_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONPATH=str(BENCH),
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{folder}/load.sqlite3")
    return env


def prepare(env: dict[str, str], people: int) -> list[str]:
    """Migrate, load the demo and a seeded population; return the demo's sign-ins."""
    setup = dict(env, TANDEM_DEBUG="1")
    tandem = [sys.executable, "-m", "tandem"]
    shown = subprocess.run(
        [*tandem, "demo", "--no-serve"],
        env=setup,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if people:
        subprocess.run([*tandem, "seed", "--people", str(people)], env=setup, cwd=ROOT, check=True)
    subprocess.run(
        [*tandem, "collectstatic", "--noinput", "-v0"],
        env=dict(env, TANDEM_DEBUG="0", DJANGO_SETTINGS_MODULE="settings_load"),
        cwd=ROOT,
        check=True,
    )
    emails = re.findall(r"\s(\S+@demo\.tandem\.example)\s", shown)
    # Mentors and mentees: the administrator, coordinators and leaders must complete
    # two-factor, which a load test cannot.
    return [email for email in emails if email.split("@")[0] not in TWO_FACTOR_ROLES]


def start_server(env: dict[str, str], worker_class: str, log: Path) -> subprocess.Popen:
    server_env = dict(
        env,
        TANDEM_DEBUG="0",
        DJANGO_SETTINGS_MODULE="settings_load",
        TANDEM_BIND=f"127.0.0.1:{PORT}",
        TANDEM_WEB_WORKER_CLASS=worker_class,
        TANDEM_WEB_WORKERS="2",
    )
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with log.open("w") as output:
        server = subprocess.Popen(
            [gunicorn, "-c", "gunicorn.conf.py", "tandem.wsgi"],
            env=server_env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    for _ in range(100):
        try:
            import urllib.request  # noqa: PLC0415

            urllib.request.urlopen(HOST + SIGN_IN, timeout=2)  # noqa: S310 - our own server
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    message = f"gunicorn did not start: see {log}"
    raise RuntimeError(message)


def run(readers: int, signers: int, seconds: int) -> dict[str, float]:
    """Run the readers (and signers) for `seconds` after a warm-up; the figures."""
    # Exactly this many of each, whatever locust's weighting would choose.
    Reader.fixed_count, Signer.fixed_count = readers, signers
    classes: list[type[HttpUser]] = [Reader, Signer] if signers else [Reader]
    env = Environment(user_classes=classes)
    runner = env.create_local_runner()
    runner.start(readers + signers, spawn_rate=readers + signers)
    gevent.sleep(8)  # every reader signed in and warmed up
    env.stats.reset_all()
    gevent.sleep(seconds)
    runner.quit()
    reads = StatsEntry(env.stats, "reads", "GET", use_response_times_cache=False)
    sign_ins = StatsEntry(env.stats, "sign-ins", "POST", use_response_times_cache=False)
    for entry in env.stats.entries.values():
        if entry.name.startswith("read: ") and entry.name != "read: setup":
            reads.extend(entry)
        elif entry.name == "sign-in":
            sign_ins.extend(entry)
    return {
        "reads_per_second": reads.num_requests / seconds,
        "read_p50_ms": reads.get_response_time_percentile(0.5),
        "read_p95_ms": reads.get_response_time_percentile(0.95),
        "read_failures": reads.num_failures,
        "sign_ins_per_second": sign_ins.num_requests / seconds,
        "sign_in_p95_ms": sign_ins.get_response_time_percentile(0.95)
        if sign_ins.num_requests
        else 0,
        "all_failures": env.stats.total.num_failures,
    }


def report(label: str, figures: dict[str, float]) -> None:
    if not figures["reads_per_second"]:
        print(f"{label}: no reads completed: see the gunicorn log", file=sys.stderr)
    print(
        f"{label}: reads {figures['reads_per_second']:.1f} req/s, "
        f"p50 {figures['read_p50_ms']:.0f} ms, p95 {figures['read_p95_ms']:.0f} ms; "
        f"sign-ins {figures['sign_ins_per_second']:.1f}/s, p95 {figures['sign_in_p95_ms']:.0f} ms; "
        f"failures {figures['all_failures']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readers", type=int, default=12)
    parser.add_argument("--signers", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument(
        "--worker-class", action="append", choices=["gthread", "sync"], dest="worker_classes"
    )
    args = parser.parse_args()
    with Path("/proc/loadavg").open() as load:
        print(f"load average before: {' '.join(load.read().split()[:3])} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        env = environment(folder)
        PEOPLE.extend(prepare(env, args.people))
        for worker_class in args.worker_classes or ["gthread"]:
            server = start_server(env, worker_class, Path(folder) / f"gunicorn-{worker_class}.log")
            try:
                label = f"{worker_class}, 2 workers"
                report(f"{label}, {args.readers} readers", run(args.readers, 0, args.seconds))
                report(
                    f"{label}, {args.readers} readers + {args.signers} signing in",
                    run(args.readers, args.signers, args.seconds),
                )
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
    with Path("/proc/loadavg").open() as load:
        print(f"load average after: {' '.join(load.read().split()[:3])}")


if __name__ == "__main__":
    main()
