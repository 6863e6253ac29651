"""Privacy notices: asked for at sign-in until read, asked again when they change."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.organisations.models import Membership
from tandem.privacy.models import NoticeAcknowledgement, PrivacyNotice
from tandem.privacy.services.consent import publish_notice
from tandem.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NOTICES = reverse("privacy:notices-due")
HOME = reverse("home")


@pytest.fixture
def school():
    return OrganisationFactory(name="Moorland Academy")


@pytest.fixture
def leader(school):
    user = UserFactory(full_name="Helen Leader")
    MembershipFactory(user=user, organisation=school, access=Membership.Access.LEADER)
    return user


@pytest.fixture
def dana(school):
    user = UserFactory(email="dana@moorland.example", full_name="Dana Mentee")
    user.set_password(PASSWORD)
    user.save()
    MembershipFactory(user=user, organisation=school)
    return user


def sign_in(client):
    response = client.post(
        reverse("account_login"), {"login": "dana@moorland.example", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_first_sign_in_asks_for_the_notice_once(client, school, leader, dana):
    notice = publish_notice(actor=leader, organisation=school, body="We hold your goals.")
    sign_in(client)
    response = client.get(reverse("relationships:my-mentoring"))
    assert response.status_code == 302
    assert response["Location"] == f"{NOTICES}?next=%2Frelationships%2Fmine%2F"
    page = client.get(response["Location"])
    assert "We hold your goals." in page.content.decode()
    done = client.post(NOTICES, {"notice": str(notice.uuid), "next": "/relationships/mine/"})
    assert done["Location"] == "/relationships/mine/"
    assert NoticeAcknowledgement.objects.filter(notice=notice, user=dana).exists()
    assert client.get(HOME).status_code == 200
    client.logout()
    sign_in(client)
    assert client.get(HOME).status_code == 200


def test_a_new_version_is_asked_for_at_the_next_sign_in(client, school, leader, dana):
    first = publish_notice(actor=leader, organisation=school, body="Version one.")
    NoticeAcknowledgement.objects.create(notice=first, user=dana)
    sign_in(client)
    assert client.get(HOME).status_code == 200
    publish_notice(actor=leader, organisation=school, body="Version two: research use.")
    client.logout()
    sign_in(client)
    response = client.get(HOME)
    assert response.status_code == 302
    assert "Version two: research use." in client.get(NOTICES).content.decode()


def test_a_notice_published_after_the_page_was_shown_is_not_acknowledged_unseen(
    client, school, leader, dana
):
    first = publish_notice(actor=leader, organisation=school, body="Version one.")
    sign_in(client)
    publish_notice(actor=leader, organisation=school, body="Version two.")
    # The form showed version one; the post names it, so version two stays due.
    response = client.post(NOTICES, {"notice": str(first.uuid)})
    assert response.status_code == 200
    assert "Version two." in response.content.decode()
    assert not NoticeAcknowledgement.objects.filter(user=dana).exists()


def test_no_notice_means_no_interruption(client, dana):
    sign_in(client)
    assert client.get(HOME).status_code == 200


def test_posts_and_htmx_requests_are_not_interrupted(client, school, leader, dana):
    publish_notice(actor=leader, organisation=school, body="We hold your goals.")
    sign_in(client)
    assert client.get(HOME, headers={"HX-Request": "true"}).status_code == 200
    assert client.get(reverse("privacy:my-privacy")).status_code == 200


def test_next_never_leads_off_the_site(client, school, leader, dana):
    notice = publish_notice(actor=leader, organisation=school, body="Notice.")
    sign_in(client)
    response = client.post(NOTICES, {"notice": str(notice.uuid), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_publishing_numbers_versions_and_refuses_an_unchanged_notice(school, leader):
    assert publish_notice(actor=leader, organisation=school, body="One.").version == 1
    assert publish_notice(actor=leader, organisation=school, body="Two.").version == 2
    with pytest.raises(ValidationError, match="unchanged"):
        publish_notice(actor=leader, organisation=school, body=" Two. ")
    assert PrivacyNotice.objects.count() == 2


def test_only_leaders_and_data_protection_leads_publish(school, leader, dana):
    with pytest.raises(PermissionError):
        publish_notice(actor=dana, organisation=school, body="Mine now.")
    Membership.objects.filter(user=dana).update(data_protection_lead=True)
    assert publish_notice(actor=dana, organisation=school, body="From the lead.").version == 1


def test_the_edit_page_publishes_and_explains_an_unchanged_notice(client, school, leader):
    client.force_login(leader)
    url = reverse("privacy:notice-edit", args=[school.uuid])
    response = client.post(url, {"body": "Version one."})
    assert response["Location"] == reverse("privacy:notice-detail", args=[school.uuid])
    again = client.post(url, {"body": "Version one."})
    assert "The notice is unchanged, so there is no new version." in again.content.decode()
    empty = client.post(url, {"body": ""})
    assert "This field is required." in empty.content.decode()
