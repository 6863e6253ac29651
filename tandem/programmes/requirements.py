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
