"""Mentor requirements: which of a programme's rules a would-be mentor does not meet."""

from tandem.people.models import Profile
from tandem.programmes.models import Programme


def unmet_mentor_requirements(
    programme: Programme, profile: Profile | None, *, num_training_records: int
) -> list[str]:
    """Plain-English reasons, empty when every requirement is met. Pairwise rules (external
    to the mentee's organisation, not their line manager or assessor) are checked when a
    relationship is formed, in relationships.conflicts."""
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
    return unmet


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
