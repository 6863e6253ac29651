"""An independent exact reference: scipy's linear_sum_assignment on the dense problem.

Capacities become one column per place, and each mentee gets a private "unplaced" column
worth 0, with every real pair worth score + penalty, so the optimum is the same objective
the engine maximises: total points − penalty × unplaced.
"""

import numpy as np
from scipy.optimize import linear_sum_assignment

from tandem.matching.engine.scoring import INELIGIBLE, SCORE_POINTS, Scorer


def exact_objective(scorer: Scorer, rows: np.ndarray, capacity: np.ndarray, penalty: int) -> int:
    if rows.size == 0:
        return 0
    points = scorer.block(rows).astype(np.int64)
    places = np.repeat(np.arange(scorer.num_mentors), np.maximum(capacity, 0))
    # Any negative value keeps a barred pair out (the mentee's "unplaced" column is worth
    # 0); a modest one keeps scipy's float64 potentials exact, where 1e15 would not.
    barred = -(penalty + SCORE_POINTS + 1)
    value = np.where(points[:, places] == INELIGIBLE, barred, points[:, places] + penalty)
    value = np.concatenate([value, np.zeros((rows.size, rows.size), dtype=np.int64)], axis=1)
    chosen_rows, chosen_columns = linear_sum_assignment(value, maximize=True)
    return int(value[chosen_rows, chosen_columns].sum()) - penalty * rows.size
