"""Report tables, and the disclosure rules (tandem.evaluation.disclosure) applied to them.

DESIGN.md: aggregates only, counting distinct people, with groups of fewer than 5 people
suppressed and complementary suppression where rows add up to a total. Every table a page,
CSV, PDF or the API shows is built as a `Table` and passed through `suppress_small_groups`
(the reports package does it for every table it returns), so the rule lives in one place.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

from tandem.evaluation.disclosure import MIN_GROUP_SIZE, is_small_group, rows_to_suppress

__all__ = ["MIN_GROUP_SIZE", "SUPPRESSED", "Row", "Table", "is_small_group"]

SUPPRESSED = "Suppressed (fewer than 5)"
COVER_NOTE = (
    "Another row is suppressed too, so that a suppressed figure cannot be worked out "
    "from the total."
)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[object, ...]
    n: int  # people (or relationships) behind the figures in this row
    is_suppressed: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[str, ...]  # the first names the label column
    rows: tuple[Row, ...]
    note: str = ""
    caution: str = ""
    extra: dict = field(default_factory=dict)


def suppress_small_groups(
    table: Table,
    *,
    is_additive: bool = False,
    people_in: Callable[[Collection[int]], int] | None = None,
) -> Table:
    """Replace every figure in a row about fewer than 5 people with the suppression note;
    with `is_additive` (the rows add up to a total shown or worked out elsewhere), also the
    rows that must be hidden so none of those can be recovered by subtraction."""
    sizes = [row.n for row in table.rows]
    hidden = rows_to_suppress(sizes, is_additive=is_additive, people_in=people_in)
    rows = tuple(
        replace(row, values=tuple(SUPPRESSED for _ in row.values), is_suppressed=True)
        if index in hidden
        else row
        for index, row in enumerate(table.rows)
    )
    covered = any(not is_small_group(table.rows[index].n) for index in hidden)
    note = f"{table.note} {COVER_NOTE}".strip() if covered else table.note
    return replace(table, rows=rows, note=note)


NOT_COMPUTABLE = "Not computable"


def _number(value: float, places: int) -> str:
    """Fixed places, never "-0.00": a value that rounds to zero is shown as zero."""
    text = f"{value:.{places}f}"
    return f"{0:.{places}f}" if float(text) == 0 else text


def fmt(value: float | None, places: int = 2) -> str:
    if value is None:
        return NOT_COMPUTABLE
    return _number(value, places)


def interval(low: float | None, high: float | None, places: int = 2) -> str:
    if low is None or high is None:
        return NOT_COMPUTABLE
    return f"{_number(low, places)} to {_number(high, places)}"


def format_p(p_value: float | None) -> str:
    """A p-value to 3 places, and "< 0.001" rather than "0.000"."""
    if p_value is None:
        return NOT_COMPUTABLE
    if p_value < 0.001:
        return "< 0.001"
    return f"{p_value:.3f}"


def percent(part: float, whole: float) -> str:
    if not whole:
        return "None"
    return f"{100 * part / whole:.0f}%"


def table_to_json(table: Table) -> dict:
    """A table as JSON for the stored report snapshot (values are str, int or float)."""
    return {
        "key": table.key,
        "title": table.title,
        "columns": list(table.columns),
        "rows": [[row.label, list(row.values), row.n, row.is_suppressed] for row in table.rows],
        "note": table.note,
        "caution": table.caution,
    }


def table_from_json(data: dict) -> Table:
    return Table(
        key=data["key"],
        title=data["title"],
        columns=tuple(data["columns"]),
        rows=tuple(
            Row(label, tuple(values), n, is_suppressed)
            for label, values, n, is_suppressed in data["rows"]
        ),
        note=data["note"],
        caution=data["caution"],
    )
