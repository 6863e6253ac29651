"""docs/asvs-l2.csv, the OWASP ASVS 5.0 level-2 matrix a trust's IT lead signs off: every
requirement has one row and a status, and every test it cites exists.

Statuses: `test` (evidence: pytest node ids, separated by " ; "), `control` (evidence: the
control, in words) or `n/a` (evidence: why it does not apply).
"""

import csv
import re
import subprocess
import sys

import pytest
from django.conf import settings

MATRIX = settings.BASE_DIR / "docs" / "asvs-l2.csv"
COLUMNS = ["id", "level", "requirement", "status", "evidence"]
STATUSES = {"test", "control", "n/a"}
REQUIREMENT_ID = re.compile(r"V\d{1,2}\.\d{1,2}\.\d{1,2}")
# Level 1 has 70 requirements and level 2 adds 183 (ASVS 5.0.0).
LEVEL_COUNTS = {"1": 70, "2": 183}


def read_matrix(path=MATRIX) -> list[dict[str, str]]:
    with path.open(newline="") as matrix:
        reader = csv.DictReader(matrix)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def problems(rows: list[dict[str, str]]) -> list[str]:
    """What is wrong with the rows, one sentence each: nothing, when the matrix is sound."""
    found = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        where = f"line {number} ({row['id'] or 'no id'})"
        if not REQUIREMENT_ID.fullmatch(row["id"] or ""):
            found.append(f"{where}: the id is not a requirement id like V1.2.3.")
        if row["id"] in seen:
            found.append(f"{where}: the requirement appears twice.")
        seen.add(row["id"])
        if row["level"] not in LEVEL_COUNTS:
            found.append(f"{where}: the level must be 1 or 2.")
        if not (row["requirement"] or "").strip():
            found.append(f"{where}: the requirement is not described.")
        if row["status"] not in STATUSES:
            found.append(f"{where}: the status must be one of {sorted(STATUSES)}.")
        if not (row["evidence"] or "").strip():
            found.append(f"{where}: a {row['status'] or 'row'} needs its evidence.")
    return found


def cited_tests(rows: list[dict[str, str]]) -> set[str]:
    return {
        node.strip()
        for row in rows
        if row["status"] == "test"
        for node in row["evidence"].split(";")
        if node.strip()
    }


def collected(node_ids: set[str]) -> set[str]:
    """The node ids pytest collects from the cited files (parametrised tests by name)."""
    files = sorted({node.split("::", 1)[0] for node in node_ids})
    present = [name for name in files if (settings.BASE_DIR / name).is_file()]
    if not present:
        return set()
    result = subprocess.run(  # noqa: S603 - our own interpreter and the matrix's file names
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            *present,
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return {line.split("[", 1)[0] for line in result.stdout.splitlines() if "::" in line}


def test_every_row_has_an_id_a_status_and_evidence():
    assert problems(read_matrix()) == []


def test_every_level_one_and_two_requirement_has_a_row():
    rows = read_matrix()
    by_level = {level: sum(row["level"] == level for row in rows) for level in LEVEL_COUNTS}
    assert by_level == LEVEL_COUNTS


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ({"status": "", "evidence": "x"}, "the status must be one of"),
        ({"status": "planned", "evidence": "x"}, "the status must be one of"),
        ({"status": "control", "evidence": " "}, "needs its evidence"),
        ({"id": "1.2.3"}, "not a requirement id"),
        ({"level": "3"}, "the level must be 1 or 2"),
    ],
)
def test_a_row_without_a_status_or_evidence_is_caught(row, complaint):
    sound = {"id": "V1.2.3", "level": "1", "requirement": "r", "status": "n/a", "evidence": "why"}
    [found] = problems([sound | row])
    assert complaint in found


def test_a_repeated_requirement_is_caught():
    row = {"id": "V1.2.3", "level": "1", "requirement": "r", "status": "n/a", "evidence": "why"}
    [found] = problems([row, row])
    assert "appears twice" in found


def test_every_cited_test_exists():
    cited = cited_tests(read_matrix())
    assert cited
    assert sorted(cited - collected(cited)) == []


def test_a_cited_test_that_does_not_exist_is_caught():
    real = "tandem/tests/test_asvs_matrix.py::test_a_repeated_requirement_is_caught"
    missing = {
        "tandem/tests/test_asvs_matrix.py::test_that_was_never_written",
        "tandem/tests/no_such_file.py::test_anything",
    }
    assert collected({real, *missing}) & ({real} | missing) == {real}
