import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.accounts.models import User
from tandem.organisations.models import Membership
from tandem.organisations.services import line_manager_cycle, update_membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory, ProfileFactory


@pytest.fixture
def moorland(db):
    return OrganisationFactory(name="Moorland Academy")


def member(organisation, access=Membership.Access.MEMBER, line_manager=None, name=None):
    user = ProfileFactory(**({"user__full_name": name} if name else {})).user
    return MembershipFactory(
        user=user, organisation=organisation, access=access, line_manager=line_manager
    )


@pytest.fixture
def helen(moorland):
    # Helen leads Moorland: she adds people and sets line managers.
    return member(moorland, Membership.Access.LEADER, name="Helen Okafor").user


@pytest.fixture
def helen_signed_in(client, helen):
    """The test's client is signed in as Helen."""
    client.force_login(helen)


def edit_membership(client, membership, **changes):
    """Posts the membership form: an ordinary teacher's membership, with `changes`."""
    fields = {"job_title": "", "role_category": "teacher", "access": "member"} | changes
    return client.post(reverse("organisations:membership-edit", args=[membership.uuid]), fields)


def invite_data(**overrides):
    return {
        "email": "Newton.Teacher@Example.org",
        "full_name": "Newton Teacher",
        "job_title": "Teacher of physics",
        "role_category": "teacher",
        "access": "member",
    } | overrides


@pytest.mark.django_db
@pytest.mark.usefixtures("helen_signed_in")
class TestAddMember:
    def test_creates_account_membership_and_sends_invitation(
        self, client, helen, moorland, django_capture_on_commit_callbacks
    ):
        url = reverse("organisations:member-add", args=[moorland.uuid])
        with django_capture_on_commit_callbacks(execute=True):
            # However the site is reached, the link uses its configured address.
            response = client.post(
                url, invite_data(line_manager=helen.pk), HTTP_HOST="127.0.0.1:8300"
            )
        assert response.status_code == 302
        newton = User.objects.get(email="newton.teacher@example.org")
        assert not newton.has_usable_password()
        membership = newton.memberships.get()
        assert membership.line_manager == helen
        assert membership.organisation == moorland
        [invitation] = mail.outbox
        assert invitation.to == ["newton.teacher@example.org"]
        assert "Helen Okafor has added you to Moorland Academy" in invitation.body
        assert f"{settings.TANDEM_SITE_URL}/accounts/invitation/" in invitation.body
        assert "127.0.0.1:8300" not in invitation.body
        newton.refresh_from_db()
        assert newton.invited_at is not None

    def test_existing_account_joins_without_a_second_account(
        self, client, helen, moorland, django_capture_on_commit_callbacks
    ):
        existing = ProfileFactory(user__email="newton.teacher@example.org").user
        url = reverse("organisations:member-add", args=[moorland.uuid])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, invite_data())
        assert User.objects.filter(email__iexact="newton.teacher@example.org").count() == 1
        assert existing.memberships.get().organisation == moorland
        assert "Sign in as usual" in mail.outbox[0].body

    def test_current_member_is_refused_with_a_message(self, client, helen, moorland):
        url = reverse("organisations:member-add", args=[moorland.uuid])
        response = client.post(url, invite_data(email=helen.email.upper()))
        assert response.status_code == 200
        assert "already a member of Moorland Academy" in response.context["form"].errors["email"][0]
        assert not mail.outbox

    def test_bad_email_keeps_the_typed_name(self, client, helen, moorland):
        url = reverse("organisations:member-add", args=[moorland.uuid])
        response = client.post(url, invite_data(email="not-an-email"))
        assert "Enter a valid email address." in response.context["form"].errors["email"]
        assert 'value="Newton Teacher"' in response.content.decode()


@pytest.mark.django_db
class TestEditMembership:
    def test_leader_sets_line_manager_and_access(self, client, helen, moorland):
        owen = member(moorland, name="Owen Price")
        client.force_login(helen)
        response = edit_membership(
            client,
            owen,
            job_title="Head of science",
            role_category="middle-leader",
            access="coordinator",
            line_manager=helen.pk,
        )
        assert response.status_code == 302
        owen.refresh_from_db()
        assert owen.line_manager == helen
        assert owen.access == "coordinator"

    def test_leader_marks_and_unmarks_a_data_protection_lead(self, client, helen, moorland):
        owen = member(moorland)
        client.force_login(helen)
        edit_membership(client, owen, data_protection_lead="on")
        owen.refresh_from_db()
        assert owen.data_protection_lead
        edit_membership(client, owen)
        owen.refresh_from_db()
        assert not owen.data_protection_lead

    def test_management_loop_is_refused_and_explained(self, client, helen, moorland):
        helen_membership = helen.memberships.get()
        owen = member(moorland, line_manager=helen, name="Owen Price")
        dana = member(moorland, line_manager=owen.user, name="Dana Hughes")
        client.force_login(helen)
        response = edit_membership(
            client,
            helen_membership,
            job_title="Head",
            role_category="headteacher",
            access="leader",
            line_manager=dana.user.pk,
        )
        assert response.status_code == 200
        error = response.context["form"].errors["line_manager"][0]
        assert error == (
            "That would make a management loop: Helen Okafor → Dana Hughes → "
            "Owen Price → Helen Okafor."
        )
        helen_membership.refresh_from_db()
        assert helen_membership.line_manager is None

    def test_line_manager_must_be_a_current_member(self, moorland):
        outsider = ProfileFactory().user
        owen = member(moorland)
        assert (
            line_manager_cycle(organisation=moorland, user=owen.user, line_manager=outsider) == []
        )
        with pytest.raises(ValidationError, match="current member"):
            update_membership(actor=owen.user, membership=owen, fields={"line_manager": outsider})

    def test_end_date_before_start_is_explained(self, client, helen, moorland):
        owen = member(moorland)
        client.force_login(helen)
        response = edit_membership(client, owen, started_on="2025-09-01", ended_on="2025-01-01")
        assert "on or after the start date" in str(response.context["form"].errors)
