import pytest
from django.db import IntegrityError

from tandem.accounts.models import User


@pytest.mark.django_db
class TestUserModel:
    def test_email_is_the_login_and_is_stored_lower_case(self):
        user = User.objects.create_user("Dana.Mentee@Example.org", "pw-123456789", full_name="Dana")
        assert user.email == "dana.mentee@example.org"
        assert User.USERNAME_FIELD == "email"
        assert not hasattr(user, "username")

    def test_two_accounts_cannot_share_an_email_in_any_case(self):
        User.objects.create_user("alice@example.org", "pw-123456789", full_name="Alice")
        with pytest.raises(IntegrityError):
            User.objects.create(email="ALICE@example.org", full_name="Alice again")

    def test_create_user_without_email_explains_itself(self):
        with pytest.raises(ValueError, match="email address"):
            User.objects.create_user("", "pw-123456789", full_name="Nobody")

    def test_superuser_is_staff(self):
        admin = User.objects.create_superuser("root@example.org", "pw-123456789", full_name="R")
        assert admin.is_staff
        assert admin.is_superuser
