from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from tandem.models import TandemModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            message = "Every account needs an email address."
            raise ValueError(message)
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin, TandemModel):
    """A person who signs in. Email is the login; there are no usernames."""

    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    preferred_name = models.CharField(
        max_length=80, blank=True, help_text="What colleagues call you, if not your first name."
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can use the site administration (needs two-factor)."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # When the latest invitation (a one-time link to choose a password) was sent; blank if
    # none was. Pages show "invited" until the person signs in or chooses a password.
    invited_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [
            # Sign-in looks accounts up by email regardless of case.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("people:profile-detail", kwargs={"user_uuid": self.uuid})

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.email

    @property
    def invitation_status(self) -> str:
        """ "accepted" once the person has signed in or chosen a password, else "invited"
        if an invitation was sent, else "not invited" (for the pages listing people)."""
        if self.last_login is not None or self.has_usable_password():
            return "accepted"
        return "invited" if self.invited_at else "not invited"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.display_name


def acting_user(*, blank: bool = False) -> "models.ForeignKey[User | None, User | None]":
    """A link to the person who did something to a row: created, decided or published it.

    The row outlives their account (the link empties), and the user has no reverse accessor
    for it: nothing asks "everything this person created" across the models.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
    )
