"""Figures a case study may cite from its programme's stored report.

The report (tandem.evaluation) is stored as a snapshot of tables whose rows say how many
people each rests on (`Row.n`) and whether they were suppressed. A cell may be cited only
from a row about 5 or more people that is shown in the report; the check is made again
when the case study is published, against the report as it then stands.
"""

from dataclasses import dataclass

from tandem.evaluation.models import ReportSnapshot
from tandem.evaluation.tables import MIN_GROUP_SIZE, Table, is_small_group, table_from_json
from tandem.programmes.models import Programme


@dataclass(frozen=True)
class Citable:
    table_key: str
    table_title: str
    row_label: str
    column: str
    value: str
    num_people: int

    @property
    def ref(self) -> str:
        """The form's value for this cell."""
        return f"{self.table_key}|{self.row_label}|{self.column}"


def stored_tables(programme: Programme) -> tuple[list[Table], ReportSnapshot | None]:
    """The programme's last computed report tables (none before the first computation)."""
    snapshot = ReportSnapshot.objects.filter(programme=programme).first()
    if snapshot is None or not snapshot.tables or snapshot.computed_at is None:
        return [], snapshot
    return [table_from_json(data) for data in snapshot.tables], snapshot


def citable_cells(tables: list[Table]) -> list[Citable]:
    """Every cell of a shown row about 5 or more people."""
    cells = []
    for table in tables:
        for row in table.rows:
            if row.is_suppressed or is_small_group(row.n):
                continue
            for column, value in zip(table.columns[1:], row.values, strict=False):
                cells.append(Citable(table.key, table.title, row.label, column, str(value), row.n))
    return cells


def find_cell(
    tables: list[Table], table_key: str, row_label: str, column: str
) -> tuple[str, int, bool] | None:
    """(value, people, suppressed) of one cell, or None if the report has no such cell."""
    for table in tables:
        if table.key != table_key:
            continue
        for row in table.rows:
            if row.label != row_label:
                continue
            for name, value in zip(table.columns[1:], row.values, strict=False):
                if name == column:
                    return str(value), row.n, row.is_suppressed
    return None


MIN_PEOPLE = MIN_GROUP_SIZE  # the disclosure rule (tandem.evaluation.disclosure)
