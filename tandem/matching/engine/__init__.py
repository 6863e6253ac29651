"""The matching engine: scoring, candidate graphs, min-cost flow, certificates, shortlists,
rematches, explanations and reports over plain arrays.

No Django here (an import-linter contract forbids it): `tandem.matching.adapter` builds the
engine's input from the database and the services store what it returns.
"""
