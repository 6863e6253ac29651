"""Personal data in impact case studies: retention rules, subject access and erasure."""

import io
import json
import zipfile

import pytest
from django.apps import apps

from tandem.impact.models import (
    CaseMember,
    CaseSection,
    CorroboratingSource,
    SectionComment,
    SectionVersion,
)
from tandem.privacy.retention import RULES, WithParent
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.subject_access import write_pack
from tandem.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _pack(user) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    write_pack(user, buffer)
    return zipfile.ZipFile(buffer)


def _json(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(f"{name}.json"))


def test_every_impact_model_has_a_retention_rule():
    labels = {model._meta.label for model in apps.get_app_config("impact").get_models()}
    assert labels <= set(RULES)
    assert isinstance(RULES["impact.SectionComment"], WithParent)


def test_pack_holds_the_persons_teams_comments_and_texts(cast):
    archive = _pack(cast["researcher"])
    teams = _json(archive, "impact_case_teams")
    assert [(row["case_title"], row["role"]) for row in teams] == [
        ("Reflective mentoring in Riverside", "researcher")
    ]
    assert [row["text"] for row in _json(archive, "impact_comments")] == ["Name the programme."]
    texts = [row["text"] for row in _json(archive, "impact_section_versions")]
    assert any("Research on mentor training" in text for text in texts)
    assert _json(archive, "impact_sources") == []


def test_pack_holds_the_sources_that_name_their_giver(cast):
    head = UserFactory.create(full_name="Harriet Head", email="head@riverside.example.org")
    rows = _json(_pack(head), "impact_sources")
    assert [row["title"] for row in rows] == ["Letter from the head teacher"]
    assert rows[0]["giver_contact"] == "head@riverside.example.org"
    # Someone else's pack holds none of it.
    assert _json(_pack(cast["reader"]), "impact_sources") == []


def test_erasure_takes_the_person_off_the_team_and_removes_their_comments(cast):
    researcher = cast["researcher"]
    summary = cast["sections"]["summary"]
    summary.text = "Ravi Researcher led the interviews."
    summary.save(update_fields=["text"])
    erase_person(actor=None, subject=researcher)
    assert not CaseMember.objects.filter(user=researcher).exists()
    assert not SectionComment.objects.filter(author=researcher).exists()
    assert "Ravi Researcher" not in CaseSection.objects.get(pk=summary.pk).text
    # The case and the rest of the team stay.
    assert CaseMember.objects.filter(case=cast["case"]).count() == 3
    assert SectionVersion.objects.filter(section=summary).count() == 2


def test_erasure_of_a_testimonial_giver_removes_their_name_and_contact(cast):
    head = UserFactory.create(full_name="Harriet Head", email="head@riverside.example.org")
    erase_person(actor=None, subject=head)
    source = CorroboratingSource.objects.get(pk=cast["source"].pk)
    assert "Harriet Head" not in source.giver_name
    assert "head@riverside.example.org" not in source.giver_contact
