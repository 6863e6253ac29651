"""'Was this useful?' answers are personal data: in the subject-access pack, gone on
erasure; resources name only their creator, whose name leaves their text on erasure."""

import pytest

from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.subject_access import collect
from tandem.resources.models import Resource, ResourceFeedback
from tandem.resources.services import give_feedback
from tandem.resources.tests.cast import build_resource_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_resource_cast()


def test_the_pack_holds_the_persons_answers_and_no_one_elses(cast):
    give_feedback(actor=cast["partner"], resource=cast["shared"], is_useful=False, comment="Long")
    sections = {section.name: section for section in collect(cast["member"])}
    [row] = sections["resource_feedback"].rows
    assert row["resource_title"] == "Using resources well"
    assert row["is_useful"] is True
    assert row["comment"] == "Clear and short."


def test_the_pack_lists_resources_the_person_added(cast):
    sections = {section.name: section for section in collect(cast["coordinator"])}
    titles = {row["title"] for row in sections["resources_added"].rows}
    assert "Moorland conversation guide" in titles
    assert "Partnership coaching toolkit" not in titles  # added by Lee


def test_erasure_deletes_the_persons_answers_only(cast):
    give_feedback(actor=cast["partner"], resource=cast["shared"], is_useful=False)
    erase_person(actor=None, subject=cast["member"])
    assert not ResourceFeedback.objects.filter(comment="Clear and short.").exists()
    assert ResourceFeedback.objects.filter(user=cast["partner"]).exists()


def test_erasure_takes_the_creators_name_out_of_resources_they_kept(cast):
    resource = cast["private"]
    Resource.objects.filter(pk=resource.pk).update(
        source="Written by Alice Coordinator for Moorland"
    )
    pseudonym = erase_person(actor=None, subject=cast["coordinator"])
    resource.refresh_from_db()
    assert "Alice Coordinator" not in resource.source
    assert pseudonym in resource.source
    assert resource.created_by is not None  # the account stays, pseudonymised
