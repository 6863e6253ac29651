"""Computing a group run: the round's learners and facilitators, the groups each
facilitator may still lead, then the engine's groups stored as proposals (one per member,
numbered by group) with each member's reasons, and every learner left out with why."""

from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from tandem.matching.adapter import Round, group_places
from tandem.matching.engine.groups import GroupResult, GroupRules, Mix, form_groups, member_reasons
from tandem.matching.engine.scoring import Scorer
from tandem.matching.models import MatchProposal, MatchRun, RunStatus

# Seconds the solver may search: a coordinator waits for an inline run, a worker does not.
INLINE_TIME_LIMIT = 5.0
WORKER_TIME_LIMIT = 60.0


@dataclass(frozen=True)
class GroupChoices:
    """What the coordinator chooses for a group run (stored in the run's options)."""

    min_size: int
    max_size: int
    phase_mix: str = Mix.ANY
    subject_mix: str = Mix.ANY
    experience_mix: str = Mix.ANY

    def as_options(self, *, time_limit: float) -> dict[str, object]:
        return {
            "min_size": self.min_size,
            "max_size": self.max_size,
            "phase_mix": self.phase_mix,
            "subject_mix": self.subject_mix,
            "experience_mix": self.experience_mix,
            "time_limit": time_limit,
        }


def rules_from_options(options: dict[str, object]) -> GroupRules:
    group = options["group"]
    assert isinstance(group, dict)  # noqa: S101 - written by start_group_run
    return GroupRules(
        min_size=int(group["min_size"]),
        max_size=int(group["max_size"]),
        phase_mix=Mix(group["phase_mix"]),
        subject_mix=Mix(group["subject_mix"]),
        experience_mix=Mix(group["experience_mix"]),
        time_limit=float(group["time_limit"]),
    )


@transaction.atomic
def store_groups(run: MatchRun, round_: Round) -> None:
    """Form the groups and store them on the run as a draft (the caller's transaction)."""
    rules = rules_from_options(run.options)
    places = group_places(run.programme, round_)
    data = round_.data.with_capacity(places.capacity)
    scorer = Scorer(data, round_.config)
    result = form_groups(data, round_.config, rules, apart=places.apart, scorer=scorer)
    now = timezone.now()
    MatchRun.objects.filter(pk=run.pk).update(
        progress=80, progress_note="Explaining each group", updated_at=now, heartbeat_at=now
    )
    proposals = []
    for number, group in enumerate(result.groups, start=1):
        reasons = member_reasons(scorer, group, data.mentees, rules)
        fit = scorer.pair_points(
            np.array(group.members), np.full(len(group.members), group.facilitator)
        )
        for learner, parts, points in zip(group.members, reasons, fit.tolist(), strict=True):
            proposals.append(
                MatchProposal(
                    run=run,
                    mentee_id=int(round_.mentees[learner]),
                    mentor_id=int(round_.mentors[group.facilitator]),
                    points=int(points),
                    contributions=parts,
                    group_number=number,
                )
            )
    MatchProposal.objects.bulk_create(proposals)
    _finish(run, round_, places.capacity, result, rules)


def _finish(
    run: MatchRun, round_: Round, capacity: np.ndarray, result: GroupResult, rules: GroupRules
) -> None:
    run.inputs = {
        **run.inputs,
        "mentees": [int(user) for user in round_.mentees],
        "mentors": [int(user) for user in round_.mentors],
        "groups": {
            str(int(user)): int(groups)
            for user, groups in zip(round_.mentors, capacity, strict=True)
        },
    }
    run.num_mentees = int(round_.mentees.size)
    run.num_mentors = int(round_.mentors.size)
    run.num_places = int(capacity.sum()) * rules.max_size
    run.num_placed = result.num_placed
    run.problems = result.problems
    run.unplaced = [
        {
            "user": int(round_.mentees[item.learner]),
            "reason": item.reason.value,
            "message": item.message,
        }
        for item in result.unplaced
    ]
    run.stats = {
        **{key: round(float(value), 3) for key, value in result.stats.items()},
        "groups": len(result.groups),
    }
    run.objective = result.objective
    run.is_certified_optimal = result.is_optimal
    run.status = RunStatus.DRAFT
    run.progress, run.progress_note = 100, "Ready for review"
    run.save()
