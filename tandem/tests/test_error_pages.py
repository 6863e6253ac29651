"""Every error page (400, 403, 404, 500 and a refused form) uses the site layout, says what
happened and why in plain words, and offers a way back; the 500 page needs neither the
database nor a signed-in person, so it still shows when the database is the problem."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tandem.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tandem.testing.error_urls")]


def assert_in_layout(html: str) -> None:
    assert '<main id="main-content"' in html
    assert 'class="skip-link"' in html
    assert 'nav class="site-nav" aria-label="Main"' in html
    assert "What you can do" in html
    assert 'href="/">Go to your home page</a>' in html


@pytest.fixture
def quiet_client(client):
    """The test client, returning error responses instead of raising the view's error."""
    client.raise_request_exception = False
    return client


def test_404_page_explains_and_offers_a_way_back(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert_in_layout(html)
    assert "<h1>Page not found</h1>" in html
    assert "not one you can see" in html
    assert 'href="/accounts/login/">Sign in</a>' in html  # signed out: offered a sign-in


def test_404_page_for_a_signed_in_person_shows_their_navigation(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/programmes/00000000-0000-0000-0000-000000000000/").content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "Sign out" in html
    assert "/accounts/login/" not in html


def test_403_page_gives_the_reason(client):
    client.force_login(UserFactory())
    response = client.get("/test-errors/403/")
    html = response.content.decode()
    assert response.status_code == 403
    assert_in_layout(html)
    assert "<h1>You cannot do this</h1>" in html
    assert "Only the programme&#x27;s coordinators can publish matches." in html
    assert "ask your programme coordinator" in html


def test_403_page_without_a_reason_still_explains(client):
    client.force_login(UserFactory())
    html = client.get("/test-errors/403-bare/").content.decode()
    assert "<h1>You cannot do this</h1>" in html
    assert "your role does not allow this" in html
    assert "403 Forbidden" not in html


def test_400_page_uses_the_layout(quiet_client):
    response = quiet_client.get("/test-errors/400/")
    assert response.status_code == 400
    html = response.content.decode()
    assert_in_layout(html)
    assert "Something was wrong with the request" in html
    assert "A test of the 400 page" not in html  # the internal reason stays in the log


def test_500_page_uses_the_layout_and_hides_the_error(quiet_client):
    response = quiet_client.get("/test-errors/500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_in_layout(html)
    assert "Sorry, something went wrong" in html
    assert "A test of the 500 page" not in html


def test_500_page_needs_no_database_and_no_user(django_assert_num_queries):
    request = RequestFactory().get("/anything/")  # no session, no user
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert_in_layout(html)
    assert "Sign out" not in html


def test_refused_form_explains_the_security_check():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        "/accounts/login/", {"login": "someone@example.org", "password": TEST_PASSWORD}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert_in_layout(html)
    assert "<h1>Your form could not be sent</h1>" in html
    assert "reload it, and send the form again" in html
    assert "CSRF verification failed" not in html


def test_login_password_points_only_at_text_that_exists(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'id="id_password"' in html
    assert "id_password_helptext" not in html
