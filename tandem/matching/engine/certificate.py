"""The certificate of optimality: LP duals for a solution, checked against every pair.

Pairs the candidate graph left out can only break optimality if their score beats the
mentee's floor, so only mentees the bound cannot clear are rescored; violating pairs join
the graph and the solver runs again (tandem.matching.engine.solver).
"""

import numpy as np

from tandem.matching.engine.augment import Reach, csr, gather
from tandem.matching.engine.candidates import (
    CandidateGraph,
    add_violating,
    price_reserve,
    rescore,
    widen_from_reserve,
)
from tandem.matching.engine.flow import Duals, FlowProblem, allocation_duals, effective_penalty
from tandem.matching.engine.scoring import Scorer

_EMPTY = np.zeros(0, dtype=np.int64)
# Rows with more eligible mentors than this priced low enough to matter are scored whole.
_SUSPECTS_PER_ROW = 64


def _unsafe(
    graph: CandidateGraph,
    problem: FlowProblem,
    rows: np.ndarray,
    *,
    incomplete: np.ndarray,
    duals: Duals,
    penalty: int,
    reach: Reach | None,
) -> np.ndarray:
    """Mentees the bound cannot clear, whose left-out pairs must be rescored."""
    # A left-out pair scores at most the mentee's floor, and costs at least the cheapest
    # open mentor's price.
    open_mentors = problem.capacity > 0
    cheapest: int | np.ndarray = int(duals.mentor[open_mentors].min()) if open_mentors.any() else 0
    if reach is not None and reach.mentors.any():
        # Mentees the augmenting-path walk reached can only have mentors it reached, and
        # those carry the high prices of places that some mentee must go without.
        cheapest = np.where(reach.mentees[rows], int(duals.mentor[reach.mentors].min()), cheapest)
    floor = graph.floor[rows]
    if graph.reserve is not None:
        # Reserve pairs are priced exactly; the rest score at most the reserve's floor.
        floor = np.minimum(floor, graph.reserve.floor[rows])
    return incomplete & (floor + penalty > duals.mentee + cheapest)


def _checked_by_rules(
    scorer: Scorer,
    graph: CandidateGraph,
    rows: np.ndarray,
    *,
    threshold: np.ndarray,
    floor: np.ndarray,
    prices: np.ndarray,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Which of `rows` (ascending) are checked without scoring their row, and the mentees
    among them with a violating pair (added to the graph).

    A left-out pair (i, j) satisfies the duals when points_ij − v_j ≤ threshold_i, and
    points_ij is at most the row's floor, so only eligible mentors priced below
    floor_i − threshold_i can break it. The bound over all open mentors is weak when prices
    spread widely (long chains of moves), but the hard rules (`Scorer.rule_barred`) name
    each row's eligible mentors without scoring it, and usually few are priced that low:
    those pairs alone are scored (`Scorer.pair_points`) and checked exactly. Rows with more
    than `_SUSPECTS_PER_ROW` such mentors are left to be scored whole. Pairs already in the
    graph or the reserve are priced exactly elsewhere. A minimum score is ignored when
    reading the rules, which only adds pairs to check: the check stays sound.
    """
    checked = np.zeros(rows.size, dtype=bool)
    if rows.size == 0:
        return checked, np.zeros(0, dtype=np.int64)
    known = [csr(graph.mentee, graph.mentor, scorer.num_mentees)]
    if graph.reserve is not None:
        known.append((graph.reserve.mentor, graph.reserve.start))
    need = floor - threshold
    suspects: list[tuple[np.ndarray, np.ndarray]] = []
    position = 0
    for block_rows in scorer.blocks(rows):
        barred = scorer.rule_barred(block_rows)
        for mentors, starts in known:
            mentor, mentee = gather(mentors, starts, block_rows)
            barred[np.searchsorted(block_rows, mentee), mentor] = True
        suspect = prices[None, :] < need[block_rows][:, None]
        suspect &= ~barred
        few = np.count_nonzero(suspect, axis=1) <= _SUSPECTS_PER_ROW
        row, column = np.nonzero(suspect[few])
        suspects.append((block_rows[few][row], column))
        checked[position : position + block_rows.size] = few
        position += block_rows.size
    mentee, mentor = (np.concatenate([_EMPTY, *part]) for part in zip(*suspects, strict=True))
    points = scorer.pair_points(mentee, mentor)
    eligible = points >= 0
    pairs = (mentee[eligible], mentor[eligible], points[eligible])
    return checked, add_violating(graph, pairs, threshold=threshold, prices=prices, k=k)


def certify(
    scorer: Scorer,
    graph: CandidateGraph,
    problem: FlowProblem,
    *,
    rows: np.ndarray,
    assigned: np.ndarray,
    k: int,
    stats: dict[str, float],
    reach: Reach | None = None,
) -> int:
    """Number of mentees with a pair violating the duals; adds such pairs and widens lists.

    `reach`, from a walk that proved the number placed maximum, tightens the bound.
    """
    penalty = effective_penalty(problem)
    incomplete = ~graph.is_complete()[rows]
    uncovered = incomplete.copy()
    if graph.reserve is not None:
        uncovered &= graph.reserve.known[rows] < graph.num_eligible[rows]
    placed = assigned >= 0
    # The widen-K rule: a mentee placed at the bottom of their list may do better
    # with a longer one.
    # Ties do not count: a mentee whose whole list scores the same is at the top too.
    top = np.full(scorer.num_mentees, -1, dtype=np.int64)
    np.maximum.at(top, graph.mentee, graph.points)
    at_floor = placed & incomplete
    chosen = graph.points[assigned[placed]]
    at_floor[placed] &= (chosen <= graph.floor[rows[placed]]) & (chosen < top[rows[placed]])
    # Least prices suit a round with spare places (most prices 0); largest prices suit a
    # shortage. Either proves optimality; use whichever leaves fewer mentees to rescore.
    # Each is a Bellman–Ford pass over the edges, costing about as much as rescoring
    # 16 × edges / mentors rows, so the other is tried only when the first leaves more.
    spare = int(problem.capacity.sum()) >= rows.size
    enough = 16 * graph.size // max(scorer.num_mentors, 1)
    best: tuple[int, Duals, np.ndarray] | None = None
    for largest in (not spare, spare):
        duals = allocation_duals(problem, assigned, largest=largest)
        if duals is None:
            continue
        unsafe = _unsafe(
            graph, problem, rows, incomplete=uncovered, duals=duals, penalty=penalty, reach=reach
        )
        if best is None or unsafe.sum() < best[0]:
            best = (int(unsafe.sum()), duals, unsafe)
        if best[0] <= enough:
            break
    if best is None:
        message = "The flow solution admits no optimal duals: the solver result is inconsistent."
        raise RuntimeError(message)
    _count, duals, unsafe = best
    gain = np.zeros(scorer.num_mentees, dtype=np.int64)
    gain[rows] = duals.mentee
    floor = graph.floor.astype(np.int64)
    if graph.reserve is not None:
        floor = np.minimum(floor, graph.reserve.floor)
    threshold = gain - penalty
    violating = price_reserve(graph, threshold=threshold, prices=duals.mentor, k=k)
    checked, found = _checked_by_rules(
        scorer, graph, rows[unsafe], threshold=threshold, floor=floor, prices=duals.mentor, k=k
    )
    stats["checked_by_rules"] = stats.get("checked_by_rules", 0) + int(checked.sum())
    unsafe[np.flatnonzero(unsafe)[checked]] = False
    violating = np.union1d(violating, found)
    # Mentees with a violating pair are likely to move: widen their lists too, which saves
    # a round.
    not_served = widen_from_reserve(graph, np.union1d(rows[at_floor], violating), k)
    check_rows = np.union1d(rows[unsafe], not_served)
    stats["priced_rows"] += int(check_rows.size)
    stats["widened"] += int(at_floor.sum())
    return violating.size + rescore(
        scorer,
        graph,
        check_rows,
        widen_rows=not_served,
        threshold=threshold,
        prices=duals.mentor,
        k=k,
    )
