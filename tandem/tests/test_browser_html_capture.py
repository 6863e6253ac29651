"""The browser tests' page capture for the Nu HTML checker: every HTML page the browser
receives is saved as the server sent it (TANDEM_HTML_DIR, .ci/run)."""

import pytest
from django.template import Context, Template
from django.template.base import Origin

from tandem.testing.browser import save_pages_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_page_the_browser_receives_is_saved(page, live_server, tmp_path):
    save_pages_to(page, tmp_path)
    # Each page is written as its response arrives, by a listener that may run late on a
    # busy machine: wait for each before leaving (leaving drops the page's body).
    for count, path in enumerate(["/accounts/login/", "/accounts/password/reset/"], start=1):
        page.goto(f"{live_server.url}{path}")
        for _ in range(300):
            if len(list(tmp_path.iterdir())) >= count:
                break
            page.wait_for_timeout(100)
    page.goto(f"{live_server.url}/static/css/tandem.css")  # not HTML: not saved
    page.wait_for_timeout(500)  # time for the stylesheet to be wrongly saved
    saved = sorted(path.name for path in tmp_path.iterdir())
    assert len(saved) == 2, saved
    assert saved[0].startswith("accounts-login-")
    assert any("<h1>Sign in</h1>" in path.read_text() for path in tmp_path.iterdir())


def test_allauth_forms_keep_their_id():
    """The security-key button names its form by id (form="webauthn_form")."""
    template = Template(
        '{% load allauth %}{% element form id="webauthn_form" method="post" action="/x/" %}'
        "{% endelement %}",
        origin=Origin("page.html", template_name="page.html"),
    )
    assert 'id="webauthn_form"' in template.render(Context({}))
