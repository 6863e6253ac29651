"""Relationship views, split by topic: lifecycle, agreement, goals, record, pages."""
