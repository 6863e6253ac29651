"""Report tables and the one small-group suppression rule every view and export uses.

DESIGN.md: aggregates only, with groups of fewer than 5 people suppressed. Every table a
page, CSV or PDF shows is built as a `Table` and passed through `suppress_small_groups`
(the reports package does it for every table it returns), so the rule lives here and only here.
"""

from dataclasses import dataclass, field, replace

MIN_GROUP_SIZE = 5
SUPPRESSED = "Suppressed (fewer than 5)"


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


def is_small_group(n: int) -> bool:
    return n < MIN_GROUP_SIZE


def suppress_small_groups(table: Table) -> Table:
    """Replace every figure in a row about fewer than 5 people with the suppression note."""
    rows = tuple(
        replace(row, values=tuple(SUPPRESSED for _ in row.values), is_suppressed=True)
        if is_small_group(row.n)
        else row
        for row in table.rows
    )
    return replace(table, rows=rows)


def fmt(value: float | None, places: int = 2) -> str:
    if value is None:
        return "Not enough data"
    return f"{value:.{places}f}"


def interval(low: float | None, high: float | None, places: int = 2) -> str:
    if low is None or high is None:
        return "Not enough data"
    return f"{low:.{places}f} to {high:.{places}f}"


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
