"""End-to-end test harness: Playwright driving Debian's Chromium against a live server.

Registered as a pytest plugin by the root conftest.py. Browser tests are marked
`browser` and `django_db(transaction=True)` (the live server needs committed data; the
root conftest restores reference data after each flush). They get:
- `page`: a fresh browser tab (phone-width variants via `phone_page`);
- `sign_in(page, live_server, user)`: signs in through the real sign-in form;
- `console_errors(page)`: the page's console errors as they happen (a CSP refusal shows
  up there);
- `assert_accessible(page)`: runs axe-core (from npm) in the page and fails on any
  serious or critical WCAG 2.2 A/AA violation.
"""

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    ViewportSize,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from tandem.accounts.models import User
from tandem.testing.factories import TEST_PASSWORD
from tandem.testing.twofactor import totp_code

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Generous: on a busy two-core machine a page can take seconds; a real failure still fails.
DEFAULT_TIMEOUT_MS = 30_000
PHONE_VIEWPORT: ViewportSize = {"width": 375, "height": 740}

# Playwright's synchronous API runs an event loop in the test thread; the ORM calls made by
# factories in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path() -> str:
    for candidate in (os.environ.get("TANDEM_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    pytest.fail(
        "Browser tests need Debian's Chromium: run `apt-get install chromium` "
        "(.ci/run and scripts/ensure-test-tools.sh do this), or set TANDEM_CHROMIUM.",
        pytrace=False,
    )
    return ""  # unreachable: pytest.fail raises


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="en-GB", viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Page, live_server: LiveServer, user: User, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        # Their role requires two-factor (tandem.testing.twofactor set up their app).
        page.get_by_label("Code").fill(totp_code(user))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()


def switch_user(page: Page, live_server: LiveServer, user: User) -> None:
    """Sign out (by dropping the session cookie) and sign in as someone else."""
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def console_errors(page: Page) -> list[str]:
    """A list that collects the text of every console error the page logs from now on."""
    errors: list[str] = []

    def collect(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", collect)
    return errors


def axe_violations(page: Page) -> list[dict]:
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"axe-core is missing at {AXE_SCRIPT}: run `npm ci` (make test does).", pytrace=False
        )
    # Let a navigation that a click started finish first: axe run on a page being
    # replaced finds no document.
    page.wait_for_load_state("load")
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [item for item in result["violations"] if item["impact"] in BLOCKING_IMPACTS]


def assert_accessible(page: Page) -> None:
    """Fail with a readable list if axe finds any serious or critical violation."""
    violations = axe_violations(page)
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for item in violations:
            targets = json.dumps([node["target"] for node in item["nodes"][:3]])
            lines.append(f"- [{item['impact']}] {item['id']}: {item['help']} at {targets}")
        pytest.fail("\n".join(lines), pytrace=False)


def fill_date(
    scope: Page | Locator, legend: str, on: dt.date, *, time: str = "", nth: int = 0
) -> None:
    """Type a date into a day, month and year group (tandem.forms.DatePartsField), found
    by its legend as a screen reader would announce it; `time` ("14:30") fills the time
    box of a date-and-time group; `nth` picks among groups with the same legend (a
    formset's rows)."""
    # Forms without PlainLabelsMixin end the legend with a colon.
    name = re.compile(rf"^\s*{re.escape(legend)}:?\s*$")
    group = scope.get_by_role("group", name=name).nth(nth)
    group.get_by_label("Day", exact=True).fill(str(on.day))
    group.get_by_label("Month", exact=True).fill(str(on.month))
    group.get_by_label("Year", exact=True).fill(str(on.year))
    if time:
        group.get_by_label("Time", exact=True).fill(time)
