"""Relationship views, split by topic: lifecycle, record, pages."""
