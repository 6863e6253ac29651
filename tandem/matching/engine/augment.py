"""The cardinality half of the certificate: augmenting paths over the full eligibility graph.

A flow from mentees (each supplying one unit for an allocation, k for shortlists) to
mentors (each taking at most its places) is as large as possible exactly when no
augmenting path exists (Ford–Fulkerson; Berge for matchings): no chain "mentee short of
supply → an eligible mentor they do not use yet → one of that mentor's current mentees →
another eligible mentor → …" that ends at a mentor with a place left. The search walks
breadth first from every short mentee at once and reads each mentee's row at most once,
in the Scorer's blocks, from the hard rules alone (points are scored only for the pairs it
keeps), so memory is O(mentees + mentors) plus one block; a mentee whose
every eligible mentor is already an edge of the candidate graph is read from the graph.

If the walk ends without reaching a spare place, the flow is proved maximum (the mentees it
reached and the mentors they can take form a minimum cut). Otherwise it returns one path
per search tree; the trees share no person, so once the caller adds the paths' edges to the
candidate graph and solves again, at least one more unit flows per path.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import maximum_flow

from tandem.matching.engine.candidates import CandidateGraph
from tandem.matching.engine.criteria import Policy
from tandem.matching.engine.scoring import Scorer

_EMPTY = np.zeros(0, dtype=np.int64)
# Edges kept per mentee the walk reaches, besides the search forest's: enough for the
# solver to route many paths around one another.
_EDGES_PER_MENTEE = 8
# Eligible pairs of the mentees the walk reaches kept for an exact maximum flow over them:
# 8 bytes each, so at most 32 MB, and scipy's flow a few times that.
_CACHED_PAIRS = 4_000_000


@dataclass(frozen=True)
class Reach:
    """What a walk that found no augmenting path reached: the proof that no more fit.

    Every eligible mentor of a reached mentee is a reached mentor, and each reached
    mentor's places are all taken by reached mentees. Both sets are the same for every
    maximum flow (Dulmage and Mendelsohn), so they stay true while later rounds improve
    the score.
    """

    mentees: np.ndarray  # bool per mentee
    mentors: np.ndarray  # bool per mentor


@dataclass(frozen=True)
class AugmentingPaths:
    """The search's result: the paths' edges, who they start from, and what was scored."""

    mentee: np.ndarray  # edges on the paths found (mentee row, mentor row, points)
    mentor: np.ndarray
    points: np.ndarray
    roots: np.ndarray  # short mentees a path starts from
    gain: int  # units the flow can still grow by (a lower bound without the exact flow)
    reach: Reach  # reached by the walk (short mentees included)
    scored_rows: int
    # The paths' pairs are a maximum flow's over the reached mentees, so `gain` is exact.
    is_exact: bool = False

    @property
    def is_maximum(self) -> bool:
        """No augmenting path: no flow over the full eligibility graph is larger."""
        return self.roots.size == 0


def csr(keys: np.ndarray, values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """`values` grouped by `keys` (0..size-1) and where each key's group starts."""
    order = np.argsort(keys, kind="stable")
    return values[order], np.searchsorted(keys[order], np.arange(size + 1))


def gather(values: np.ndarray, starts: np.ndarray, keys: np.ndarray) -> tuple:
    """Each key's group from a `csr` layout, flat, with the key repeated alongside."""
    begin, end = starts[keys], starts[keys + 1]
    lengths = end - begin
    offsets = np.repeat(begin - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    return values[offsets], np.repeat(keys, lengths)


def _eligible_pairs(
    scorer: Scorer,
    graph: CandidateGraph,
    rows: np.ndarray,
    wanted: Callable[[], np.ndarray | None],
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
    """(mentee, mentor, points) of the eligible pairs of `rows`, a block at a time.

    Rows whose whole eligible list is in the candidate graph come from the graph. The rest
    are read from the hard rules alone (`Scorer.rule_barred`, some forty times cheaper than
    scoring), with points None, unless a minimum score also bars pairs; then they are
    scored. `wanted()`, asked before each block, names the mentors worth reading (None:
    all), which keeps a walk over a dense graph from sorting pairs it has already passed.
    """
    complete = graph.is_complete()[rows]
    if complete.any():
        known = rows[complete]
        begin = np.searchsorted(graph.mentee, known)
        end = np.searchsorted(graph.mentee, known, side="right")
        lengths = end - begin
        offsets = np.repeat(begin - np.cumsum(lengths) + lengths, lengths)
        offsets += np.arange(lengths.sum())
        yield graph.mentee[offsets], graph.mentor[offsets], graph.points[offsets]
    rest = rows[~complete]
    config = scorer.config
    if config.policy == Policy.QUALITY and config.min_score > 0:
        for block_rows, block in scorer.scored_blocks(rest):
            row, column = _open_pairs(block >= 0, wanted())
            yield block_rows[row], column, block[row, column].astype(np.int64)
        return
    for block_rows in scorer.blocks(rest):
        row, column = _open_pairs(~scorer.rule_barred(block_rows), wanted())
        yield block_rows[row], column, None


def _open_pairs(eligible: np.ndarray, columns: np.ndarray | None) -> tuple:
    """(row, column) of the eligible cells of a block, among `columns` (None: all)."""
    if columns is None:
        return np.divmod(np.flatnonzero(eligible), eligible.shape[1])
    row, position = np.divmod(np.flatnonzero(eligible[:, columns]), columns.size)
    return row, columns[position]


def _best_per_mentee(mentee: np.ndarray, points: np.ndarray, most: int) -> np.ndarray:
    """Indices of each mentee's `most` best-scoring entries."""
    order = np.lexsort((-points, mentee))
    sorted_mentee = mentee[order]
    rank = np.arange(order.size) - np.searchsorted(sorted_mentee, sorted_mentee)
    return order[rank < most]


def _first_per_mentor(mentor: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Index of each distinct mentor's best-scoring entry."""
    order = np.lexsort((-points, mentor))
    return order[np.flatnonzero(np.diff(mentor[order], prepend=-1) != 0)]


def _useful(
    edges: tuple[np.ndarray, np.ndarray], used: tuple[np.ndarray, np.ndarray], is_end: np.ndarray
) -> np.ndarray:
    """Which kept edges lie on a path to a spare place (a fixpoint over the walk's edges)."""
    edge_mentee, edge_mentor = edges
    used_mentee, used_mentor = used
    useful_mentor = is_end.copy()
    while True:
        useful = useful_mentor[edge_mentor]
        # A mentor is worth reaching when one of its current mentees can move on usefully.
        movers = np.isin(used_mentee, edge_mentee[useful])
        grown = useful_mentor.copy()
        grown[used_mentor[movers]] = True
        if np.array_equal(grown, useful_mentor):
            return useful
        useful_mentor = grown


def _max_flow_pairs(
    pairs: tuple[np.ndarray, np.ndarray],
    mentees: np.ndarray,
    *,
    supply: int,
    places: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs carrying a maximum flow (scipy's Dinic) in a mentees × mentors subgraph."""
    edge_mentee, edge_mentor = pairs
    mentors = np.unique(edge_mentor)
    num_mentees, num_mentors = mentees.size, mentors.size
    source, sink = 0, num_mentees + num_mentors + 1
    mentee_node = np.searchsorted(mentees, edge_mentee) + 1
    mentor_node = np.searchsorted(mentors, edge_mentor) + num_mentees + 1
    tail = np.concatenate(
        [
            np.zeros(num_mentees, dtype=np.int64),
            mentee_node,
            np.arange(num_mentors) + num_mentees + 1,
        ]
    )
    head = np.concatenate([np.arange(1, num_mentees + 1), mentor_node, np.full(num_mentors, sink)])
    capacity = np.concatenate(
        [np.full(num_mentees, supply), np.ones(edge_mentee.size, dtype=np.int64), places[mentors]]
    )
    network = sparse.csr_array(
        (capacity.astype(np.int32), (tail, head)), shape=(sink + 1, sink + 1)
    )
    network.sum_duplicates()
    network.eliminate_zeros()
    flow = sparse.coo_array(maximum_flow(network, source, sink).flow)
    carried = (flow.data > 0) & (flow.row > 0) & (flow.row <= num_mentees) & (flow.col < sink)
    return mentees[flow.row[carried] - 1], mentors[flow.col[carried] - num_mentees - 1]


class _Walk:
    """The breadth-first walk's state: its forest, the pairs it keeps, and its cache."""

    def __init__(self, scorer: Scorer, short: np.ndarray, used: tuple[np.ndarray, np.ndarray]):
        used_mentee, used_mentor = used
        self.own_keys = np.sort((used_mentee.astype(np.int64) << 32) + used_mentor)
        # Each mentee's tree (its root's index), each mentor's, and the step at which each
        # mentor was first reached.
        self.mentee_tree = np.full(scorer.num_mentees, -1, dtype=np.int64)
        self.mentor_tree = np.full(scorer.num_mentors, -1, dtype=np.int64)
        self.mentor_step = np.full(scorer.num_mentors, -1, dtype=np.int64)
        self.mentee_tree[short] = np.arange(short.size)
        self.kept: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.cached: list[tuple[np.ndarray, np.ndarray]] | None = []
        self.cached_size = 0

    def wanted(self, step: int) -> np.ndarray | None:
        """Mentors a block's pairs matter for: all while caching, else those still open."""
        if self.cached is not None:
            return None
        return np.flatnonzero((self.mentor_step < 0) | (self.mentor_step == step))

    def visit(
        self, pairs: tuple[np.ndarray, np.ndarray, np.ndarray | None], step: int
    ) -> np.ndarray:
        """Walks one batch of eligible pairs; returns the mentors it reached first.

        Pairs read from the rules alone come without points: they are kept as −1 (any
        choice among them is as good for the walk) and scored at the end, if kept.
        """
        mentee, mentor, points = pairs
        if points is None:
            points = np.full(mentee.size, -1, dtype=np.int64)
        keep = np.ones(mentee.size, dtype=bool)
        if self.own_keys.size:
            # A pair already carrying flow is not a step forward.
            keys = (mentee << 32) + mentor
            position = np.minimum(np.searchsorted(self.own_keys, keys), self.own_keys.size - 1)
            keep = self.own_keys[position] != keys
        if self.cached is not None:
            self.cached_size += int(keep.sum())
            self.cached.append((mentee[keep].astype(np.int32), mentor[keep].astype(np.int32)))
            if self.cached_size > _CACHED_PAIRS:
                self.cached = None
        step_of = self.mentor_step[mentor]
        keep &= (step_of < 0) | (step_of == step)
        mentee, mentor, points = mentee[keep], mentor[keep], points[keep]
        fresh = np.flatnonzero(self.mentor_step[mentor] < 0)
        first = fresh[_first_per_mentor(mentor[fresh], points[fresh])]
        new = mentor[first]
        self.mentor_step[new] = step
        self.mentor_tree[new] = self.mentee_tree[mentee[first]]
        if self.cached is None:
            # Without the exact flow, the solver gets the forest and a few more pairs.
            first = np.union1d(_best_per_mentee(mentee, points, _EDGES_PER_MENTEE), first)
        self.kept.append((mentee[first], mentor[first], points[first]))
        return new


def find_augmenting_paths(
    scorer: Scorer,
    graph: CandidateGraph,
    *,
    short: np.ndarray,
    used_mentee: np.ndarray,
    used_mentor: np.ndarray,
    capacity: np.ndarray,
    supply: int = 1,
) -> AugmentingPaths:
    """Augmenting paths from the `short` mentees, given the flow's pairs and mentors' capacity.

    `used_mentee`/`used_mentor` are the pairs carrying flow now; `capacity` is the units
    each mentor may take (places for an allocation, k × places for shortlists) and
    `supply` each mentee's units. Only mentees the walk reaches can change in a larger
    flow, so when their eligible pairs fit in memory a maximum flow over them alone (the
    rest held as they are) is the maximum for the whole problem: its pairs are returned and
    the next solve reaches it in one go however long the chains. Otherwise the walk's
    forest and, per mentee, its best pairs one step further are returned (the layered
    graph of Hopcroft and Karp, thinned), keeping those on a path to a spare place.
    """
    num_mentees, num_mentors = scorer.num_mentees, scorer.num_mentors
    reached = np.zeros(num_mentees, dtype=bool)
    if short.size == 0 or num_mentors == 0:
        nobody = Reach(reached, np.zeros(num_mentors, dtype=bool))
        return AugmentingPaths(_EMPTY, _EMPTY, _EMPTY, _EMPTY, 0, nobody, 0)
    holders, holder_start = csr(used_mentor, used_mentee, num_mentors)
    walk = _Walk(scorer, short, (used_mentee, used_mentor))
    frontier = short
    scored_rows = 0
    step = 0
    while frontier.size:
        scored_rows += int((~graph.is_complete()[frontier]).sum())
        layer = [
            walk.visit(pairs, step)
            for pairs in _eligible_pairs(scorer, graph, frontier, partial(walk.wanted, step))
        ]
        mentee, via = gather(holders, holder_start, np.concatenate([_EMPTY, *layer]))
        unseen = walk.mentee_tree[mentee] < 0
        frontier, first = np.unique(mentee[unseen], return_index=True)
        walk.mentee_tree[frontier] = walk.mentor_tree[via[unseen][first]]
        step += 1
    reached[walk.mentee_tree >= 0] = True
    reach = Reach(reached, walk.mentor_step >= 0)
    spare = np.bincount(used_mentor, minlength=num_mentors) < capacity
    is_end = spare & (walk.mentor_step >= 0)
    roots = short[np.unique(walk.mentor_tree[is_end])]
    if roots.size == 0:
        return AugmentingPaths(_EMPTY, _EMPTY, _EMPTY, roots, 0, reach, scored_rows)
    if walk.cached is not None:
        inside = reached[used_mentee]
        # Mentors keep the places that mentees outside the walk hold.
        places = capacity - np.bincount(used_mentor[~inside], minlength=num_mentors)
        pairs = (
            np.concatenate([used_mentee[inside], *(part[0] for part in walk.cached)]),
            np.concatenate([used_mentor[inside], *(part[1] for part in walk.cached)]),
        )
        walk.cached = None
        mentee, mentor = _max_flow_pairs(
            pairs, np.flatnonzero(reached), supply=supply, places=places
        )
        gain = mentee.size - int(inside.sum())
        new = np.isin((mentee << 32) + mentor, walk.own_keys, invert=True)
        mentee, mentor = mentee[new], mentor[new]
        points = scorer.pair_points(mentee, mentor)
        return AugmentingPaths(
            mentee, mentor, points, roots, gain, reach, scored_rows, is_exact=True
        )
    mentee, mentor, points = (
        np.concatenate([_EMPTY, *part]) for part in zip(*walk.kept, strict=True)
    )
    useful = _useful((mentee, mentor), (used_mentee, used_mentor), is_end)
    mentee, mentor, points = mentee[useful], mentor[useful], points[useful]
    unknown = points < 0
    points[unknown] = scorer.pair_points(mentee[unknown], mentor[unknown])
    return AugmentingPaths(mentee, mentor, points, roots, roots.size, reach, scored_rows)
