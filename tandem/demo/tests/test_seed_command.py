import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from tandem.accounts.models import User
from tandem.organisations.models import Membership, Organisation
from tandem.people.models import Profile


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestSeedCommand:
    def test_creates_people_with_profiles_and_memberships(self):
        output = seed("--people", "300", "--seed", "5")
        assert "Seeded 300 people in 5 organisations" in output
        assert User.objects.count() == 300
        assert Profile.objects.count() == 300
        assert Membership.objects.count() == 300
        assert Organisation.objects.count() == 5
        managed = Membership.objects.exclude(line_manager=None)
        assert managed.exists()
        assert not managed.filter(line_manager_id=F("user_id")).exists()
        assert Profile.phases.through.objects.count() == 300

    def test_same_seed_gives_same_people(self):
        seed("--people", "50", "--seed", "9")
        first = list(User.objects.order_by("email").values_list("email", "full_name"))
        User.objects.all().delete()
        Organisation.objects.all().delete()
        seed("--people", "50", "--seed", "9")
        assert list(User.objects.order_by("email").values_list("email", "full_name")) == first

    def test_refuses_to_load_the_same_seed_twice(self):
        seed("--people", "10", "--seed", "2")
        with pytest.raises(CommandError, match="Seed 2 is already loaded"):
            seed("--people", "10", "--seed", "2")
        assert User.objects.count() == 10

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--people", "lots"], "--people must be a whole number, not 'lots'"),
            (["--people", "0"], "--people must be between 1 and 1,000,000; got 0"),
            (["--people", "5000000"], "between 1 and 1,000,000"),
            (["--people", "10", "--seed", "-1"], "--seed must be between 0"),
        ],
    )
    def test_bad_arguments_explain_themselves(self, args, message):
        with pytest.raises(CommandError, match=message):
            seed(*args)
        assert not User.objects.exists()


def test_bad_arguments_exit_non_zero_from_the_console_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tandem", "seed", "--people", "nope"],
        capture_output=True,
        text=True,
        check=False,
        env={
            "TANDEM_DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
            "PATH": "/usr/bin:/bin",
        },
    )
    assert result.returncode != 0
    assert "--people must be a whole number" in result.stderr
