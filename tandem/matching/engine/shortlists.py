"""Mode (b), mentee choice: a shortlist of k suggestions per mentee.

Seed 002 §4.3.4: mentees' involvement in choosing their mentor was strongly associated with
how much they valued mentoring. Each mentee picks from k suggestions; the mentor accepts or
declines (a decline becomes a forbidden pair and the next shortlist leaves them out).
"""

import time
from dataclasses import dataclass, field

import numpy as np

from tandem.matching.engine.candidates import build_candidates, rescore, widen_from_reserve
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
    max_rounds: int = 4,
    scorer: Scorer | None = None,
) -> Shortlists:
    """Gives each mentee k suggestions, no mentor in more than k × capacity shortlists.

    A flow problem like allocation: each mentee supplies k units, each edge carries one,
    each mentor passes k × capacity. Maximising total score spreads popular mentors fairly
    instead of showing everyone the same few. Mentees left short with mentors outside their
    list get a longer list and the flow is solved again.
    """
    started = time.perf_counter()
    scorer = scorer or Scorer(data, config)
    capacity = scorer.capacity.copy()
    capacity[~scorer.mentor_ok] = 0
    rows = np.arange(scorer.num_mentees) if rows is None else np.unique(np.asarray(rows))
    problems = input_problems(data, scorer, rows)
    # Lists of 8k (at least 40) leave almost nobody short after the first solve, which
    # costs less than a second solve on shorter lists; those left short widen from a
    # reserve of one doubling instead of a second scan.
    list_k = candidates_k or max(8 * k, 40)
    graph = build_candidates(scorer, rows, list_k, reserve=2 * list_k)
    stats = {"candidates_s": time.perf_counter() - started, "solve_s": 0.0, "rounds": 0}
    delivered = -1
    for _round in range(max_rounds):
        stats["rounds"] += 1
        problem = flow_problem(graph, rows, capacity, None, supply=k)
        solve_started = time.perf_counter()
        chosen = solve_flow(problem) > 0
        stats["solve_s"] += time.perf_counter() - solve_started
        counts = np.bincount(problem.edge_mentee[chosen], minlength=rows.size)
        short = (counts < k) & ~graph.is_complete()[rows]
        # Stop when nobody is short, or when longer lists delivered no more suggestions in
        # all: then the shortage is in mentors' places (k × capacity), not in the lists,
        # and further rounds only reshuffle who is short.
        if not short.any() or int(counts.sum()) == delivered:
            break
        delivered = int(counts.sum())
        list_k *= 2
        not_served = widen_from_reserve(graph, rows[short], list_k)
        rescore(
            scorer,
            graph,
            not_served,
            widen_rows=not_served,
            threshold=np.full(scorer.num_mentees, np.iinfo(np.int32).max),
            prices=np.zeros(scorer.num_mentors),
            k=list_k,
        )
    # Read edges from the solved problem: a final widening may have grown the graph.
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
    return Shortlists(mentors, points, rows, k, short_report, problems, stats)
