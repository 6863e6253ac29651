"""Checking learners against a programme's eligibility rules, for many people at once.

The rules themselves are in `requirements.unmet_eligibility_rules`; this module fetches what
they need for a list of people in three queries and says who does not meet them.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from tandem.accounts.models import User
from tandem.people.models import Profile
from tandem.programmes.models import Enrolment, EnrolmentRole, Programme
from tandem.programmes.requirements import eligibility_rules_text, unmet_eligibility_rules

# The roles that take part as learners: the rules say who may be supported, not who mentors.
LEARNER_ROLES = frozenset({EnrolmentRole.MENTEE.value, EnrolmentRole.PEER.value})


def eligible_phases_of(programme: Programme) -> dict[str, str]:
    return dict(programme.eligible_phases.values_list("key", "name"))


def unmet_eligibility_for_users(
    programme: Programme, users: Iterable[User]
) -> dict[int, list[str]]:
    """Reasons per user id, for those who do not meet the rules; empty when no rule is set.
    Three queries at most (the programme's phases, the profiles, their phases)."""
    eligible_phases = eligible_phases_of(programme)
    if not programme.has_eligibility_rules and not eligible_phases:
        return {}
    user_ids = [user.pk for user in users]
    profiles = {
        profile.user_id: profile for profile in Profile.objects.filter(user_id__in=user_ids)
    }
    phases: dict[int, dict[str, str]] = {}
    for user_id, key, name in Profile.phases.through.objects.filter(
        profile__user_id__in=user_ids
    ).values_list("profile__user_id", "phase__key", "phase__name"):
        phases.setdefault(user_id, {})[key] = name
    unmet = {}
    for user_id in user_ids:
        reasons = unmet_eligibility_rules(
            programme,
            profiles.get(user_id),
            profile_phases=phases.get(user_id, {}),
            eligible_phases=eligible_phases,
        )
        if reasons:
            unmet[user_id] = reasons
    return unmet


def eligibility_checks(programme: Programme, enrolments: list[Enrolment]) -> dict[int, list[str]]:
    """Unmet eligibility rules per learner-side enrolment (empty list: all met); nothing for
    mentors, or when the programme sets no rule."""
    learners = [enrolment for enrolment in enrolments if enrolment.role in LEARNER_ROLES]
    if not learners:
        return {}
    eligible_phases = eligible_phases_of(programme)
    if not programme.has_eligibility_rules and not eligible_phases:
        return {}
    unmet = unmet_eligibility_for_users(programme, [enrolment.user for enrolment in learners])
    return {enrolment.pk: unmet.get(enrolment.user_id, []) for enrolment in learners}


def require_eligible(programme: Programme, users: list[User], role: str) -> None:
    """Refuse, naming each person, the rule and what their profile says, when anyone does
    not meet the programme's learner rules."""
    if role not in LEARNER_ROLES:
        return
    unmet = unmet_eligibility_for_users(programme, users)
    if unmet:
        raise ValidationError(
            [
                f"{user.display_name} does not meet this programme's eligibility rules. "
                + " ".join(unmet[user.pk])
                for user in users
                if user.pk in unmet
            ]
        )


def programme_rules_text(programme: Programme) -> list[str]:
    return eligibility_rules_text(programme, sorted(eligible_phases_of(programme).values()))
