"""Chains of moves: could any rearrangement of the others make room for an unplaced mentee?

Placing an unplaced mentee when all their eligible mentors are full means moving a mentee
out of one of those places, that mentee into another mentor's place, and so on until a
mentor with a free place is reached (an augmenting path over the eligibility graph). This
module searches every such chain over the full eligibility graph, not the solver's pruned
candidate lists, so a reason built on it is true of the final allocation:

- no chain reaches a free place: placing the mentee would leave someone else unplaced;
- the best chain changes the total score by `best_change` points (the new pair's score
  minus what the moved mentees lose), which the quality policy weighs against its penalty.

Only mentees reachable from the unplaced ones are scored, in blocks; kept (locked) pairs
never move. Without a free place anywhere nothing is scored at all.
"""

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import NegativeCycleError, shortest_path

from tandem.matching.engine.scoring import INELIGIBLE, Scorer


class _Search:
    """Forward breadth-first search from the unplaced mentees over eligible pairs."""

    def __init__(self, scorer: Scorer, mentor_of: np.ndarray, movable: np.ndarray):
        self.scorer = scorer
        self.mentor_of = mentor_of
        self.movable = movable
        self.edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def run(self, start: np.ndarray, places_left: np.ndarray, *, keep_edges: bool) -> bool:
        """Whether a free place is reachable; keeps every eligible pair seen if asked."""
        scorer, mentor_of = self.scorer, self.mentor_of
        seen_mentee = np.zeros(scorer.num_mentees, dtype=bool)
        seen_mentor = np.zeros(scorer.num_mentors, dtype=bool)
        seen_mentee[start] = True
        frontier, reaches_free = start, False
        while frontier.size:
            reached = np.zeros(scorer.num_mentors, dtype=bool)
            for block_rows, scores in scorer.scored_blocks(frontier):
                eligible = scores != INELIGIBLE
                own = mentor_of[block_rows]
                has_own = own >= 0
                # A mentee cannot "move" to the mentor they already have.
                eligible[np.flatnonzero(has_own), own[has_own]] = False
                reached |= eligible.any(axis=0)
                if keep_edges:
                    position, mentor = np.nonzero(eligible)
                    self.edges.append(
                        (block_rows[position], mentor, scores[position, mentor].astype(np.int64))
                    )
            new = reached & ~seen_mentor
            seen_mentor |= new
            if (places_left[new] > 0).any():
                reaches_free = True
                if not keep_edges:
                    return True
            # Holders of newly reached full mentors may move on, unless their pair is kept.
            holder = self.movable & ~seen_mentee & (mentor_of >= 0)
            holder[holder] = new[mentor_of[holder]] & (places_left[mentor_of[holder]] <= 0)
            seen_mentee |= holder
            frontier = np.flatnonzero(holder)
        return reaches_free


def best_changes(
    scorer: Scorer,
    start: np.ndarray,
    *,
    mentor_of: np.ndarray,
    points: np.ndarray,
    movable: np.ndarray,
    places_left: np.ndarray,
    need_values: bool,
) -> tuple[np.ndarray, bool]:
    """Per mentee in `start` (unplaced, every eligible mentor full): the best chain's change
    in total score, or None where no chain reaches a free place; and whether that is sound.

    `need_values` asks for the exact change (quality policy); otherwise any chain found is
    reported with its value as well, which costs a second pass, only when a chain exists.
    The second result is False when the allocation admits a cycle of moves that gains
    score (it was not optimal), in which case the values are not meaningful.
    """
    changes = np.full(start.size, None, dtype=object)
    if start.size == 0 or not (places_left > 0).any():
        return changes, True
    search = _Search(scorer, mentor_of, movable)
    if not need_values and not search.run(start, places_left, keep_edges=False):
        return changes, True
    if not search.run(start, places_left, keep_edges=True):
        return changes, True
    return _longest_chains(
        scorer, search, start, mentor_of=mentor_of, points=points, places_left=places_left
    )


def _longest_chains(
    scorer: Scorer,
    search: _Search,
    start: np.ndarray,
    *,
    mentor_of: np.ndarray,
    points: np.ndarray,
    places_left: np.ndarray,
) -> tuple[np.ndarray, bool]:
    """Best chain value per start mentee: a shortest path with scores negated, from the
    sink back to each mentee (nodes: mentees, then mentors, then the sink)."""
    num_mentees, num_mentors = scorer.num_mentees, scorer.num_mentors
    sink = num_mentees + num_mentors
    mentee, mentor, score = (np.concatenate(part) for part in zip(*search.edges, strict=True))
    explored = np.unique(mentee)
    holders = explored[mentor_of[explored] >= 0]
    free = np.flatnonzero(places_left > 0)
    # Reversed arcs, so one search from the sink gives every mentee's distance to it:
    # mentee → mentor (takes the place, gains its score), mentor → its holder (who leaves,
    # losing their pair's score), free mentor → sink.
    tail = np.concatenate([num_mentees + mentor, holders, np.full(free.size, sink)])
    head = np.concatenate([mentee, num_mentees + mentor_of[holders], num_mentees + free])
    weight = np.concatenate([-score, points[holders], np.zeros(free.size, dtype=np.int64)])
    graph = sparse.csr_array((weight.astype(np.float64), (tail, head)), shape=(sink + 1, sink + 1))
    try:
        distance = shortest_path(graph, method="BF", directed=True, indices=sink)
    except NegativeCycleError:
        return np.full(start.size, None, dtype=object), False
    changes = np.full(start.size, None, dtype=object)
    reachable = np.isfinite(distance[start])
    changes[reachable] = [-round(value) for value in distance[start][reachable].tolist()]
    return changes, True
