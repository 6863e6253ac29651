"""The invitations page: leaders see who has accepted and send or resend invitations in
bulk, only to their own organisation's current members."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.imports.services import set_mapping, start_import
from tandem.imports.tests.helpers import csv_upload
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory


def newcomer(organisation, email, **fields):
    user = User.objects.create_user(email, full_name=email.split("@")[0].title(), **fields)
    user.set_unusable_password()
    user.save()
    MembershipFactory(organisation=organisation, user=user)
    return user


@pytest.fixture
def school(db):
    # Lee leads Moorland; Ann was imported and never invited, Ben was invited and has not
    # accepted, Cat has signed in; Dan works at another school.
    moorland = OrganisationFactory(name="Moorland Academy")
    lee = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    ann = newcomer(moorland, "ann@example.org")
    ben = newcomer(moorland, "ben@example.org", invited_at=timezone.now())
    cat = newcomer(moorland, "cat@example.org", last_login=timezone.now())
    dan = newcomer(OrganisationFactory(), "dan@example.org")
    return {"moorland": moorland, "lee": lee, "ann": ann, "ben": ben, "cat": cat, "dan": dan}


def url(school):
    return reverse("imports:invitations", args=[school["moorland"].uuid])


def test_the_page_shows_each_members_status_and_how_they_sign_in(
    client, school, django_assert_num_queries
):
    client.force_login(school["lee"])
    client.get(url(school))  # warm the session and per-request caches
    # session, user, organisation + permission, memberships with users, SSO domains
    with django_assert_num_queries(6, exact=False) as first:
        page = client.get(url(school)).content.decode()
    for number in range(5):
        newcomer(school["moorland"], f"extra{number}@example.org")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url(school))
    assert "Not invited" in page
    assert "not yet accepted" in page
    assert "Accepted" in page
    assert "a password they choose from the one-time link" in page
    assert "dan@example.org" not in page


def test_bulk_send_invites_everyone_not_yet_accepted(
    client, school, django_capture_on_commit_callbacks
):
    client.force_login(school["lee"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(school), {"everyone": "1"})
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ann@example.org",
        "ben@example.org",
    ]
    school["ann"].refresh_from_db()
    assert school["ann"].invited_at is not None


def test_resend_to_chosen_people_only_reaches_members(
    client, school, django_capture_on_commit_callbacks
):
    client.force_login(school["lee"])
    chosen = [school["ben"].uuid, school["dan"].uuid, school["cat"].uuid]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(school), {"person": [str(uuid) for uuid in chosen]})
    # Dan is not Lee's to invite; Cat has already signed in.
    assert [message.to for message in mail.outbox] == [["ben@example.org"]]


def test_the_import_page_says_how_people_sign_in(client, school):
    job = start_import(
        actor=school["lee"],
        kind="people",
        upload=csv_upload([["new@example.org", "New Person", "", "", "", "", "", ""]]),
        organisation=school["moorland"],
    )
    set_mapping(actor=school["lee"], job=job, mapping=job.mapping)
    client.force_login(school["lee"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Email each new person an invitation to choose a password" in page
    assert "New people sign in with their email address" in page


def test_the_people_list_shows_invitation_status_to_leaders(client, school):
    client.force_login(school["lee"])
    page = client.get(school["moorland"].get_absolute_url()).content.decode()
    assert "Invited, not yet accepted" in page
    assert "Not invited" in page
    assert reverse("imports:invitations", args=[school["moorland"].uuid]) in page
