"""Disclosure control: which figures about groups of people may be shown.

DESIGN.md: aggregates count distinct people, and a figure about fewer than 5 people is
never shown, nor recoverable from what is shown. Two rules, applied to every table:

- **Primary suppression:** a row about fewer than `MIN_GROUP_SIZE` people is hidden.
- **Complementary suppression:** when the rows add up to a total that is shown or can be
  worked out elsewhere (the organisations of a partnership add up to the programme, the
  months to the programme so far), hiding one row is not enough: the total minus the
  others gives it back. So while the hidden rows together cover fewer than
  `MIN_GROUP_SIZE` people, the next smallest shown row is hidden too (rows about nobody
  reveal nothing and need no cover). The total then
  yields only the sum over the hidden rows, which is about 5 or more people. If every row
  together is about fewer than 5 people, everything (total included) is hidden.

Plain functions on sizes, without Django, so the rules are tested on their own (property
tests check that no hidden row can be solved for from the shown rows and the total).
"""

from collections.abc import Callable, Collection, Sequence

MIN_GROUP_SIZE = 5


def is_small_group(n: int) -> bool:
    return n < MIN_GROUP_SIZE


def rows_to_suppress(
    sizes: Sequence[int],
    *,
    is_additive: bool = False,
    people_in: Callable[[Collection[int]], int] | None = None,
) -> set[int]:
    """Indexes of the rows to hide, given the number of people behind each row.

    `is_additive`: the rows sum to a total someone can see, so apply complementary
    suppression. `people_in(indexes)` counts the distinct people behind several rows
    together; by default the rows are taken to be disjoint groups (the sum of sizes). Pass
    it when one person can be in several rows (months, rounds), so the hidden rows
    together are counted as people, not as people-months.
    """
    hidden = {index for index, size in enumerate(sizes) if is_small_group(size)}
    if not is_additive or not hidden:
        return hidden
    count = people_in or (lambda indexes: sum(sizes[index] for index in indexes))
    # The smallest shown rows first: hiding them costs the reader least.
    candidates = sorted(
        (index for index in range(len(sizes)) if index not in hidden),
        key=lambda index: (sizes[index], index),
    )
    # Rows about nobody disclose nothing and need no cover. One hidden row of 5 or more
    # people cannot happen (it would not be small), so a covered group has two rows or more.
    covered = count(hidden)
    while 0 < covered < MIN_GROUP_SIZE:
        if not candidates:
            return set(range(len(sizes)))
        hidden.add(candidates.pop(0))
        covered = count(hidden)
    return hidden


def total_is_shown(sizes: Sequence[int], hidden: Collection[int]) -> bool:
    """Whether a total over these rows may be shown: it must be about 5 or more people,
    and never the only thing hiding a single row (rows_to_suppress ensures that)."""
    return not is_small_group(sum(sizes)) and len(hidden) != len(sizes)
