"""Min-cost flow (OR-Tools) on the candidate graph, and LP duals that certify optimality.

Network: a source feeds each mentee `supply` units (1 to allocate, k for shortlists); each
candidate edge carries at most one unit at cost SCORE_POINTS − score; each mentor passes at
most its capacity to the sink. Under the place-everyone policy OR-Tools maximises the flow
first and then minimises cost, which is exactly "as many placed as possible, then the best
quality". Under the quality policy each mentee also has an "unplaced" arc to the sink whose
cost is SCORE_POINTS + penalty, so leaving someone out is a priced choice.
"""

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from tandem.matching.engine.scoring import SCORE_POINTS


class SolverError(RuntimeError):
    """OR-Tools did not reach an optimum: a bug or an input the checks failed to catch."""


@dataclass(frozen=True)
class FlowProblem:
    num_mentees: int
    num_mentors: int
    edge_mentee: np.ndarray  # compact mentee index 0..num_mentees-1
    edge_mentor: np.ndarray
    edge_points: np.ndarray
    capacity: np.ndarray  # places left per mentor
    supply: int = 1
    # None: place as many as possible first (lexicographic). Otherwise the points lost per
    # unplaced unit of supply.
    penalty: int | None = None


def solve_flow(problem: FlowProblem) -> np.ndarray:
    """Flow (0 or 1) on each candidate edge in an optimal solution."""
    solver = min_cost_flow.SimpleMinCostFlow()
    mentees, mentors = problem.num_mentees, problem.num_mentors
    sink, source = mentees + mentors, mentees + mentors + 1
    num_edges = problem.edge_mentee.size
    solver.add_arcs_with_capacity_and_unit_cost(
        problem.edge_mentee.astype(np.int32),
        (problem.edge_mentor + mentees).astype(np.int32),
        np.ones(num_edges, dtype=np.int64),
        (SCORE_POINTS - problem.edge_points).astype(np.int64),
    )
    mentee_nodes = np.arange(mentees, dtype=np.int32)
    solver.add_arcs_with_capacity_and_unit_cost(
        np.arange(mentees, mentees + mentors, dtype=np.int32),
        np.full(mentors, sink, dtype=np.int32),
        (problem.capacity * problem.supply).astype(np.int64),
        np.zeros(mentors, dtype=np.int64),
    )
    solver.add_arcs_with_capacity_and_unit_cost(
        np.full(mentees, source, dtype=np.int32),
        mentee_nodes,
        np.full(mentees, problem.supply, dtype=np.int64),
        np.zeros(mentees, dtype=np.int64),
    )
    total = mentees * problem.supply
    if problem.penalty is not None:
        solver.add_arcs_with_capacity_and_unit_cost(
            mentee_nodes,
            np.full(mentees, sink, dtype=np.int32),
            np.full(mentees, problem.supply, dtype=np.int64),
            np.full(mentees, SCORE_POINTS + problem.penalty, dtype=np.int64),
        )
    solver.set_node_supply(source, total)
    solver.set_node_supply(sink, -total)
    status = (
        solver.solve() if problem.penalty is not None else solver.solve_max_flow_with_min_cost()
    )
    if status != min_cost_flow.SimpleMinCostFlow.OPTIMAL:
        message = f"Min-cost flow ended with status {status.name}."
        raise SolverError(message)
    if num_edges == 0:
        return np.zeros(0, dtype=np.int64)
    return solver.flows(np.arange(num_edges, dtype=np.int32))


def effective_penalty(problem: FlowProblem) -> int:
    """The per-mentee penalty that makes the lexicographic policy an ordinary objective.

    Any solution placing one more mentee gains at least this, which outweighs the whole
    difference in quality (at most SCORE_POINTS per placed mentee).
    """
    if problem.penalty is not None:
        return problem.penalty
    most_placed = min(problem.num_mentees, int(problem.capacity.sum()))
    return (most_placed + 1) * SCORE_POINTS


@dataclass(frozen=True)
class Duals:
    mentee: np.ndarray  # u_i ≥ 0: what mentee i gains in the solution
    mentor: np.ndarray  # v_j ≥ 0: the price of one of mentor j's places


def allocation_duals(
    problem: FlowProblem, assigned_edge: np.ndarray, *, largest: bool = False
) -> Duals | None:
    """Optimal LP duals for an optimal one-mentor-each allocation, or None if none are found.

    With value w = points + penalty for placing a mentee along an edge, the duals satisfy
    u_i + v_j ≥ w_ij on every edge, with equality on assigned edges, u_i = 0 for unplaced
    mentees and v_j = 0 for mentors with spare places. Substituting u_i = w_iσ(i) − v_σ(i)
    turns this into difference constraints v_b ≥ v_σ(i) + w_ib − w_iσ(i), solved as a
    longest (least prices) or shortest (largest prices) path problem by Bellman–Ford,
    vectorised and relaxing only edges next to mentors whose price changed in the previous
    round. Optimality of the flow means no positive cycle, so it converges.
    `assigned_edge` is the edge index per mentee or −1.
    """
    penalty = effective_penalty(problem)
    value = problem.edge_points.astype(np.int64) + penalty
    placed = assigned_edge >= 0
    base = np.zeros(problem.num_mentees, dtype=np.int64)
    base[placed] = value[assigned_edge[placed]]
    current = np.full(problem.num_mentees, -1, dtype=np.int64)
    current[placed] = problem.edge_mentor[assigned_edge[placed]]
    load = np.bincount(current[placed], minlength=problem.num_mentors)
    spare = load < problem.capacity
    # Unplaced mentees gain nothing, so every mentor they could have had is worth ≥ w.
    floor = np.zeros(problem.num_mentors, dtype=np.int64)
    unplaced_edges = ~placed[problem.edge_mentee]
    np.maximum.at(floor, problem.edge_mentor[unplaced_edges], value[unplaced_edges])
    relaxing = placed[problem.edge_mentee]
    holder = current[problem.edge_mentee[relaxing]]
    other = problem.edge_mentor[relaxing]
    delta = value[relaxing] - base[problem.edge_mentee[relaxing]]
    if largest:
        # Start from the most each price can be (u_i ≥ 0) and lower prices along edges.
        prices = np.full(problem.num_mentors, np.iinfo(np.int64).max // 4, dtype=np.int64)
        np.minimum.at(prices, current[placed], base[placed])
        prices[spare] = 0
        converged = _relax(prices, frm=other, to=holder, delta=-delta, lower=True)
    else:
        prices = floor.copy()
        converged = _relax(prices, frm=holder, to=other, delta=delta, lower=False)
    if not converged:
        return None
    mentee_gain = np.zeros(problem.num_mentees, dtype=np.int64)
    mentee_gain[placed] = base[placed] - prices[current[placed]]
    if np.any(prices[spare] != 0) or np.any(mentee_gain < 0) or np.any(prices < floor):
        return None
    return Duals(mentee=mentee_gain, mentor=prices)


def _relax(
    prices: np.ndarray, *, frm: np.ndarray, to: np.ndarray, delta: np.ndarray, lower: bool
) -> bool:
    """Bellman–Ford on prices: to ≥ frm + delta (raise) or to ≤ frm + delta (lower)."""
    order = np.argsort(frm, kind="stable")
    frm, to, delta = frm[order], to[order], delta[order]
    starts = np.searchsorted(frm, np.arange(prices.size + 1))
    frontier = np.arange(prices.size)
    update = np.minimum.at if lower else np.maximum.at
    for _round in range(prices.size + 2):
        edges = _edges_from(frontier, starts)
        if edges.size == 0:
            return True
        before = prices.copy()
        update(prices, to[edges], prices[frm[edges]] + delta[edges])
        frontier = np.flatnonzero(prices != before)
    return False


def _edges_from(frontier: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Indices of all edges whose source mentor is in `frontier` (edges sorted by source)."""
    begin, end = starts[frontier], starts[frontier + 1]
    lengths = end - begin
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(begin - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total)
