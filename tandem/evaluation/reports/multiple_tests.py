"""Many tests, honestly: one report runs a test per impact item, association and
dose–response row, and with a dozen tests on data with no effect at all one of them will
often come out "significant". So every p-value the report shows is also given adjusted
for all the tests shown (Benjamini–Hochberg, which controls the false discovery rate),
and each table that has tests says how many the report ran."""

from dataclasses import replace

from tandem.evaluation import stats
from tandem.evaluation.reports.impact import ADJUSTED_P, P_VALUES
from tandem.evaluation.tables import Table, format_p


def adjust_across_report(tables: list[Table]) -> list[Table]:
    """The tables with the adjusted p-value column filled in for every shown test (rows
    already suppressed are not shown, so they are not counted)."""
    shown = [
        (table_index, row_index, p_value)
        for table_index, table in enumerate(tables)
        for row_index, p_value in table.extra.get(P_VALUES, {}).items()
        if not table.rows[row_index].is_suppressed
    ]
    adjusted = stats.adjust_p_values([p_value for _t, _r, p_value in shown])
    by_table: dict[int, dict[int, float]] = {}
    for (table_index, row_index, _p_value), q_value in zip(shown, adjusted, strict=True):
        by_table.setdefault(table_index, {})[row_index] = q_value
    num_tests = len(shown)
    result = []
    for table_index, table in enumerate(tables):
        if P_VALUES not in table.extra:
            result.append(table)
            continue
        column = table.columns.index(ADJUSTED_P) - 1  # the first column labels the rows
        adjusted_here = by_table.get(table_index, {})
        rows = tuple(
            replace(row, values=_with(row.values, column, format_p(adjusted_here[index])))
            if index in adjusted_here
            else row
            for index, row in enumerate(table.rows)
        )
        note = (
            f"{table.note} This report shows {num_tests} statistical "
            f"test{'s' if num_tests != 1 else ''} in all; the adjusted p-values allow for "
            "every one of them (Benjamini–Hochberg false discovery rate). Read a result as "
            "a finding only when its adjusted p-value is below 0.05. Intervals are not "
            "adjusted."
        )
        # The raw p-values have done their work: the stored snapshot keeps only what is shown.
        extra = {key: value for key, value in table.extra.items() if key != P_VALUES}
        result.append(replace(table, rows=rows, note=note, extra=extra))
    return result


def _with(values: tuple[object, ...], column: int, value: object) -> tuple[object, ...]:
    return (*values[:column], value, *values[column + 1 :])
