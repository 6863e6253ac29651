from django.db import transaction
from django.utils.text import slugify

from tandem.accounts.models import User
from tandem.organisations.models import Phase
from tandem.people.models import Language, MentorTrainingRecord, Profile, Subject, Tag
from tandem.services import model_update

PROFILE_FIELDS = [
    "career_stage",
    "years_in_profession",
    "years_in_role",
    "region",
    "postcode_district",
    "availability",
    "bio",
    "is_open_to_mentoring",
    "gender",
    "ethnic_group",
    "disability",
    "diversity_consented_at",
]


def _require_owner(actor: User, owner_id: int, doing: str) -> None:
    """People edit only their own profile and training (people.policy lets nobody else in)."""
    if actor.pk != owner_id:
        message = f"Only the owner may {doing}."
        raise PermissionError(message)


def get_or_create_tags(names: list[str]) -> list[Tag]:
    """Tags by name, creating the missing ones in one bulk insert."""
    wanted = {slugify(name)[:60] or name.lower()[:60]: name for name in names}
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    missing = [Tag(slug=slug, name=name) for slug, name in wanted.items() if slug not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    return [existing[slug] for slug in wanted]


@transaction.atomic
def update_profile(
    *,
    actor: User,
    profile: Profile,
    full_name: str,
    preferred_name: str,
    phases: list[Phase],
    subjects: list[Subject],
    languages: list[Language],
    expertise: list[str],
    interests: list[str],
) -> Profile:
    """Save a person's own profile; only the profile's owner may call it (see people.policy)."""
    _require_owner(actor, profile.user_id, "change a profile")
    model_update(
        instance=profile.user,
        fields=["full_name", "preferred_name"],
        data={"full_name": full_name, "preferred_name": preferred_name},
        clean_exclude=["password"],
    )
    if profile.diversity_consented_at is None:
        profile.gender = profile.ethnic_group = profile.disability = ""
    # The profile form has filled in the profile itself.
    model_update(instance=profile, fields=PROFILE_FIELDS)
    profile.phases.set(phases)
    profile.subjects.set(subjects)
    profile.languages.set(languages)
    profile.expertise.set(get_or_create_tags(expertise))
    profile.interests.set(get_or_create_tags(interests))
    return profile


@transaction.atomic
def withdraw_diversity_consent(*, actor: User, profile: Profile) -> Profile:
    """Withdraw the owner's consent to hold diversity information, deleting the answers at
    once (UK GDPR Art. 7(3): withdrawing is as easy as giving). Only the owner may call it."""
    _require_owner(actor, profile.user_id, "withdraw consent")
    cleared = {"gender": "", "ethnic_group": "", "disability": "", "diversity_consented_at": None}
    model_update(instance=profile, fields=list(cleared), data=cleared)
    return profile


@transaction.atomic
def save_training_record(*, actor: User, record: MentorTrainingRecord) -> MentorTrainingRecord:
    """Add or change a training record on the actor's own profile."""
    _require_owner(actor, record.profile.user_id, "record their training")
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def delete_training_record(*, actor: User, record: MentorTrainingRecord) -> None:
    """Remove a training record (and its evidence file) from the actor's own profile."""
    _require_owner(actor, record.profile.user_id, "delete their training records")
    evidence = record.evidence_file
    record.delete()
    if evidence.name:
        name = evidence.name
        transaction.on_commit(lambda: evidence.storage.delete(name))
