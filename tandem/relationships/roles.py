"""Which relationship roles a programme's approach implies (mentor and mentee, coach and
coachee, co-coaches, facilitator and participants)."""

from tandem.framework.keys import Approach
from tandem.programmes.models import Programme
from tandem.relationships.models import MemberRole, Relationship

SUPPORT_ROLE_FOR_APPROACH: dict[str, MemberRole] = {
    Approach.MENTORING: MemberRole.MENTOR,
    Approach.CO_MENTORING: MemberRole.CO_COACH,
    Approach.CO_COACHING: MemberRole.CO_COACH,
    Approach.RECIPROCAL_PEER_COACHING: MemberRole.CO_COACH,
    Approach.GROUP_REFLECTIVE_SUPERVISION: MemberRole.FACILITATOR,
    Approach.CLINICAL_SUPERVISION: MemberRole.FACILITATOR,
}
LEARNER_ROLE_FOR_APPROACH: dict[str, MemberRole] = {
    Approach.SPECIALIST_COACHING: MemberRole.COACHEE,
    Approach.COACH_MENTORING: MemberRole.COACHEE,
    Approach.CO_MENTORING: MemberRole.CO_COACH,
    Approach.CO_COACHING: MemberRole.CO_COACH,
    Approach.RECIPROCAL_PEER_COACHING: MemberRole.CO_COACH,
}


def roles_for(programme: Programme) -> tuple[str, str]:
    """(supporting role, learning role) the programme's approach implies."""
    support = SUPPORT_ROLE_FOR_APPROACH.get(programme.approach, MemberRole.COACH)
    if programme.approach == Approach.MENTORING:
        support = MemberRole.MENTOR
    learner = LEARNER_ROLE_FOR_APPROACH.get(programme.approach, MemberRole.MENTEE)
    return support, learner


# Approaches in which the learners share the relationship and may share its goals.
JOINT_APPROACHES = {
    Approach.CO_COACHING,
    Approach.CO_MENTORING,
    Approach.RECIPROCAL_PEER_COACHING,
    Approach.GROUP_REFLECTIVE_SUPERVISION,
}


def allows_shared_goals(relationship: Relationship) -> bool:
    """Co-coaching, co-mentoring and group relationships may hold jointly owned goals."""
    return relationship.is_group or relationship.programme.approach in JOINT_APPROACHES
