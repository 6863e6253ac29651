"""Candidate edges: each mentee's top-K mentors and each mentor's top-K mentees.

Kept from one blockwise pass over the scores, so the solver sees O((n + m)·K) edges instead
of n × m. Along the way it records, per mentee, how many mentors are eligible at all and the
lowest score kept (an upper bound on every score left out), which the solver's optimality
check uses to skip mentees that cannot gain from a wider list.

Selecting the top K of 20,000 scores with argpartition costs more than scoring them, so
rows use a threshold instead: the K-th largest of the row's group maxima bounds the K-th
largest score from below, one comparison pass finds the few entries above it, and only
those are sorted. Columns keep a running threshold per mentor the same way.

The same pass can keep each mentee's next best mentors aside (a `Reserve`): the optimality
check prices those pairs and widens lists from them without scoring the row again.
"""

from dataclasses import dataclass

import numpy as np

from tandem.matching.engine.scoring import SCORE_POINTS, Scorer

_NO_FLOOR = np.iinfo(np.int32).max
# Magnitudes below this add and subtract in int32 without overflow.
_INT32_SAFE = 1 << 30


@dataclass
class Reserve:
    """Each mentee's next-best mentors after their list in the graph, from the first pass.

    Certification prices these pairs exactly and widens lists from them, so a mentee's
    row is scored again only when the reserve's floor cannot clear the bound.
    """

    mentee: np.ndarray  # int32, ascending; each mentee's entries best first
    mentor: np.ndarray  # int32
    points: np.ndarray  # int32
    start: np.ndarray  # per mentee, plus one: where their entries begin
    known: np.ndarray  # per mentee: length of their top list (graph list + reserve)
    floor: np.ndarray  # per mentee: every score outside that top list is ≤ this


@dataclass
class CandidateGraph:
    mentee: np.ndarray  # int64 row of each edge's mentee
    mentor: np.ndarray  # int64 column of each edge's mentor
    points: np.ndarray  # int64 score of each edge
    num_eligible: np.ndarray  # per mentee: eligible mentors in the full problem
    floor: np.ndarray  # per mentee: every score not in their own list is ≤ this
    list_size: np.ndarray  # per mentee: how many of their own top mentors are kept
    reserve: Reserve | None = None

    @property
    def size(self) -> int:
        return int(self.mentee.size)

    def is_complete(self) -> np.ndarray:
        """Mentees whose every eligible mentor is already an edge."""
        return self.list_size >= self.num_eligible

    def add(self, mentee: np.ndarray, mentor: np.ndarray, points: np.ndarray) -> None:
        """Adds edges, dropping any already present; edges stay sorted by (mentee, mentor)."""
        keys, first = np.unique(_keys(mentee, mentor), return_index=True)
        present = _keys(self.mentee, self.mentor)
        # Merging the few new keys into the sorted graph costs one pass, not a sort.
        at = np.searchsorted(present, keys)
        found = at < present.size
        found[found] = present[at[found]] == keys[found]
        at, first = at[~found], first[~found]
        self.mentee = np.insert(self.mentee, at, mentee[first].astype(np.int64))
        self.mentor = np.insert(self.mentor, at, mentor[first].astype(np.int64))
        self.points = np.insert(self.points, at, points[first].astype(np.int64))


def _keys(mentee: np.ndarray, mentor: np.ndarray) -> np.ndarray:
    """One sortable int64 per (mentee, mentor) pair."""
    return (mentee.astype(np.int64) << 32) + mentor.astype(np.int64)


def _where(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """np.nonzero for a 2-D mask, eight times faster through the flat index."""
    return np.divmod(np.flatnonzero(mask), mask.shape[1])


@dataclass(frozen=True)
class RowTop:
    """Each row's k best non-negative entries, as flat (row-in-block, column, value) lists."""

    row: np.ndarray
    column: np.ndarray
    value: np.ndarray
    count: np.ndarray  # entries kept per row
    floor: np.ndarray  # per row: every entry not kept is ≤ this


def _row_thresholds(values: np.ndarray, k: int) -> np.ndarray:
    """A lower bound on each row's k-th largest entry, from group maxima (cheap)."""
    num_rows, num_columns = values.shape
    group = max(1, num_columns // (4 * k))
    whole = (num_columns // group) * group
    maxima = values[:, :whole].reshape(num_rows, -1, group).max(axis=2)
    if whole < num_columns:
        maxima = np.concatenate([maxima, values[:, whole:].max(axis=1, keepdims=True)], axis=1)
    if maxima.shape[1] <= k:
        return np.full(num_rows, -np.inf)
    return np.partition(maxima, maxima.shape[1] - k, axis=1)[:, maxima.shape[1] - k]


def top_per_row(values: np.ndarray, k: int) -> RowTop:
    """Rows' top-k among entries ≥ 0 (ties broken arbitrarily); negatives never kept."""
    threshold = np.maximum(_row_thresholds(values, k), 0)
    row, column = _where(values >= threshold.astype(values.dtype)[:, None])
    value = values[row, column]
    # Sort the few survivors by row, best first, and keep k per row.
    order = np.lexsort((-value, row))
    row, column, value = row[order], column[order], value[order]
    starts = np.searchsorted(row, np.arange(values.shape[0]))
    rank = np.arange(row.size) - starts[row]
    keep = rank < k
    row, column, value = row[keep], column[keep], value[keep]
    count = np.bincount(row, minlength=values.shape[0])
    floor = np.full(values.shape[0], _NO_FLOOR, dtype=np.int64)
    np.minimum.at(floor, row, value.astype(np.int64))
    # A full row's unkept entries are ≤ its smallest kept one; a short row kept everything
    # ≥ 0, so nothing eligible was left out.
    return RowTop(row=row, column=column, value=value, count=count, floor=floor)


class ColumnTop:
    """Running top-k mentees per mentor across blocks, with a per-mentor entry threshold."""

    def __init__(self, num_mentors: int, k: int):
        self.k = k
        # Integer scores: entries above the threshold are offered (−1 offers every score ≥ 0).
        self.threshold = np.full(num_mentors, -1, dtype=np.int32)
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.pending = 0
        self.has_threshold = False
        self.compact_at = max(8 * k * num_mentors, 1 << 20)

    def offer(self, block: np.ndarray, block_rows: np.ndarray) -> None:
        if not self.has_threshold and block.shape[0] >= self.k:
            # Seed thresholds from the first block, so later blocks offer few entries.
            kth = np.partition(block, block.shape[0] - self.k, axis=0)[block.shape[0] - self.k]
            np.maximum(self.threshold, kth.astype(np.int32) - 1, out=self.threshold)
            self.has_threshold = True
        row, column = _where(block > self.threshold.astype(block.dtype)[None, :])
        self.parts.append((block_rows[row], column, block[row, column]))
        self.pending += row.size
        if self.pending > self.compact_at:
            self._compact()

    def _compact(self) -> None:
        mentee = np.concatenate([part[0] for part in self.parts])
        mentor = np.concatenate([part[1] for part in self.parts])
        value = np.concatenate([part[2] for part in self.parts])
        # One int64 key (mentor, then best first) sorts faster than a two-key lexsort.
        order = np.argsort((mentor.astype(np.int64) << 32) - value.astype(np.int64))
        mentee, mentor, value = mentee[order], mentor[order], value[order]
        starts = np.searchsorted(mentor, np.arange(self.threshold.size))
        rank = np.arange(mentor.size) - starts[mentor]
        keep = rank < self.k
        full_at = rank == self.k - 1
        # Once a mentor holds k entries, only better ones are worth offering.
        self.threshold[mentor[full_at]] = value[full_at]
        self.has_threshold = True
        self.parts = [(mentee[keep], mentor[keep], value[keep])]
        self.pending = 0

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self.parts:
            self._compact()
            return self.parts[0]
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty


def _empty_graph(num_mentees: int) -> CandidateGraph:
    empty = np.zeros(0, dtype=np.int64)
    return CandidateGraph(
        mentee=empty,
        mentor=empty,
        points=empty,
        num_eligible=np.zeros(num_mentees, dtype=np.int64),
        floor=np.full(num_mentees, _NO_FLOOR, dtype=np.int64),
        list_size=np.zeros(num_mentees, dtype=np.int64),
    )


def _widen_rows(graph: CandidateGraph, block_rows: np.ndarray, top: RowTop) -> tuple:
    """Records the rows' longer lists and returns their edges (added later, in one go)."""
    graph.list_size[block_rows] = top.count
    graph.floor[block_rows] = top.floor
    return block_rows[top.row], top.column, top.value


def _split_top(top: RowTop, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rank of each entry in its row's list, each row's first-k size and first-k floor."""
    first = np.searchsorted(top.row, np.arange(top.count.size))
    rank = np.arange(top.row.size) - first[top.row]
    size = np.minimum(top.count, k)
    floor = np.full(top.count.size, _NO_FLOOR, dtype=np.int64)
    has = size > 0
    floor[has] = top.value[first[has] + size[has] - 1]
    return rank, size, floor


def build_candidates(
    scorer: Scorer, rows: np.ndarray, k: int, *, reserve: int = 0
) -> CandidateGraph:
    """One pass over `rows` (the mentees to place): mentee-side and mentor-side top-k.

    With `reserve` > k, each mentee's next best up to `reserve` are kept aside too.
    """
    graph = _empty_graph(scorer.num_mentees)
    # Mentor-side lists only keep every mentor connected to the graph; a fifth of K does.
    column_top = ColumnTop(scorer.num_mentors, max(5, k // 5))
    parts = []
    kept = []
    known = np.zeros(scorer.num_mentees, dtype=np.int64)
    reserve_floor = np.full(scorer.num_mentees, _NO_FLOOR, dtype=np.int64)
    for block_rows, block in scorer.scored_blocks(rows):
        top = top_per_row(block, max(k, reserve))
        rank, graph.list_size[block_rows], graph.floor[block_rows] = _split_top(top, k)
        in_list = rank < k
        parts.append((block_rows[top.row[in_list]], top.column[in_list], top.value[in_list]))
        if reserve > k:
            kept.append((block_rows[top.row[~in_list]], top.column[~in_list], top.value[~in_list]))
            known[block_rows] = top.count
            reserve_floor[block_rows] = top.floor
        graph.num_eligible[block_rows] = np.count_nonzero(block >= 0, axis=1)
        column_top.offer(block, block_rows)
    parts.append(column_top.edges())
    graph.add(*_concatenate(parts))
    if reserve > k:
        mentee, mentor, points = _concatenate(kept)
        # Rows come in block order; a stable sort by mentee keeps each list best first.
        order = np.argsort(mentee, kind="stable")
        mentee = mentee[order]
        # int32 keeps the reserve at 12 bytes a pair.
        graph.reserve = Reserve(
            mentee=mentee.astype(np.int32),
            mentor=mentor[order].astype(np.int32),
            points=points[order].astype(np.int32),
            start=np.searchsorted(mentee, np.arange(scorer.num_mentees + 1)),
            known=known,
            floor=reserve_floor,
        )
    return graph


def _concatenate(parts: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    mentee, mentor, points = (
        np.concatenate([part[i] for part in parts]).astype(np.int64) for i in range(3)
    )
    return mentee, mentor, points


def _best_per_row(mentee: np.ndarray, value: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Order of entries by mentee, best value first, and which are among their row's k best."""
    order = np.lexsort((-value, mentee))
    sorted_mentee = mentee[order]
    first = np.searchsorted(sorted_mentee, sorted_mentee)
    return order, np.arange(order.size) - first < k


def price_reserve(
    graph: CandidateGraph, *, threshold: np.ndarray, prices: np.ndarray, k: int
) -> np.ndarray:
    """Adds reserve pairs violating the duals (up to 2k per mentee) and returns those mentees.

    A pair violates when points − price > threshold[mentee], as in `rescore`.
    """
    reserve = graph.reserve
    if reserve is None or reserve.mentee.size == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = (reserve.mentee, reserve.mentor, reserve.points)
    return add_violating(graph, pairs, threshold=threshold, prices=prices, k=k)


def add_violating(
    graph: CandidateGraph,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    *,
    threshold: np.ndarray,
    prices: np.ndarray,
    k: int,
) -> np.ndarray:
    """Adds the listed (mentee, mentor, points) pairs that violate the duals, up to 2k per
    mentee, and returns those mentees. Violating: points − price > threshold[mentee]."""
    mentee, mentor, points = pairs
    excess = points - prices[mentor] - threshold[mentee]
    violating = np.flatnonzero(excess > 0)
    if violating.size == 0:
        return np.zeros(0, dtype=np.int64)
    order, best = _best_per_row(mentee[violating], excess[violating], 2 * k)
    chosen = violating[order[best]]
    graph.add(mentee[chosen], mentor[chosen], points[chosen])
    return np.unique(mentee[violating])


def widen_from_reserve(graph: CandidateGraph, widen_rows: np.ndarray, k: int) -> np.ndarray:
    """Doubles `widen_rows`' lists from the reserve; returns the rows it cannot serve."""
    reserve = graph.reserve
    if reserve is None or widen_rows.size == 0:
        return widen_rows
    size = 2 * np.maximum(k, graph.list_size[widen_rows])
    complete = reserve.known[widen_rows] >= graph.num_eligible[widen_rows]
    served = (size <= reserve.known[widen_rows]) | complete
    rows, size = widen_rows[served], np.minimum(size[served], reserve.known[widen_rows[served]])
    # The reserve holds ranks first.. of each list (first = the list's initial size).
    begin, end = reserve.start[rows], reserve.start[rows + 1]
    first = reserve.known[rows] - (end - begin)
    taken = np.clip(size - first, 0, end - begin)
    offsets = np.repeat(begin - np.cumsum(taken) + taken, taken) + np.arange(taken.sum())
    graph.add(reserve.mentee[offsets], reserve.mentor[offsets], reserve.points[offsets])
    grew = (size > graph.list_size[rows]) & (taken > 0)
    graph.floor[rows[grew]] = reserve.points[(begin + taken - 1)[grew]]
    graph.list_size[rows[grew]] = size[grew]
    return widen_rows[~served]


def _reduced(block: np.ndarray, prices: np.ndarray, bound: np.ndarray) -> np.ndarray | None:
    """block − prices per pair, exactly; None when no pair can exceed its row's bound.

    Prices above (highest score − lowest bound) can never let a pair exceed its bound, so
    they are clipped to it; then int32 holds every value exactly at half float64's traffic.
    """
    highest = np.iinfo(block.dtype).max if block.dtype.kind == "i" else SCORE_POINTS << 2
    if bound.size == 0 or bound.min() >= highest:
        return None
    cap = highest - int(bound.min())
    if cap < _INT32_SAFE and int(np.abs(bound).max()) < _INT32_SAFE:
        reduced = block.astype(np.int32)
        reduced -= np.minimum(prices, cap).astype(np.int32)[None, :]
        return reduced
    # float64 holds the place-everyone penalty's magnitudes exactly.
    reduced = block.astype(np.float64)
    reduced -= prices[None, :]
    return reduced


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
    # New edges are merged once at the end: merging per block re-sorts the whole graph.
    parts = []
    for block_rows, block in scorer.scored_blocks(rows):
        widening = np.isin(block_rows, widen_rows)
        if widening.any():
            longer = 2 * max(k, int(graph.list_size[block_rows[widening]].max()))
            top = top_per_row(block[widening], longer)
            parts.append(_widen_rows(graph, block_rows[widening], top))
        bound = threshold[block_rows]
        reduced = _reduced(block, prices, bound)
        if reduced is None:
            continue
        violation = reduced > bound.astype(reduced.dtype)[:, None]
        violation &= block >= 0
        has_violation = violation.any(axis=1)
        if not has_violation.any():
            continue
        # How far each violating pair exceeds its bound, minus 1 so strict means ≥ 0.
        excess = reduced[has_violation].astype(np.int64) - bound[has_violation][:, None] - 1
        excess[~violation[has_violation]] = -1
        violating_rows += int(has_violation.sum())
        top = top_per_row(excess, 2 * k)
        mentees = block_rows[has_violation][top.row]
        parts.append((mentees, top.column, block[has_violation][top.row, top.column]))
    if parts:
        graph.add(*(np.concatenate([part[i] for part in parts]).astype(np.int64) for i in range(3)))
    return violating_rows
