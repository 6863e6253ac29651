"""Matching pages by topic: the programme's matching page, runs under review, and choosing."""
