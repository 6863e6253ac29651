"""The greedy baseline commercial platforms use: best pair first until places run out.

Used only by tests and the benchmark, to show what the optimal allocation gains.
"""

import numpy as np


def greedy_allocate(
    num_mentees: int,
    mentee: np.ndarray,
    mentor: np.ndarray,
    points: np.ndarray,
    capacity: np.ndarray,
) -> np.ndarray:
    """Mentor per mentee (−1 unplaced), taking edges in descending score order."""
    assigned = np.full(num_mentees, -1, dtype=np.int64)
    places = capacity.astype(np.int64).copy()
    order = np.argsort(-points, kind="stable")
    left = num_mentees
    for edge_mentee, edge_mentor in zip(
        mentee[order].tolist(), mentor[order].tolist(), strict=True
    ):
        if assigned[edge_mentee] < 0 and places[edge_mentor] > 0:
            assigned[edge_mentee] = edge_mentor
            places[edge_mentor] -= 1
            left -= 1
            if left == 0:
                break
    return assigned
