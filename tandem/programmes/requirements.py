"""Mentor requirements: which of a programme's rules a would-be mentor does not meet."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from tandem.people.models import MentorTrainingRecord, Profile
from tandem.programmes.models import Programme


@dataclass(frozen=True)
class Credential:
    """What a requirement check needs of one training record (no ORM object, so matching
    and the bank can build these from a `values_list`)."""

    course: str
    is_accredited: bool
    expires_on: dt.date | None


def has_credential_rules(programme: Programme) -> bool:
    return programme.requires_accredited_mentor or bool(programme.required_mentor_course.strip())


def _same_course(name: str, wanted: str) -> bool:
    return " ".join(name.split()).casefold() == " ".join(wanted.split()).casefold()


def unmet_credentials(
    programme: Programme, credentials: Iterable[Credential], *, today: dt.date | None = None
) -> list[str]:
    """Plain-English reasons a mentor's training does not meet the programme's credential
    rules (an accredited mentor in date; a named course completed), naming what is missing
    or when it expired. Empty when both are met or neither is asked."""
    today = today or timezone.localdate()
    credentials = list(credentials)
    unmet: list[str] = []
    if programme.requires_accredited_mentor:
        accredited = [item for item in credentials if item.is_accredited]
        in_date = [
            item for item in accredited if item.expires_on is None or item.expires_on >= today
        ]
        if not accredited:
            unmet.append("No accredited mentor training is recorded; the programme asks for it.")
        elif not in_date:
            latest = max(accredited, key=lambda item: item.expires_on or today)
            unmet.append(
                f"Accreditation ({latest.course}) expired on {latest.expires_on:%-d %B %Y}; the "
                "programme asks for an accreditation in date."
            )
    wanted = programme.required_mentor_course.strip()
    if wanted:
        taken = [item for item in credentials if _same_course(item.course, wanted)]
        current = [item for item in taken if item.expires_on is None or item.expires_on >= today]
        if not taken:
            unmet.append(f"Has not completed “{wanted}”; the programme asks for it.")
        elif not current:
            latest = max(taken, key=lambda item: item.expires_on or today)
            unmet.append(
                f"“{wanted}” expired on {latest.expires_on:%-d %B %Y}; the programme asks for "
                "it in date."
            )
    return unmet


def credentials_by_user(user_ids: Iterable[int]) -> dict[int, list[Credential]]:
    """Each person's training records as credentials, in one query."""
    found: dict[int, list[Credential]] = {}
    rows = (
        MentorTrainingRecord.objects.filter(profile__user_id__in=list(user_ids))
        .order_by()
        .values_list("profile__user_id", "course", "is_accredited", "expires_on")
    )
    for user_id, course, is_accredited, expires_on in rows:
        found.setdefault(user_id, []).append(Credential(course, is_accredited, expires_on))
    return found


def unmet_mentor_requirements(
    programme: Programme,
    profile: Profile | None,
    *,
    num_training_records: int,
    credentials: Mapping[int, list[Credential]] | None = None,
) -> list[str]:
    """Plain-English reasons, empty when every requirement is met. Pairwise rules (external
    to the mentee's organisation, not their line manager or assessor) are checked when a
    relationship is formed, in relationships.conflicts. `credentials` (by user id, from
    `credentials_by_user`) is needed only when the programme has credential rules."""
    unmet: list[str] = []
    if profile is None:
        return ["They have no profile yet, so their experience is unknown."]
    if programme.requires_mentor_training and num_training_records == 0:
        unmet.append("No mentor or coach training is recorded.")
    if profile.years_in_profession < programme.min_mentor_years:
        unmet.append(
            f"{profile.years_in_profession} years in the profession; the programme asks for "
            f"at least {programme.min_mentor_years}."
        )
    if profile.years_in_role < programme.min_mentor_years_in_role:
        unmet.append(
            f"{profile.years_in_role} years in their current role; the programme asks for at "
            f"least {programme.min_mentor_years_in_role}."
        )
    stages = programme.mentor_career_stages
    if stages and profile.career_stage not in stages:
        wanted = ", ".join(label.lower() for label in programme.mentor_career_stage_labels)
        unmet.append(
            f"Career stage is {profile.get_career_stage_display().lower()}; wanted {wanted}."
        )
    if has_credential_rules(programme):
        held = (credentials or {}).get(profile.user_id, [])
        unmet.extend(unmet_credentials(programme, held))
    return unmet


def unmet_for_users(programme: Programme, user_ids: list[int]) -> dict[int, list[str]]:
    """`unmet_mentor_requirements` for would-be mentors by user id, whether or not they are
    enrolled yet: two queries, three when the programme asks for credentials."""
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=user_ids).annotate(
            num_training=Count("training_records")
        )
    }
    credentials = credentials_by_user(user_ids) if has_credential_rules(programme) else {}
    return {
        user_id: unmet_mentor_requirements(
            programme,
            profiles.get(user_id),
            num_training_records=profiles[user_id].num_training if user_id in profiles else 0,
            credentials=credentials,
        )
        for user_id in user_ids
    }


# Learner eligibility (seed 002 §2.3.5: the EPD pilot took teachers in their second and third
# years; new-headteacher schemes take heads in their first two years). Kept apart from the
# mentor requirements above: these decide who may join as a learner at all.


def eligibility_rules_text(programme: Programme, phase_names: list[str]) -> list[str]:
    """The programme's learner rules in plain words, for its page and the apply form."""
    rules = []
    if programme.eligible_career_stages:
        stages = ", ".join(label.lower() for label in programme.eligible_career_stage_labels)
        rules.append(f"Career stage: {stages}.")
    low, high = programme.eligible_min_years, programme.eligible_max_years
    if low is not None and high is not None:
        rules.append(f"Years in the profession: {low} to {high}.")
    elif low is not None:
        rules.append(f"Years in the profession: at least {low}.")
    elif high is not None:
        rules.append(f"Years in the profession: at most {high}.")
    if programme.eligible_max_years_in_role is not None:
        rules.append(f"Years in current role: at most {programme.eligible_max_years_in_role}.")
    if phase_names:
        rules.append(f"Phase: {', '.join(phase_names)}.")
    return rules


def unmet_eligibility_rules(
    programme: Programme,
    profile: Profile | None,
    *,
    profile_phases: dict[str, str],
    eligible_phases: dict[str, str],
) -> list[str]:
    """Which of the programme's learner rules the person does not meet, each naming the rule
    and what their profile says; empty when they meet them all. Phases are given as
    {key: name} so a whole enrolment list is checked in a fixed number of queries."""
    if not programme.has_eligibility_rules and not eligible_phases:
        return []
    if profile is None:
        return ["No profile yet, so the programme's eligibility rules cannot be checked."]
    unmet: list[str] = []
    stages = programme.eligible_career_stages
    if stages and profile.career_stage not in stages:
        wanted = ", ".join(label.lower() for label in programme.eligible_career_stage_labels)
        unmet.append(
            f"Career stage: the profile says {profile.get_career_stage_display().lower()}; "
            f"this programme takes {wanted}."
        )
    years = profile.years_in_profession
    low, high = programme.eligible_min_years, programme.eligible_max_years
    if (low is not None and years < low) or (high is not None and years > high):
        wanted = (
            f"{low} to {high}"
            if low is not None and high is not None
            else f"at least {low}"
            if low is not None
            else f"at most {high}"
        )
        unmet.append(
            f"Years in the profession: the profile says {years}; this programme takes {wanted}."
        )
    most_in_role = programme.eligible_max_years_in_role
    if most_in_role is not None and profile.years_in_role > most_in_role:
        unmet.append(
            f"Years in current role: the profile says {profile.years_in_role}; this programme "
            f"takes at most {most_in_role}."
        )
    if eligible_phases and not set(profile_phases) & set(eligible_phases):
        theirs = ", ".join(sorted(profile_phases.values())) or "no phase"
        wanted = ", ".join(sorted(eligible_phases.values()))
        unmet.append(f"Phase: the profile says {theirs}; this programme takes {wanted}.")
    return unmet
