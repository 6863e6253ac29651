"""Mode (b), mentee choice: a shortlist of k suggestions per mentee.

Seed 002 §4.3.4: mentees' involvement in choosing their mentor was strongly associated with
how much they valued mentoring. Each mentee picks from k suggestions; the mentor accepts or
declines (a decline becomes a forbidden pair and the next shortlist leaves them out).
"""

import time
from dataclasses import dataclass, field

import numpy as np

from tandem.matching.engine.augment import find_augmenting_paths
from tandem.matching.engine.candidates import build_candidates
from tandem.matching.engine.criteria import MatchConfig
from tandem.matching.engine.features import MatchInput
from tandem.matching.engine.flow import solve_flow
from tandem.matching.engine.reports import Unplaced, input_problems, shortfall_report
from tandem.matching.engine.scoring import Scorer
from tandem.matching.engine.solver import flow_problem


@dataclass
class Shortlists:
    """Mode (b), mentee choice: up to k suggestions per mentee, best first."""

    mentors: list[np.ndarray]  # per mentee row: mentor rows, best first (empty if none)
    points: list[np.ndarray]
    rows: np.ndarray
    k: int
    short: list[Unplaced]  # mentees who got fewer than k suggestions, and why
    problems: list[str]
    stats: dict[str, float] = field(default_factory=dict)
    # Suggestions the last completeness check found still possible when the round limit
    # was reached (0 when the shortlists are proved complete).
    unchecked: int = 0

    @property
    def is_complete(self) -> bool:
        """Proved: no mentee could get another suggestion without another losing one."""
        return self.unchecked == 0

    def appearances(self, num_mentors: int) -> np.ndarray:
        """How many shortlists each mentor appears in."""
        listed = [mentors for mentors in self.mentors if mentors.size]
        if not listed:
            return np.zeros(num_mentors, dtype=np.int64)
        return np.bincount(np.concatenate(listed), minlength=num_mentors)


def shortlist(
    data: MatchInput,
    config: MatchConfig,
    *,
    k: int = 3,
    rows: np.ndarray | None = None,
    candidates_k: int | None = None,
    max_rounds: int = 12,
    scorer: Scorer | None = None,
) -> Shortlists:
    """Gives each mentee k suggestions, no mentor in more than k × capacity shortlists.

    A flow problem like allocation: each mentee supplies k units, each edge carries one,
    each mentor passes k × capacity. Maximising total score spreads popular mentors fairly
    instead of showing everyone the same few. While an augmenting path over the full
    eligibility graph shows that more suggestions fit, its pairs join the graph and the
    flow is solved again, so the total is the maximum flow's (`augment`).
    """
    started = time.perf_counter()
    scorer = scorer or Scorer(data, config)
    capacity = scorer.capacity.copy()
    capacity[~scorer.mentor_ok] = 0
    rows = np.arange(scorer.num_mentees) if rows is None else np.unique(np.asarray(rows))
    problems = input_problems(data, scorer, rows)
    # Lists of 8k (at least 40) leave almost nobody short after the first solve, which
    # costs less than a second solve on shorter lists.
    list_k = candidates_k or max(8 * k, 40)
    graph = build_candidates(scorer, rows, list_k)
    stats = {"candidates_s": time.perf_counter() - started, "solve_s": 0.0, "rounds": 0}
    stats["augment_s"] = stats["augment_rows"] = 0.0
    unchecked = rows.size
    # At least one solve: the suggestions are read from it.
    for _round in range(max(max_rounds, 1)):
        stats["rounds"] += 1
        problem = flow_problem(graph, rows, capacity, None, supply=k)
        solve_started = time.perf_counter()
        chosen = solve_flow(problem) > 0
        stats["solve_s"] += time.perf_counter() - solve_started
        counts = np.bincount(problem.edge_mentee[chosen], minlength=rows.size)
        # The shortlists are complete when no augmenting path exists over the full
        # eligibility graph: no mentee can get one more suggestion without another
        # losing one, and no mentor exceeds k × capacity.
        augment_started = time.perf_counter()
        paths = find_augmenting_paths(
            scorer,
            graph,
            short=rows[counts < k],
            used_mentee=rows[problem.edge_mentee[chosen]],
            used_mentor=problem.edge_mentor[chosen],
            capacity=capacity * k,
            supply=k,
        )
        stats["augment_s"] += time.perf_counter() - augment_started
        stats["augment_rows"] += paths.scored_rows
        unchecked = paths.gain
        if paths.is_maximum:
            break
        graph.add(paths.mentee, paths.mentor, paths.points)
    # Read edges from the solved problem: the last check may have grown the graph.
    order = np.lexsort((-problem.edge_points[chosen], problem.edge_mentee[chosen]))
    edge_mentee = problem.edge_mentee[chosen][order]
    starts = np.searchsorted(edge_mentee, np.arange(rows.size + 1))
    mentors_sorted = problem.edge_mentor[chosen][order]
    points_sorted = problem.edge_points[chosen][order]
    mentors = [np.zeros(0, dtype=np.int64)] * scorer.num_mentees
    points = [np.zeros(0, dtype=np.int64)] * scorer.num_mentees
    for position, row in enumerate(rows.tolist()):
        mentors[row] = mentors_sorted[starts[position] : starts[position + 1]]
        points[row] = points_sorted[starts[position] : starts[position + 1]]
    short_rows = rows[counts < k]
    load = np.bincount(mentors_sorted, minlength=scorer.num_mentors)
    short_report = shortfall_report(scorer, short_rows, k, mentors, capacity * k - load)
    stats["total_s"] = time.perf_counter() - started
    if unchecked:
        problems.append(
            f"Not proved complete: {unchecked:,} more suggestions may be possible but could "
            f"not be checked within the limit of {max_rounds} rounds."
        )
    return Shortlists(mentors, points, rows, k, short_report, problems, stats, unchecked)
