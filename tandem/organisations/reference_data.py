"""Education phases, loaded by a data migration so every installation shares the keys."""

PHASES = [
    ("early-years", "Early years"),
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("post-16", "Post-16 and further education"),
    ("special", "Special and alternative provision"),
    ("all-through", "All-through"),
    ("higher-education", "Higher education"),
    ("not-phase-specific", "Not phase-specific"),
]
