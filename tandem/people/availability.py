"""Weekly availability as a bit mask: one bit per weekday and part of the day.

A mask keeps a profile's availability in one integer column, and lets matching count shared
slots for many pairs at once with a bitwise AND.
"""

DAYS = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
]
PARTS = [
    ("before", "before school or work"),
    ("day", "during the day"),
    ("after", "after school or work"),
]

SLOTS: list[tuple[str, str]] = [
    (f"{day}-{part}", f"{day_label} {part_label}")
    for day, day_label in DAYS
    for part, part_label in PARTS
]
SLOT_BITS = {code: 1 << index for index, (code, _label) in enumerate(SLOTS)}
ALL_SLOTS_MASK = (1 << len(SLOTS)) - 1


def mask_from_codes(codes: list[str]) -> int:
    unknown = [code for code in codes if code not in SLOT_BITS]
    if unknown:
        message = f"Unknown availability slot(s): {', '.join(unknown)}."
        raise ValueError(message)
    mask = 0
    for code in codes:
        mask |= SLOT_BITS[code]
    return mask


def codes_from_mask(mask: int) -> list[str]:
    return [code for code, bit in SLOT_BITS.items() if mask & bit]


def labels_from_mask(mask: int) -> list[str]:
    labels = dict(SLOTS)
    return [labels[code] for code in codes_from_mask(mask)]
