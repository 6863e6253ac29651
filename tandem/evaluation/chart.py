"""Server-rendered SVG bar charts drawn from a report table (no scripts: the CSP forbids
them). Built from the suppressed table, so a suppressed row draws no bar; the page shows
the table beside each chart."""

from dataclasses import dataclass

from tandem.evaluation.tables import Table
from tandem.framework.chart import Bar

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 50, 10, 20, 60
# At least 3:1 contrast on white (WCAG 1.4.11 non-text contrast).
COLOURS = ["#00527a", "#b3261e"]


@dataclass
class Chart:
    width: int
    height: int
    left: int
    baseline: float
    bars: list[Bar]
    x_labels: list[tuple[float, str]]
    legend: list[tuple[str, str, int]]
    top_label: str


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    return None


def bar_chart(table: Table, columns: list[int]) -> Chart:
    """Bars for the given value columns (indexes into each row's values) of every row."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    rows = table.rows[-12:]
    peak = max([_number(row.values[index]) or 0 for row in rows for index in columns] + [1.0])
    group_width = plot_width / max(len(rows), 1)
    bar_width = min(24.0, (group_width - 6) / len(columns))
    bars, labels = [], []
    for row_index, row in enumerate(rows):
        group_left = LEFT + row_index * group_width + (group_width - bar_width * len(columns)) / 2
        labels.append(
            (round(LEFT + (row_index + 0.5) * group_width, 1), row.label[:3] + row.label[-2:])
        )
        for series, index in enumerate(columns):
            value = _number(row.values[index])
            if value is None:
                continue
            height = plot_height * value / peak
            bars.append(
                Bar(
                    round(group_left + series * bar_width, 1),
                    round(baseline - height, 1),
                    round(bar_width - 2, 1),
                    round(height, 1),
                    COLOURS[series % len(COLOURS)],
                    f"{row.label}: {table.columns[index + 1]} {value:g}",
                )
            )
    legend = [
        (table.columns[index + 1], COLOURS[series % len(COLOURS)], LEFT + series * 200)
        for series, index in enumerate(columns)
    ]
    return Chart(WIDTH, HEIGHT, LEFT, baseline, bars, labels, legend, f"{peak:g}")
