"""The disclosure rules on their own: no suppressed row can be recovered from the rows
shown and their total, checked by linear algebra over many adversarial tables."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.evaluation.disclosure import MIN_GROUP_SIZE, rows_to_suppress, total_is_shown
from tandem.evaluation.tables import SUPPRESSED, Row, Table, suppress_small_groups

# Sizes that make suppression hard: many small groups, zeros, exactly 4 and 5.
sizes_strategy = st.lists(st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=1, max_size=12)


def _recoverable(shown: set[int], num_rows: int, target: np.ndarray) -> bool:
    """Whether `target`·x is determined by the shown rows' values and the total: it lies
    in the span of their unit vectors and the all-ones vector."""
    known = [np.eye(num_rows)[index] for index in sorted(shown)] + [np.ones(num_rows)]
    basis = np.array(known)
    return np.linalg.matrix_rank(np.vstack([basis, target])) == np.linalg.matrix_rank(basis)


@settings(max_examples=300, deadline=None)
@given(sizes_strategy)
def test_no_suppressed_row_about_anyone_can_be_recovered_from_the_total(sizes):
    hidden = rows_to_suppress(sizes, is_additive=True)
    shown = set(range(len(sizes))) - hidden
    # Every small group is hidden.
    assert {index for index, size in enumerate(sizes) if size < MIN_GROUP_SIZE} <= hidden
    for index in hidden:
        if sizes[index] == 0:
            continue  # a row about nobody reveals nothing
        unit = np.eye(len(sizes))[index]
        recoverable = _recoverable(shown, len(sizes), unit)
        # Recoverable only if it is the whole hidden group and that is 5 or more people
        # (never, since a hidden row is small) or everything is hidden and the total is too.
        assert not recoverable or not total_is_shown(sizes, hidden)
    # What the total does give away, the sum over the hidden rows, is about 5 or more
    # people (or about nobody), unless everything is hidden and the total with it.
    about = sum(sizes[index] for index in hidden)
    if total_is_shown(sizes, hidden):
        assert about == 0 or about >= MIN_GROUP_SIZE


@settings(max_examples=200, deadline=None)
@given(sizes_strategy)
def test_complementary_suppression_hides_as_little_as_it_must(sizes):
    hidden = rows_to_suppress(sizes, is_additive=True)
    primary = {index for index, size in enumerate(sizes) if size < MIN_GROUP_SIZE}
    extra = hidden - primary
    if hidden == set(range(len(sizes))) and sum(sizes) < MIN_GROUP_SIZE:
        return
    # At most one more row, and the smallest shown one.
    assert len(extra) <= 1
    if extra:
        (added,) = extra
        assert sizes[added] == min(sizes[index] for index in set(range(len(sizes))) - primary)
        assert 0 < sum(sizes[index] for index in primary) < MIN_GROUP_SIZE


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sets(st.integers(0, 9), max_size=10), min_size=1, max_size=8),
)
def test_overlapping_rows_are_covered_by_distinct_people(groups):
    """Rows such as months share people: the hidden rows together must cover 5 people."""
    sizes = [len(group) for group in groups]

    def people_in(indexes):
        return len(set().union(*(groups[index] for index in indexes)))

    hidden = rows_to_suppress(sizes, is_additive=True, people_in=people_in)
    covered = people_in(hidden)
    assert covered == 0 or covered >= MIN_GROUP_SIZE or hidden == set(range(len(groups)))


def test_without_a_total_only_small_groups_are_hidden():
    assert rows_to_suppress([3, 10, 12]) == {0}


def test_one_small_organisation_is_covered_by_the_next_smallest():
    assert rows_to_suppress([3, 12, 8, 40], is_additive=True) == {0, 2}


def test_two_small_organisations_that_together_make_five_need_no_cover():
    assert rows_to_suppress([2, 3, 8, 40], is_additive=True) == {0, 1}


def test_everything_is_hidden_when_everyone_together_is_fewer_than_five():
    assert rows_to_suppress([1, 2], is_additive=True) == {0, 1}
    assert not total_is_shown([1, 2], {0, 1})


def test_a_table_notes_why_a_large_row_is_suppressed():
    table = Table(
        "t",
        "T",
        ("Organisation", "Meetings"),
        (Row("Small", (7,), 3), Row("Middle", (30,), 6), Row("Large", (90,), 20)),
        note="Organisations with fewer than 5 relationships are suppressed.",
    )
    suppressed = suppress_small_groups(table, is_additive=True)
    assert [row.values for row in suppressed.rows] == [(SUPPRESSED,), (SUPPRESSED,), (90,)]
    assert "cannot be worked out from the total" in suppressed.note
    assert suppress_small_groups(table).rows[1].values == (30,)
