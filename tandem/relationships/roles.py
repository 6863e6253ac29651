"""Which relationship roles a programme's approach implies (mentor and mentee, coach and
coachee, co-coaches, facilitator and participants)."""

from tandem.programmes.models import Programme
from tandem.relationships.models import MemberRole

SUPPORT_ROLE_FOR_APPROACH = {
    "mentoring": MemberRole.MENTOR,
    "co-mentoring": MemberRole.CO_COACH,
    "co-coaching": MemberRole.CO_COACH,
    "reciprocal-peer-coaching": MemberRole.CO_COACH,
    "group-supervision": MemberRole.FACILITATOR,
    "clinical-supervision": MemberRole.FACILITATOR,
}
LEARNER_ROLE_FOR_APPROACH = {
    "specialist-coaching": MemberRole.COACHEE,
    "coach-mentoring": MemberRole.COACHEE,
    "co-mentoring": MemberRole.CO_COACH,
    "co-coaching": MemberRole.CO_COACH,
    "reciprocal-peer-coaching": MemberRole.CO_COACH,
}


def roles_for(programme: Programme) -> tuple[str, str]:
    """(supporting role, learning role) the programme's approach implies."""
    support = SUPPORT_ROLE_FOR_APPROACH.get(programme.approach, MemberRole.COACH)
    if programme.approach == "mentoring":
        support = MemberRole.MENTOR
    learner = LEARNER_ROLE_FOR_APPROACH.get(programme.approach, MemberRole.MENTEE)
    return support, learner
