"""After erasure, no page, export or API response returns the erased person's data.

For every app's permission matrix, the test builds that matrix's cast, plants canary
strings in the records of one person (name, email, profile text, a goal, a private note,
an uploaded file), runs every case as every role and checks the canaries can be seen (so
the sweep can fail), erases the person, and runs every case again: no response may hold
any canary.
"""

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.utils import timezone

import tandem
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.privacy.services.erasure import erase_person
from tandem.relationships.models import Conversation, EvidenceItem, PrivateNote, Relationship
from tandem.relationships.services import record

NAME = "Zephyrine Quillwort"
EMAIL = "zephyrine.quillwort@example.org"
BIO = "Canary bio: bladderwort and sundew."
GOAL = "Canary goal: marsh saxifrage"
NOTE = "Canary note: butterwort"
FILE = b"%PDF-1.4 canary file: sphagnum"
CANARIES = [NAME, EMAIL, "Zephyrine", BIO, GOAL, NOTE, FILE.decode()[9:]]

# The person erased in each matrix's cast: the one whose records its pages show.
SUBJECTS = {
    "people": "owner",
    "framework": "reviewer",
    "matching_groups": "learner",
    "casestudies": "author",
    "resources": "member",  # library: Mel, who answered "Was this useful?"
    # Research: a team member (the study's pages list the team and the coders' work), and a
    # participant (the lead's participants page names them).
    "research": "coder",
    "research_rsdata": "participant",
    "research_rscoding": "coder",
    "research_rsanalysis": "coder",  # (aggregates only: below)
    "research_rsqdpx": "coder",  # (aggregates only: below)
    "evidence": "reviewer",
    "impact": "researcher",
}
FILE_CANARY = FILE.decode()[9:]
# Matrices whose pages show these canaries before erasure (the record's own pages).
MUST_SEE = {
    "people": {NAME, EMAIL, BIO, FILE_CANARY},
    "relationships": {NAME, GOAL, NOTE, FILE_CANARY},
}
# Matrices whose pages show no one's records (aggregates; notices and one's own consent;
# the resource library, which shows "Was this useful?" counts, never who answered):
# no canary is seen even before erasure.
# Research findings and interchange pages name participants by pseudonym only and the
# interchange files' coders are not read as pages.
AGGREGATES_ONLY = {
    "evaluation",
    "privacy_consent",
    "resources",
    "research_rsanalysis",
    "research_rsqdpx",
}
# Matrices whose pages show nobody's records: the load balancers' health probes, and
# "Stay signed in", which only answers the caller.
NOBODY = {
    "tandem.operations.tests.test_permission_matrix",
    "tandem.accounts.tests.test_permission_matrix",
}


def _matrices() -> list[str]:
    """Every permission-matrix module that builds its own cast."""
    names = []
    for module in pkgutil.iter_modules(tandem.__path__):
        tests = Path(tandem.__path__[0]) / module.name / "tests"
        for path in sorted(tests.glob("test_permission_matrix*.py")):
            name = f"tandem.{module.name}.tests.{path.stem}"
            if name not in NOBODY and hasattr(importlib.import_module(name), "cast_for_module"):
                names.append(name)
    return names


def _cases(matrix) -> list:
    """A matrix module's cases: `CASES`, or a topic module's `<TOPIC>_CASES`."""
    if hasattr(matrix, "CASES"):
        return matrix.CASES
    (cases,) = [value for name, value in vars(matrix).items() if name.endswith("_CASES")]
    return cases


def _key(matrix_name: str) -> str:
    """ "relationships" for its matrix, "privacy_audit" for a topic module's."""
    app, _tests, module = matrix_name.split(".")[1:]
    return f"{app}{module.removeprefix('test_permission_matrix')}"


def _overwrite(stored) -> None:
    """Put the file canary in an uploaded file the cast's URLs already point at."""
    stored.storage.delete(stored.name)
    assert stored.storage.save(stored.name, ContentFile(FILE)) == stored.name


def _plant(subject) -> set[str]:
    """Write the canaries into the subject's records; returns those planted."""
    subject.full_name = NAME
    subject.email = EMAIL
    subject.save(update_fields=["full_name", "email"])
    EmailAddress.objects.filter(user=subject).update(email=EMAIL)
    planted = {NAME, EMAIL, "Zephyrine"}
    profile, _created = Profile.objects.get_or_create(
        user=subject, defaults={"career_stage": Profile.CareerStage.EXPERIENCED}
    )
    profile.bio = BIO
    profile.save(update_fields=["bio"])
    planted.add(BIO)
    for training in MentorTrainingRecord.objects.filter(profile=profile).exclude(evidence_file=""):
        _overwrite(training.evidence_file)
    relationship = Relationship.objects.filter(members__user=subject).first()
    if relationship is None:
        MentorTrainingRecord.objects.create(
            profile=profile,
            course="Coaching",
            provider="Hub",
            completed_on=timezone.localdate(),
            hours=3,
            evidence_file=SimpleUploadedFile("canary.pdf", FILE, "application/pdf"),
        )
        return planted | {FILE_CANARY}
    record.add_goal(
        actor=subject,
        relationship=relationship,
        fields={
            "title": GOAL,
            "why_it_matters": GOAL,
            "success_criteria": GOAL,
            "target_on": timezone.localdate(),
        },
    )
    for conversation in Conversation.objects.filter(relationship=relationship):
        record.save_private_note(actor=subject, conversation=conversation, body=NOTE)
    for item in EvidenceItem.objects.filter(relationship=relationship).exclude(file=""):
        _overwrite(item.file)
    record.add_evidence(
        actor=subject,
        relationship=relationship,
        fields={"title": "Plan", "file": SimpleUploadedFile("canary.pdf", FILE, "application/pdf")},
        goals=[],
    )
    return planted | {GOAL, NOTE, FILE_CANARY}


def _stored_anywhere() -> list[str]:
    """Every row, text column and stored file that still holds a canary, private notes
    decrypted: erasure must leave none, whether or not a page shows it."""
    lowered = [canary.lower() for canary in CANARIES]
    hits = []
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list(*fields) if fields else []:
            text = json.dumps(row, default=str).lower()
            hits += [f"{model._meta.label}: {canary}" for canary in lowered if canary in text]
    hits += [
        f"private note: {note.body}" for note in PrivateNote.objects.all() if NOTE in note.body
    ]
    media = Path(settings.MEDIA_ROOT)
    hits += [str(path) for path in media.rglob("*") if path.is_file() and FILE in path.read_bytes()]
    return hits


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _sweep(matrix, cast) -> dict[str, set[str]]:
    """Every case as every role; canary → the cases whose response held it."""
    found: dict[str, set[str]] = {}
    for case in _cases(matrix):
        for role in matrix.ROLES:
            client = Client()
            if cast[role] is not None:
                client.force_login(cast[role])
            with transaction.atomic():
                response = getattr(client, case.method)(case.url(cast), case.data)
                body = _body(response)
                transaction.set_rollback(True)
            for canary in CANARIES:
                if canary.lower() in body.lower():
                    found.setdefault(canary, set()).add(case.id_for(role))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("matrix_name", _matrices())
def test_no_response_returns_an_erased_persons_data(
    matrix_name, django_capture_on_commit_callbacks
):
    matrix = importlib.import_module(matrix_name)
    cast = matrix.cast_for_module.build()
    app = _key(matrix_name)
    subject = cast.get(SUBJECTS.get(app, "mentee"))
    assert subject is not None, f"{matrix_name}: name the person to erase in SUBJECTS"
    with django_capture_on_commit_callbacks(execute=True):
        planted = _plant(subject)
    before = _sweep(matrix, cast)
    if app in AGGREGATES_ONLY:
        assert before == {}, f"{matrix_name} shows personal data: take it out of AGGREGATES_ONLY"
    else:
        # The sweep sees the person's data before erasure, so it could fail after it.
        assert NAME in before, f"{matrix_name}: no page showed the person's name"
    assert MUST_SEE.get(app, set()) <= planted
    unseen = MUST_SEE.get(app, set()) - set(before)
    assert not unseen, f"{matrix_name}: not seen before erasure: {unseen}"

    with django_capture_on_commit_callbacks(execute=True):
        erase_person(actor=None, subject=subject)
    for value in cast.values():
        if (
            isinstance(value, models.Model)
            and type(value)._default_manager.filter(pk=value.pk).exists()
        ):
            value.refresh_from_db()

    assert _stored_anywhere() == []
    after = _sweep(matrix, cast)
    assert after == {}, f"{matrix_name}: erased data returned by {after}"
