"""Server-rendered SVG bar chart of outcome ratings across review cycles (no scripts: the
CSP forbids them). The page always shows the same numbers in a data table beside it."""

from dataclasses import dataclass

from tandem.framework.models import Review, ReviewOutcome
from tandem.framework.models.review import RATING_LEVELS

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 130, 10, 20, 60
# Each colour has at least 3:1 contrast on white (WCAG 1.4.11 non-text contrast).
CYCLE_COLOURS = ["#00527a", "#b3261e", "#1d6b35", "#6b3fa0", "#8a5300", "#1b1f24"]
SHORT_AREAS = {
    "ethos": "Ethos",
    "roles": "Roles",
    "skills": "Skills",
    "support": "Support",
    "cpd": "CPD",
}


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    plot_right: int
    baseline: float
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    legend: list[tuple[str, str, int]]


def build_chart(chain: list[Review]) -> Chart:
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    max_level = len(RATING_LEVELS)
    areas = ReviewOutcome.Area.choices
    group_width = plot_width / len(areas)
    shown = chain[-len(CYCLE_COLOURS) :]
    bar_width = min(28.0, (group_width - 16) / max(len(shown), 1))
    bars = []
    for area_index, (area, label) in enumerate(areas):
        group_left = LEFT + area_index * group_width + (group_width - bar_width * len(shown)) / 2
        for cycle_index, review in enumerate(shown):
            outcome = next((o for o in review.outcomes.all() if o.area == area), None)
            level = outcome.rating_level if outcome else 0
            height = plot_height * level / max_level
            rating = outcome.get_rating_display() if outcome and outcome.rating else "not rated"
            bars.append(
                Bar(
                    x=round(group_left + cycle_index * bar_width, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width - 2, 1),
                    height=round(height, 1),
                    colour=CYCLE_COLOURS[cycle_index],
                    label=f"{label}, cycle {review.cycle}: {rating}",
                )
            )
    y_ticks = [Tick(position=baseline, label="Not rated")] + [
        Tick(position=round(baseline - plot_height * level / max_level, 1), label=label)
        for level, (_value, label) in enumerate(ReviewOutcome.Rating.choices, start=1)
    ]
    x_ticks = [
        Tick(position=round(LEFT + (index + 0.5) * group_width, 1), label=SHORT_AREAS[area])
        for index, (area, _label) in enumerate(areas)
    ]
    legend = [
        (f"Cycle {review.cycle}", CYCLE_COLOURS[index], LEFT + index * 90)
        for index, review in enumerate(shown)
    ]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, baseline, bars, y_ticks, x_ticks, legend)
