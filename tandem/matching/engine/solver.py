"""The allocation engine: optimal allocation (and hybrid, with locked pairs), proved optimal.

1. Score every mentee against every mentor in blocks and keep top-K candidate edges
   (`candidates`). 2. Solve a min-cost flow on those edges (`flow`). 3. Widen: any mentee
   whose mentor is at the bottom of their kept list gets a list twice as long. 4. Certify
   (`certificate`): compute LP duals (u per mentee, v per mentor) for the solution and
   check every pair in the full problem, blockwise, for u_i + v_j ≥ value_ij. A pair left
   out of the graph can only break that if its score exceeds the mentee's floor (the
   lowest score kept in their list), so only mentees with floor + penalty > u_i are
   rescored: the bound argument makes the check cheap when, as usual, most mentees got one
   of their best mentors. The first pass also keeps each mentee's next best mentors aside
   (a reserve of 3K): those pairs are priced exactly and lists widen from them, so the
   floor that decides rescoring is the reserve's, far lower, and few rows are scored twice.
   A row the bound cannot clear is checked against the prices of its own eligible mentors,
   read from the hard rules without scoring: only the few pairs priced low enough to break
   the duals are scored, and the row is scored whole only when there are many.
   Violating pairs join the graph and the flow is solved again. When no pair violates, LP
   duality proves the allocation optimal for the whole problem, not just the pruned graph;
   under place-everyone that includes "no more mentees could have been placed".
   Under place-everyone, before certifying, a round with unplaced mentees first walks
   augmenting paths over the full eligibility graph (`augment`): long chains of moves
   (nested lists) would otherwise take one round per link. The walk that finds none
   proves the number placed maximum and which mentees could never be placed, whose rows
   the certificate then clears without scoring them again. The round limit is a safety
   valve: reaching it is reported as the number of mentees left unchecked.
"""

import time
from dataclasses import dataclass, field

import numpy as np

from tandem.matching.engine.augment import Reach, find_augmenting_paths
from tandem.matching.engine.candidates import CandidateGraph, build_candidates
from tandem.matching.engine.certificate import certify
from tandem.matching.engine.criteria import MatchConfig, Policy
from tandem.matching.engine.features import MatchInput
from tandem.matching.engine.flow import (
    FlowProblem,
    effective_penalty,
    solve_flow,
)
from tandem.matching.engine.reports import (
    RefusedPair,
    Unplaced,
    input_problems,
    refused_problems,
    unplaced_report,
)
from tandem.matching.engine.scoring import INELIGIBLE, SCORE_POINTS, Scorer

DEFAULT_K = 50
DEFAULT_MAX_ROUNDS = 12
# Each mentee's next best mentors, up to this many times K, are kept aside in the first
# pass: certification prices them without scoring the mentee's row again.
RESERVE_FACTOR = 3


@dataclass
class Allocation:
    """One run's draft: per mentee row, the mentor row (−1 none) and the pair's score."""

    mentor: np.ndarray
    points: np.ndarray
    rows: np.ndarray  # the mentees this run tried to place (locked ones excluded)
    locked: np.ndarray  # per mentee: kept as given by the coordinator or the rematch
    penalty: int  # points the objective loses per unplaced mentee in `rows`
    unplaced: list[Unplaced]
    problems: list[str]
    is_certified_optimal: bool
    # Mentees the last optimality check could not clear when the round limit was reached
    # (0 when the allocation is proved optimal).
    unchecked: int = 0
    stats: dict[str, float] = field(default_factory=dict)
    # Kept pairs refused because they now break a rule: their mentees are in `rows`.
    refused: list[RefusedPair] = field(default_factory=list)

    @property
    def placed_rows(self) -> np.ndarray:
        return self.rows[self.mentor[self.rows] >= 0]

    @property
    def total_points(self) -> int:
        return int(self.points[self.placed_rows].sum())

    @property
    def objective(self) -> int:
        """Score points of this run's pairs minus the penalty for each unplaced mentee."""
        return self.total_points - self.penalty * len(self.unplaced)

    def pairs(self) -> np.ndarray:
        """(mentee row, mentor row) for every pair, locked ones included."""
        mentees = np.flatnonzero(self.mentor >= 0)
        return np.column_stack([mentees, self.mentor[mentees]])


def _plural_mentees(count: int) -> str:
    return f"{count:,} mentee" if count == 1 else f"{count:,} mentees"


def _policy_penalty(config: MatchConfig) -> int | None:
    if config.policy == Policy.PLACE_EVERYONE:
        return None
    return round(config.quality_penalty * SCORE_POINTS)


def _lock(
    scorer: Scorer,
    locked: np.ndarray,
    capacity: np.ndarray,
    refused: list[RefusedPair],
) -> np.ndarray:
    """Mentor per mentee for pairs kept as they are; refuses pairs that break a rule."""
    mentor_of = np.full(scorer.num_mentees, -1, dtype=np.int64)
    if locked.size == 0:
        return mentor_of
    points = scorer.pair_points(locked[:, 0], locked[:, 1])
    for (mentee, mentor), score in zip(locked.tolist(), points.tolist(), strict=True):
        if score == INELIGIBLE:
            refused.append(RefusedPair(mentee, mentor, tuple(scorer.broken_rules(mentee, mentor))))
        elif capacity[mentor] <= 0:
            refused.append(RefusedPair(mentee, mentor, ("over-capacity",)))
        else:
            mentor_of[mentee] = mentor
            capacity[mentor] -= 1
    return mentor_of


def allocate(
    data: MatchInput,
    config: MatchConfig,
    *,
    rows: np.ndarray | None = None,
    locked: np.ndarray | None = None,
    k: int = DEFAULT_K,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
    scorer: Scorer | None = None,
) -> Allocation:
    """Optimal allocation of `rows` (default: every mentee), keeping `locked` pairs fixed."""
    started = time.perf_counter()
    scorer = scorer or Scorer(data, config)
    capacity = scorer.capacity.copy()
    capacity[~scorer.mentor_ok] = 0
    locked_pairs = np.zeros((0, 2), dtype=np.int64) if locked is None else np.asarray(locked)
    refused: list[RefusedPair] = []
    mentor_of = _lock(scorer, locked_pairs.reshape(-1, 2), capacity, refused)
    is_locked = mentor_of >= 0
    rows = np.arange(scorer.num_mentees) if rows is None else np.asarray(rows, dtype=np.int64)
    # A kept pair that is now refused does not drop its mentee: they join the run.
    refused_rows = np.array([pair.mentee for pair in refused], dtype=np.int64)
    rows = np.unique(np.concatenate([rows[~is_locked[rows]], refused_rows]))
    problems = input_problems(data, scorer, rows) + refused_problems(refused)
    graph = build_candidates(scorer, rows, k, reserve=RESERVE_FACTOR * k)
    stats = {"candidates_s": time.perf_counter() - started}
    assigned_mentor, assigned_points, unchecked, solve_stats = _solve_to_optimum(
        scorer,
        graph,
        rows,
        capacity=capacity,
        penalty=_policy_penalty(config),
        k=k,
        max_rounds=max_rounds,
    )
    stats.update(solve_stats)
    mentor_of[rows] = assigned_mentor
    points = np.full(scorer.num_mentees, -1, dtype=np.int64)
    points[rows] = assigned_points
    if is_locked.any():
        locked_rows = np.flatnonzero(is_locked)
        points[locked_rows] = scorer.pair_points(locked_rows, mentor_of[locked_rows])
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=scorer.num_mentors)
    report_started = time.perf_counter()
    unplaced = unplaced_report(scorer, rows, mentor_of, capacity - load)
    stats["report_s"] = time.perf_counter() - report_started
    stats["total_s"] = time.perf_counter() - started
    stats["edges"] = graph.size
    if unchecked:
        problems.append(
            f"Not proved optimal: {_plural_mentees(unchecked)} could not be checked within "
            f"the limit of {max_rounds} rounds; the allocation is the best found."
        )
    return Allocation(
        mentor=mentor_of,
        points=points,
        rows=rows,
        locked=is_locked,
        penalty=effective_penalty(flow_problem(graph, rows, capacity, _policy_penalty(config))),
        unplaced=unplaced,
        problems=problems,
        is_certified_optimal=unchecked == 0,
        unchecked=unchecked,
        stats=stats,
        refused=refused,
    )


def flow_problem(
    graph: CandidateGraph,
    rows: np.ndarray,
    capacity: np.ndarray,
    penalty: int | None,
    supply: int = 1,
) -> FlowProblem:
    compact = np.full(graph.num_eligible.size, -1, dtype=np.int64)
    compact[rows] = np.arange(rows.size)
    return FlowProblem(
        num_mentees=rows.size,
        num_mentors=capacity.size,
        edge_mentee=compact[graph.mentee],
        edge_mentor=graph.mentor,
        edge_points=graph.points,
        capacity=capacity,
        penalty=penalty,
        supply=supply,
    )


def _solve_to_optimum(
    scorer: Scorer,
    graph: CandidateGraph,
    rows: np.ndarray,
    *,
    capacity: np.ndarray,
    penalty: int | None,
    k: int,
    max_rounds: int,
) -> tuple[np.ndarray, np.ndarray, int, dict[str, float]]:
    """Solve, widen and certify until the solution is provably optimal or rounds run out.

    Returns each row's mentor and points and how many mentees the last check could not
    clear (0: proved optimal). Under place-everyone each round first looks for augmenting
    paths over the full eligibility graph: while one exists the flow is not maximum, and
    adding the paths places more mentees at the next solve however long the chains are.
    """
    stats = {
        "solve_s": 0.0,
        "certify_s": 0.0,
        "rounds": 0,
        "widened": 0,
        "priced_rows": 0,
        "augment_s": 0.0,
        "augmenting_paths": 0,
        "augment_rows": 0,
    }
    mentor = points = np.full(rows.size, -1, dtype=np.int64)
    unchecked = rows.size
    most_placed = rows.size
    reach: Reach | None = None
    for _round in range(max_rounds):
        stats["rounds"] += 1
        problem = flow_problem(graph, rows, capacity, penalty)
        started = time.perf_counter()
        flows = solve_flow(problem)
        stats["solve_s"] += time.perf_counter() - started
        assigned = np.full(rows.size, -1, dtype=np.int64)
        used = np.flatnonzero(flows > 0)
        assigned[problem.edge_mentee[used]] = used
        # Read the pairs now: certifying may add edges and reorder the graph.
        placed = assigned >= 0
        mentor = np.full(rows.size, -1, dtype=np.int64)
        points = np.full(rows.size, -1, dtype=np.int64)
        mentor[placed] = graph.mentor[assigned[placed]]
        points[placed] = graph.points[assigned[placed]]
        # Once proved, the most that can be placed stays reached: edges are only added,
        # and the solver maximises the number placed first.
        if penalty is None and not placed.all() and placed.sum() < most_placed:
            started = time.perf_counter()
            paths = find_augmenting_paths(
                scorer,
                graph,
                short=rows[~placed],
                used_mentee=rows[placed],
                used_mentor=mentor[placed],
                capacity=capacity,
            )
            stats["augment_s"] += time.perf_counter() - started
            stats["augment_rows"] += paths.scored_rows
            if paths.is_maximum:
                most_placed = int(placed.sum())
                reach = paths.reach
            else:
                stats["augmenting_paths"] += paths.gain
                graph.add(paths.mentee, paths.mentor, paths.points)
                unchecked = paths.gain
                continue
        started = time.perf_counter()
        unchecked = certify(
            scorer, graph, problem, rows=rows, assigned=assigned, k=k, stats=stats, reach=reach
        )
        stats["certify_s"] += time.perf_counter() - started
        if unchecked == 0:
            break
    return mentor, points, unchecked, stats
