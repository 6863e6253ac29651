from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation
from tandem.people.models import MentorTrainingRecord, Profile


def run_demo(settings) -> str:
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestDemoCommand:
    def test_loads_every_kind_of_organisation_and_career_stage(self, settings):
        output = run_demo(settings)
        kinds = set(Organisation.objects.values_list("type", flat=True))
        assert {
            "school",
            "academy-trust",
            "local-authority",
            "ite-provider",
            "social-care",
            "creative",
        } <= kinds
        stages = set(Profile.objects.values_list("career_stage", flat=True))
        assert stages == set(Profile.CareerStage.values)
        assert MentorTrainingRecord.objects.count() >= 3
        assert "Loaded the demo dataset." in output

    def test_prints_one_working_sign_in_per_role(self, settings, client):
        output = run_demo(settings)
        for role in ["leader", "coordinator", "mentor", "mentee", "administrator"]:
            assert f"  {role}" in output
        assert "tandem-demo-2026" in output
        response = client.post(
            "/accounts/login/",
            {"login": "coordinator@demo.tandem.example", "password": "tandem-demo-2026"},
        )
        assert response.status_code == 302
        coordinator = User.objects.get(email="coordinator@demo.tandem.example")
        assert coordinator.memberships.get().access == Membership.Access.COORDINATOR

    def test_is_deterministic_and_safe_to_rerun(self, settings):
        run_demo(settings)
        names = list(User.objects.order_by("email").values_list("full_name", flat=True))
        output = run_demo(settings)
        assert "already loaded" in output
        assert list(User.objects.order_by("email").values_list("full_name", flat=True)) == names

    def test_line_managers_are_recorded(self, settings):
        run_demo(settings)
        mentee = Membership.objects.get(user__email="mentee@demo.tandem.example")
        assert mentee.line_manager.email == "mentor@demo.tandem.example"

    def test_refuses_to_run_without_debug(self, settings):
        settings.DEBUG = False
        with pytest.raises(CommandError, match="TANDEM_DEBUG=1"):
            call_command("demo", "--no-serve", stdout=StringIO())
