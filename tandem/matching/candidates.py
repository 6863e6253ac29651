"""Candidate edges: each mentee's top-K mentors and each mentor's top-K mentees.

Kept from one blockwise pass over the scores, so the solver sees O((n + m)·K) edges instead
of n × m. Along the way it records, per mentee, how many mentors are eligible at all and the
lowest score kept (an upper bound on every score left out), which the solver's optimality
check uses to skip mentees that cannot gain from a wider list.
"""

from dataclasses import dataclass

import numpy as np

from tandem.matching.scoring import INELIGIBLE, Scorer


@dataclass
class CandidateGraph:
    mentee: np.ndarray  # int64 row of each edge's mentee
    mentor: np.ndarray  # int64 column of each edge's mentor
    points: np.ndarray  # int64 score of each edge
    num_eligible: np.ndarray  # per mentee: eligible mentors in the full problem
    floor: np.ndarray  # per mentee: every score not in their own list is ≤ this
    list_size: np.ndarray  # per mentee: how many of their own top mentors are kept

    @property
    def size(self) -> int:
        return int(self.mentee.size)

    def is_complete(self) -> np.ndarray:
        """Mentees whose every eligible mentor is already an edge."""
        return self.list_size >= self.num_eligible

    def add(self, mentee: np.ndarray, mentor: np.ndarray, points: np.ndarray) -> None:
        """Adds edges, dropping any already present."""
        # Any base above every mentor column makes (mentee, mentor) keys unique.
        num_mentors = int(max(self.mentor.max(initial=0), mentor.max(initial=0))) + 1
        keys = np.concatenate(
            [self.mentee * num_mentors + self.mentor, mentee * num_mentors + mentor]
        )
        _unique, first = np.unique(keys, return_index=True)
        self.mentee = np.concatenate([self.mentee, mentee])[first]
        self.mentor = np.concatenate([self.mentor, mentor])[first]
        self.points = np.concatenate([self.points, points])[first]


def _top_per_row(points: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and scores of each row's k best entries (unordered)."""
    if points.shape[1] <= k:
        columns = np.broadcast_to(np.arange(points.shape[1]), points.shape)
        return columns, points
    columns = np.argpartition(points, points.shape[1] - k, axis=1)[:, -k:]
    return columns, np.take_along_axis(points, columns, axis=1)


def _top_per_column(
    block: np.ndarray, block_rows: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each column's k best entries of a block and the mentee rows they came from."""
    if block.shape[0] <= k:
        return block, np.broadcast_to(block_rows[:, None], block.shape)
    order = np.argpartition(block, block.shape[0] - k, axis=0)[-k:]
    return np.take_along_axis(block, order, axis=0), block_rows[order]


def _mentee_lists(
    block_rows: np.ndarray, block: np.ndarray, k: int
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], np.ndarray, np.ndarray]:
    """A block's mentee-side edges, and each row's kept-list size and floor."""
    columns, values = _top_per_row(block, k)
    keep = values != INELIGIBLE
    edges = (np.broadcast_to(block_rows[:, None], values.shape)[keep], columns[keep], values[keep])
    floor = np.where(keep, values, np.iinfo(np.int32).max).min(axis=1)
    return edges, keep.sum(axis=1), floor


def build_candidates(scorer: Scorer, rows: np.ndarray, k: int) -> CandidateGraph:
    """One pass over `rows` (the mentees to place): mentee-side and mentor-side top-k."""
    num_mentors = scorer.num_mentors
    best_points = np.full((k, num_mentors), INELIGIBLE, dtype=np.int32)
    best_rows = np.zeros((k, num_mentors), dtype=np.int64)
    edge_parts: list[tuple[np.ndarray, ...]] = []
    eligible = np.zeros(scorer.num_mentees, dtype=np.int64)
    floor = np.zeros(scorer.num_mentees, dtype=np.int64)
    list_size = np.zeros(scorer.num_mentees, dtype=np.int64)
    for block_rows in scorer.blocks(rows):
        block = scorer.block(block_rows)
        edges, list_size[block_rows], floor[block_rows] = _mentee_lists(block_rows, block, k)
        edge_parts.append(edges)
        eligible[block_rows] = (block != INELIGIBLE).sum(axis=1)
        # Mentor side: this block's best rows per mentor, merged with the running best.
        block_best, block_best_rows = _top_per_column(block, block_rows, k)
        merged_points = np.concatenate([best_points, block_best])
        merged_rows = np.concatenate([best_rows, block_best_rows])
        order = np.argpartition(merged_points, merged_points.shape[0] - k, axis=0)[-k:]
        best_points = np.take_along_axis(merged_points, order, axis=0)
        best_rows = np.take_along_axis(merged_rows, order, axis=0)
    keep = best_points != INELIGIBLE
    mentor_columns = np.broadcast_to(np.arange(num_mentors)[None, :], best_points.shape)
    edge_parts.append((best_rows[keep], mentor_columns[keep], best_points[keep]))
    graph = CandidateGraph(
        mentee=np.zeros(0, dtype=np.int64),
        mentor=np.zeros(0, dtype=np.int64),
        points=np.zeros(0, dtype=np.int64),
        num_eligible=eligible,
        floor=floor,
        list_size=list_size,
    )
    graph.add(
        np.concatenate([part[0] for part in edge_parts]).astype(np.int64),
        np.concatenate([part[1] for part in edge_parts]).astype(np.int64),
        np.concatenate([part[2] for part in edge_parts]).astype(np.int64),
    )
    return graph


def rescore(
    scorer: Scorer,
    graph: CandidateGraph,
    rows: np.ndarray,
    *,
    widen_rows: np.ndarray,
    threshold: np.ndarray,
    prices: np.ndarray,
    k: int,
) -> int:
    """One pass over `rows`: price pairs against the duals, and widen `widen_rows`' lists.

    A pair with points − price > threshold[row] violates the LP duals (the pricing step of
    the optimality check): each row's best such pairs join the graph. Rows in `widen_rows`
    (mentees placed at the bottom of their list) get a list twice as long. Returns how many
    rows had a violation.
    """
    violating_rows = 0
    for block_rows in scorer.blocks(rows):
        block = scorer.block(block_rows)
        widening = np.isin(block_rows, widen_rows)
        if widening.any():
            longer = 2 * max(k, int(graph.list_size[block_rows[widening]].max()))
            edges, list_size, floor = _mentee_lists(block_rows[widening], block[widening], longer)
            graph.list_size[block_rows[widening]] = list_size
            graph.floor[block_rows[widening]] = floor
            graph.add(*(part.astype(np.int64) for part in edges))
        excess = block.astype(np.int64) - prices[None, :] - threshold[block_rows][:, None]
        excess[block == INELIGIBLE] = -1
        has_violation = (excess > 0).any(axis=1)
        if not has_violation.any():
            continue
        violating_rows += int(has_violation.sum())
        columns, values = _top_per_row(excess[has_violation], 2 * k)
        keep = values > 0
        mentees = np.broadcast_to(block_rows[has_violation][:, None], columns.shape)[keep]
        points = np.take_along_axis(block[has_violation], columns, axis=1)[keep]
        graph.add(mentees.astype(np.int64), columns[keep].astype(np.int64), points.astype(np.int64))
    return violating_rows
