"""Writes for relationships, split by topic: lifecycle, agreement, record."""

from tandem.services import EditConflictError

__all__ = ["EditConflictError"]
