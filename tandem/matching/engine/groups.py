"""Group formation: learners into groups of a given size, each led by one facilitator.

Work discussion groups and group supervision (seed 002 §2.3.1, and the work discussion
groups of its Table C review: a forum for staff to share concerns, usually facilitated by an
external consultant, with a mix of less and more experienced staff). The pair engine's
scorer gives each learner's fit with each facilitator and applies the same hard rules
(line manager, asked not to be paired again, existing relationship, programme rules);
`peer_points` scores how well two learners sit together (shared focus areas, and a phase,
subject or experience mix the programme asks for: similar or diverse).

CP-SAT solves it exactly: place as many learners as the rules allow, then maximise the
total fit (each member's fit with their facilitator plus every pair of members' fit with
each other). It runs under a time limit; when the limit stops it before optimality is
proved, the result says so (`is_optimal` False), never silently.
"""

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from ortools.sat.python import cp_model
from scipy import sparse

from tandem.matching.engine.criteria import CRITERION_LABELS, MatchConfig
from tandem.matching.engine.features import UNKNOWN, MatchInput, Side
from tandem.matching.engine.scoring import EXCLUSIONS, INELIGIBLE, SCORE_POINTS, Scorer

# A pair of learners who must never share a group (one line-manages the other).
APART = -1


class Mix(StrEnum):
    """What the programme wants of a group's phases, subjects or experience."""

    ANY = "any"
    SIMILAR = "similar"
    DIVERSE = "diverse"


MIX_LABELS = {
    ("phase", Mix.SIMILAR): "Same phase of education as other members",
    ("phase", Mix.DIVERSE): "Brings a different phase of education to the group",
    ("subject", Mix.SIMILAR): "Same subject as other members",
    ("subject", Mix.DIVERSE): "Brings a different subject to the group",
    ("experience", Mix.SIMILAR): "Similar career stage to other members",
    ("experience", Mix.DIVERSE): "A mix of less and more experienced members",
}
FOCUS_LABEL = "Focus areas shared with other members"


@dataclass(frozen=True)
class GroupRules:
    """Group size and mix for one run; `time_limit` is in seconds."""

    min_size: int
    max_size: int
    phase_mix: Mix = Mix.ANY
    subject_mix: Mix = Mix.ANY
    experience_mix: Mix = Mix.ANY
    focus_weight: int = 2
    time_limit: float = 10.0
    workers: int = 1

    def __post_init__(self) -> None:
        if self.min_size < 1 or self.max_size < self.min_size:
            message = (
                "A group needs at least one member and a largest size no smaller than its smallest."
            )
            raise ValueError(message)

    @property
    def pair_points(self) -> int:
        """The most one pair of members can score together: each member's fit with the
        rest of a full group then totals at most SCORE_POINTS, like their facilitator fit."""
        return SCORE_POINTS // max(1, self.max_size - 1)


class GroupUnplacedReason(StrEnum):
    NO_FACILITATOR = "no-facilitator"
    PLACES_FULL = "places-full"
    GROUP_SIZE = "group-size"
    NOT_PROVED = "not-proved"


@dataclass(frozen=True)
class GroupUnplaced:
    learner: int
    reason: GroupUnplacedReason
    message: str


@dataclass(frozen=True)
class FormedGroup:
    facilitator: int
    members: tuple[int, ...]  # learner rows, ascending


@dataclass
class GroupResult:
    groups: list[FormedGroup]
    unplaced: list[GroupUnplaced]
    num_placed: int
    # Total fit: facilitator fit of every member plus peer fit of every pair in a group.
    objective: int
    # False when the time limit stopped the solver before it proved no better grouping
    # exists: the page then says "best found, not proven optimal".
    is_optimal: bool
    problems: list[str] = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)


# -- scores ----------------------------------------------------------------------------------


def _overlap(matrix: sparse.csr_array) -> np.ndarray:
    """Learner × learner count of shared set members (phases, subjects or tags)."""
    matrix = sparse.csr_array(matrix, dtype=np.float32)
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.int64)


def _mix_score(side: Side, kind: str, mix: Mix) -> np.ndarray | None:
    """1 where a pair fits the asked mix, 0 where not; missing data never proves a fit."""
    if mix == Mix.ANY:
        return None
    if kind == "experience":
        stage = side.career_stage.astype(np.int64)
        known = stage != UNKNOWN
        both = known[:, None] & known[None, :]
        gap = np.abs(stage[:, None] - stage[None, :])
        fits = gap <= 1 if mix == Mix.SIMILAR else gap >= 2  # two stages apart or more
        return (fits & both).astype(np.int64)
    matrix = side.phases if kind == "phase" else side.subjects
    counts = np.diff(sparse.csr_array(matrix).indptr)
    shared = _overlap(matrix)
    both = (counts[:, None] > 0) & (counts[None, :] > 0)
    if mix == Mix.SIMILAR:
        return ((shared > 0) & both).astype(np.int64)
    # Diverse: one of them brings something the other does not have.
    differs = (shared < counts[:, None]) | (shared < counts[None, :])
    return (differs & both).astype(np.int64)


def peer_parts(learners: Side, rules: GroupRules) -> dict[str, np.ndarray]:
    """Each peer criterion's points per pair of learners (label → n × n, zero diagonal)."""
    parts: dict[str, np.ndarray] = {}
    weights: dict[str, tuple[int, np.ndarray]] = {}
    if rules.focus_weight > 0:
        shared = np.minimum(_overlap(learners.tags), 3)
        weights[FOCUS_LABEL] = (rules.focus_weight, shared / 3)
    for kind, mix in (
        ("phase", rules.phase_mix),
        ("subject", rules.subject_mix),
        ("experience", rules.experience_mix),
    ):
        score = _mix_score(learners, kind, mix)
        if score is not None:
            weights[MIX_LABELS[kind, mix]] = (1, score)
    total = sum(weight for weight, _score in weights.values())
    for label, (weight, score) in weights.items():
        points = np.rint(score * (weight * rules.pair_points / total)).astype(np.int64)
        np.fill_diagonal(points, 0)
        parts[label] = points
    return parts


def peer_points(learners: Side, rules: GroupRules, apart: sparse.csr_array | None) -> np.ndarray:
    """Learner × learner fit, symmetric, 0..rules.pair_points; APART where barred."""
    size = learners.size
    points = np.zeros((size, size), dtype=np.int64)
    for part in peer_parts(learners, rules).values():
        points += part
    if apart is not None and apart.nnz:
        coo = sparse.coo_array(apart)
        points[coo.row, coo.col] = APART
        points[coo.col, coo.row] = APART
    np.fill_diagonal(points, 0)
    return points


# -- the solver ------------------------------------------------------------------------------


# Per possible group: (learner row, their "is a member" variable).
Members = list[list[tuple[int, cp_model.IntVar]]]


@dataclass(frozen=True)
class _Slots:
    """One possible group per place a facilitator offers: its facilitator, in order."""

    facilitator: np.ndarray

    @property
    def size(self) -> int:
        return int(self.facilitator.size)


def _slots(fit: np.ndarray, capacity: np.ndarray, rules: GroupRules) -> _Slots:
    """A facilitator's groups are at most their capacity and at most as many as their
    eligible learners can fill at the smallest size (more could never be opened)."""
    eligible = (fit >= 0).sum(axis=0) if fit.size else np.zeros(capacity.size, dtype=np.int64)
    usable = np.minimum(np.maximum(capacity, 0), eligible // rules.min_size)
    return _Slots(np.repeat(np.arange(capacity.size), usable))


def solve_groups(
    fit: np.ndarray, peers: np.ndarray, capacity: np.ndarray, rules: GroupRules
) -> tuple[list[FormedGroup], int, int, bool, dict[str, float]]:
    """Form groups from score matrices: `fit` learners × facilitators (INELIGIBLE where
    barred), `peers` learners × learners (APART where barred). Lexicographic: as many placed
    as possible, then the most total fit. Returns groups, placed, fit, proved, stats."""
    num_learners = fit.shape[0]
    slots = _slots(fit, np.asarray(capacity, dtype=np.int64), rules)
    if num_learners == 0 or slots.size == 0:
        return [], 0, 0, True, {"variables": 0.0, "seconds": 0.0}
    model = cp_model.CpModel()
    member: dict[tuple[int, int], cp_model.IntVar] = {}
    for slot, facilitator in enumerate(slots.facilitator.tolist()):
        for learner in np.flatnonzero(fit[:, facilitator] >= 0).tolist():
            member[learner, slot] = model.new_bool_var(f"x{learner}_{slot}")
    in_slot: Members = [[] for _ in range(slots.size)]
    of_learner: list[list[cp_model.IntVar]] = [[] for _ in range(num_learners)]
    for (learner, slot), variable in member.items():
        in_slot[slot].append((learner, variable))
        of_learner[learner].append(variable)
    for variables in of_learner:
        if len(variables) > 1:
            model.add_at_most_one(variables)
    _add_sizes(model, in_slot, slots, rules)
    together_terms = _add_peers(model, in_slot, peers, rules)
    facilitator_terms = [
        int(fit[learner, slots.facilitator[slot]]) * variable
        for (learner, slot), variable in member.items()
    ]
    # Every learner placed outweighs any amount of fit: the most fit possible is each
    # learner's best facilitator score plus a full group's worth of peer fit.
    ceiling = num_learners * (SCORE_POINTS + rules.max_size * rules.pair_points) + 1
    model.maximize(ceiling * sum(member.values()) + sum(facilitator_terms) + sum(together_terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = rules.time_limit
    solver.parameters.num_workers = rules.workers
    # Same input, same answer: the run page can be reproduced.
    solver.parameters.random_seed = 0
    status = solver.solve(model)
    stats = {"variables": float(len(member)), "seconds": solver.wall_time}
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], 0, 0, False, stats
    # How far the solver's bound lies above what it found (0 when proved).
    stats["bound_gap"] = float(max(0, int(solver.best_objective_bound - solver.objective_value)))
    groups = []
    for slot in range(slots.size):
        chosen = tuple(sorted(learner for learner, v in in_slot[slot] if solver.value(v)))
        if chosen:
            groups.append(FormedGroup(int(slots.facilitator[slot]), chosen))
    placed = sum(len(group.members) for group in groups)
    return groups, placed, group_fit(groups, fit, peers), status == cp_model.OPTIMAL, stats


def _add_sizes(model: cp_model.CpModel, in_slot: Members, slots: _Slots, rules: GroupRules) -> None:
    """An open group holds min..max members, a closed one none."""
    sizes = []
    for slot in range(slots.size):
        is_open = model.new_bool_var(f"open{slot}")
        size = sum(variable for _learner, variable in in_slot[slot])
        model.add(size >= rules.min_size * is_open)
        model.add(size <= rules.max_size * is_open)
        sizes.append((is_open, size))
    # A facilitator's groups are interchangeable: open them in order, largest first.
    for slot in range(1, slots.size):
        if slots.facilitator[slot] == slots.facilitator[slot - 1]:
            model.add(sizes[slot - 1][0] >= sizes[slot][0])
            model.add(sizes[slot - 1][1] >= sizes[slot][1])


def _add_peers(
    model: cp_model.CpModel, in_slot: Members, peers: np.ndarray, rules: GroupRules
) -> list[cp_model.LinearExpr]:
    """Learners who must be apart never share a group; each pair sitting together earns
    its peer points (a "both" variable true only when both are in the group)."""
    terms = []
    for slot, listed in enumerate(in_slot):
        partners: dict[int, list[cp_model.IntVar]] = {}
        for first in range(len(listed)):
            learner, variable = listed[first]
            for other, other_variable in listed[first + 1 :]:
                points = int(peers[learner, other])
                if points == APART:
                    model.add_bool_or([variable.Not(), other_variable.Not()])
                elif points > 0:
                    both = model.new_bool_var(f"z{learner}_{other}_{slot}")
                    model.add_implication(both, variable)
                    model.add_implication(both, other_variable)
                    partners.setdefault(learner, []).append(both)
                    partners.setdefault(other, []).append(both)
                    terms.append(points * both)
        # A member sits with at most max − 1 others: tightens the relaxation a great deal.
        for learner, variable in listed:
            if len(partners.get(learner, [])) > rules.max_size - 1:
                model.add(sum(partners[learner]) <= (rules.max_size - 1) * variable)
    return terms


def group_fit(groups: list[FormedGroup], fit: np.ndarray, peers: np.ndarray) -> int:
    """Total fit of a grouping: facilitator fit of each member, peer fit of each pair."""
    total = 0
    for group in groups:
        members = list(group.members)
        total += int(fit[members, group.facilitator].sum())
        for index, learner in enumerate(members):
            total += int(sum(max(0, int(peers[learner, other])) for other in members[index + 1 :]))
    return total


# -- the whole run ---------------------------------------------------------------------------


def form_groups(
    data: MatchInput,
    config: MatchConfig,
    rules: GroupRules,
    *,
    apart: sparse.csr_array | None = None,
    scorer: Scorer | None = None,
) -> GroupResult:
    """Groups for a round: `data.mentees` are the learners, `data.mentors` the facilitators
    and `data.capacity` how many groups each can lead; `apart` lists learner pairs who must
    not share a group. Every learner left out is listed with a reason."""
    scorer = scorer or Scorer(data, config)
    num_learners, num_facilitators = data.shape
    rows = np.arange(num_learners)
    fit = (
        scorer.scores(rows).astype(np.int64)
        if num_learners and num_facilitators
        else np.full((num_learners, num_facilitators), INELIGIBLE, dtype=np.int64)
    )
    peers = peer_points(data.mentees, rules, apart)
    groups, placed, total, proved, stats = solve_groups(fit, peers, data.capacity, rules)
    unplaced = _unplaced(scorer, fit, groups, data.capacity, rules, proved=proved)
    problems = _problems(num_learners, num_facilitators, data.capacity, rules)
    if not proved:
        problems.append(
            f"The engine stopped at its time limit ({rules.time_limit:g} seconds) before it "
            "could prove no better grouping exists: these groups are the best it found, not "
            "proven optimal."
        )
    return GroupResult(
        groups=groups,
        unplaced=unplaced,
        num_placed=placed,
        objective=total,
        is_optimal=proved,
        problems=problems,
        stats=stats,
    )


def _problems(
    num_learners: int, num_facilitators: int, capacity: np.ndarray, rules: GroupRules
) -> list[str]:
    places = int(np.maximum(capacity, 0).sum()) * rules.max_size
    problems = []
    if num_learners and not num_facilitators:
        problems.append("No facilitators are enrolled, so no group can be formed.")
    elif num_learners > places:
        problems.append(
            f"{num_learners:,} learners but only {places:,} places "
            f"({int(np.maximum(capacity, 0).sum()):,} groups of at most {rules.max_size}): "
            "some cannot be placed. Enrol more facilitators or allow larger groups."
        )
    return problems


def _unplaced(
    scorer: Scorer,
    fit: np.ndarray,
    groups: list[FormedGroup],
    capacity: np.ndarray,
    rules: GroupRules,
    *,
    proved: bool,
) -> list[GroupUnplaced]:
    placed = {learner for group in groups for learner in group.members}
    led = np.bincount(
        np.array([group.facilitator for group in groups], dtype=np.int64),
        minlength=capacity.size,
    )
    # A facilitator is full when every group they can lead is open and none has room.
    room = np.ones(capacity.size, dtype=bool)
    for facilitator in range(capacity.size):
        sizes = [len(g.members) for g in groups if g.facilitator == facilitator]
        room[facilitator] = led[facilitator] < capacity[facilitator] or any(
            size < rules.max_size for size in sizes
        )
    missing = [learner for learner in range(fit.shape[0]) if learner not in placed]
    counts = scorer.exclusion_counts(np.array(missing, dtype=np.int64)) if missing else {}
    report = []
    for index, learner in enumerate(missing):
        eligible = np.flatnonzero(fit[learner] >= 0)
        if eligible.size == 0:
            ruled = [
                EXCLUSIONS[code].label
                for code, per in counts.items()
                if per[index] and code in EXCLUSIONS
            ]
            why = "; ".join(ruled) if ruled else "no facilitators are enrolled"
            report.append(
                GroupUnplaced(
                    learner,
                    GroupUnplacedReason.NO_FACILITATOR,
                    f"No facilitator can lead a group with them ({why}).",
                )
            )
        elif not room[eligible].any():
            report.append(
                GroupUnplaced(
                    learner,
                    GroupUnplacedReason.PLACES_FULL,
                    "Every group their eligible facilitators can lead is full.",
                )
            )
        elif not proved:
            report.append(
                GroupUnplaced(
                    learner,
                    GroupUnplacedReason.NOT_PROVED,
                    "The engine ran out of time before it could place them; run again with "
                    "more time, or place them by hand.",
                )
            )
        else:
            report.append(
                GroupUnplaced(
                    learner,
                    GroupUnplacedReason.GROUP_SIZE,
                    f"No group of {rules.min_size} to {rules.max_size} could include them "
                    "without breaking a rule (too few people their facilitators can lead, "
                    "or someone they must not share a group with).",
                )
            )
    return report


def member_reasons(
    scorer: Scorer,
    group: FormedGroup,
    learners: Side,
    rules: GroupRules,
) -> list[list[dict[str, object]]]:
    """Per member of a group: each criterion's points, largest first, zero parts left out.

    Points are score points (out of SCORE_POINTS), as the pair engine stores them.
    Facilitator criteria come from the pair scorer; each peer criterion is the member's
    average over the others in the group, scaled so that a perfect fit scores in full.
    """
    members = np.array(group.members, dtype=np.int64)
    facilitators = np.full(members.size, group.facilitator, dtype=np.int64)
    shares = scorer.contributions(members, facilitators)
    parts = peer_parts(learners.select(members), rules)
    reasons = []
    others = max(1, members.size - 1)
    for index in range(members.size):
        items: list[dict[str, object]] = [
            {
                "criterion": criterion.value,
                "label": CRITERION_LABELS[criterion],
                "points": round(float(values[index]), 1),
            }
            for criterion, values in shares.items()
            if values[index] > 0
        ]
        for label, points in parts.items():
            # Scaled like a facilitator criterion: a full group's worth is SCORE_POINTS.
            value = float(points[index].sum()) * (rules.max_size - 1) / others
            if value > 0:
                items.append({"criterion": "group", "label": label, "points": round(value, 1)})
        items.sort(key=lambda item: -float(str(item["points"])))
        reasons.append(items)
    return reasons
