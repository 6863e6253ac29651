"""Subjects and languages, loaded by a data migration so every installation shares the keys."""

from django.apps.registry import Apps

SUBJECTS = [
    ("art-design", "Art and design"),
    ("biology", "Biology"),
    ("business", "Business studies"),
    ("chemistry", "Chemistry"),
    ("citizenship", "Citizenship"),
    ("classics", "Classics"),
    ("computing", "Computing"),
    ("dance", "Dance"),
    ("design-technology", "Design and technology"),
    ("drama", "Drama"),
    ("early-reading", "Early reading and phonics"),
    ("economics", "Economics"),
    ("english", "English"),
    ("eal", "English as an additional language"),
    ("food", "Food and nutrition"),
    ("geography", "Geography"),
    ("history", "History"),
    ("languages", "Modern foreign languages"),
    ("mathematics", "Mathematics"),
    ("media", "Media studies"),
    ("music", "Music"),
    ("pe", "Physical education"),
    ("physics", "Physics"),
    ("primary-curriculum", "Primary curriculum (all subjects)"),
    ("psychology", "Psychology"),
    ("pshe", "PSHE and RSE"),
    ("religious-education", "Religious education"),
    ("science", "Science"),
    ("send", "Special educational needs and disabilities"),
    ("sociology", "Sociology"),
    ("social-work", "Social work practice"),
    ("health-practice", "Health practice"),
    ("creative-practice", "Creative and cultural practice"),
    ("leadership", "Leadership and management"),
]

LANGUAGES = [
    ("en", "English"),
    ("cy", "Welsh"),
    ("gd", "Scottish Gaelic"),
    ("ga", "Irish"),
    ("bfi", "British Sign Language"),
    ("pl", "Polish"),
    ("ro", "Romanian"),
    ("pa", "Panjabi"),
    ("ur", "Urdu"),
    ("bn", "Bengali"),
    ("gu", "Gujarati"),
    ("ar", "Arabic"),
    ("pt", "Portuguese"),
    ("es", "Spanish"),
    ("fr", "French"),
    ("de", "German"),
    ("it", "Italian"),
    ("so", "Somali"),
    ("ta", "Tamil"),
    ("tr", "Turkish"),
    ("zh", "Chinese"),
    ("lt", "Lithuanian"),
]


def load(apps: Apps) -> None:
    """Create or update subjects and languages; `apps` is a migration's registry or django.apps."""
    subject_model = apps.get_model("people", "Subject")
    language_model = apps.get_model("people", "Language")
    for key, name in SUBJECTS:
        subject_model.objects.update_or_create(key=key, defaults={"name": name})
    for code, name in LANGUAGES:
        language_model.objects.update_or_create(code=code, defaults={"name": name})
