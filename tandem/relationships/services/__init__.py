"""Writes for relationships, split by topic: lifecycle, agreement, record."""


class EditConflictError(Exception):
    """Someone else saved the same agreement, goal or summary while this person was editing."""
