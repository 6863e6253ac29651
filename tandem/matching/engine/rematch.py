"""Rematch: move some mentees to new mentors while everyone else keeps theirs (mode d)."""

import numpy as np

from tandem.matching.engine.criteria import MatchConfig
from tandem.matching.engine.features import ForbiddenReason, MatchInput, pairs_matrix
from tandem.matching.engine.solver import DEFAULT_K, Allocation, allocate


def rematch(
    data: MatchInput,
    config: MatchConfig,
    *,
    current: np.ndarray,
    mentees: np.ndarray,
    avoid_current: bool = True,
    k: int = DEFAULT_K,
) -> Allocation:
    """Mode (d): rematch `mentees`, keeping everyone else's current mentor fixed.

    `current` is the mentor row per mentee (−1 none). Kept pairs use up their mentors'
    places; a rematched mentee is not offered the mentor they are leaving (seed 002 §4.3.4:
    mentees must be able to change mentor).
    """
    mentees = np.unique(np.asarray(mentees, dtype=np.int64))
    moving = np.zeros(current.size, dtype=bool)
    moving[mentees] = True
    staying = np.flatnonzero(~moving & (current >= 0))
    locked = np.column_stack([staying, current[staying]])
    leaving = mentees[current[mentees] >= 0]
    if avoid_current and leaving.size:
        extra = pairs_matrix(
            leaving,
            current[leaving],
            np.full(leaving.size, ForbiddenReason.PREVIOUS_MATCH, dtype=np.int32),
            data.shape,
            dtype=np.int32,
        )
        data = data.with_forbidden(extra)
    return allocate(data, config, rows=mentees, locked=locked, k=k)
