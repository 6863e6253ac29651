"""Shared by every CSV and XLSX export: neutralise spreadsheet formula injection.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return that hides
one) as a formula, so a name like `=HYPERLINK(...)` typed into Tandem could act on the
computer of whoever opens an export. Every exported cell goes through `neutralise`.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell's text, prefixed with a single quote if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
