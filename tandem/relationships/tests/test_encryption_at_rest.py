"""Goals, conversation summaries and observations are encrypted at rest like private notes,
and members still read them as they wrote them."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tandem.relationships.models import Conversation, Goal, Observation
from tandem.relationships.services import corrections

pytestmark = pytest.mark.django_db

COLUMNS = {
    "relationships_goal": ["title", "why_it_matters", "success_criteria"],
    "relationships_conversation": ["evidence_discussed", "summary"],
    "relationships_observation": ["focus", "feedback"],
}
PLAIN = {
    "title": "Use questioning to check understanding",
    "why_it_matters": "School priority: assessment for learning.",
    "success_criteria": "Most pupils answer a hinge question correctly.",
    "evidence_discussed": "Year 8 exit tickets.",
    "summary": "Talked through hinge questions for the forces unit.",
    "focus": "Questioning in Year 8 science",
    "feedback": "Strong wait time.",
}


def _stored(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize(
    ("table", "column"),
    [(table, column) for table, columns in COLUMNS.items() for column in columns],
)
def test_the_database_column_holds_ciphertext(cast, table, column):
    stored = _stored(table, column)
    assert stored
    assert PLAIN[column] not in stored
    assert all(value.startswith("gAAAAA") for value in stored)  # Fernet tokens


def test_members_read_the_plain_text(client, cast):
    client.force_login(cast["mentee"])
    goal = client.get(reverse("relationships:goal-detail", args=[cast["goal"].uuid]))
    assert PLAIN["title"] in goal.content.decode()
    assert PLAIN["success_criteria"] in goal.content.decode()
    conversation = client.get(
        reverse("relationships:conversation-detail", args=[cast["conversation"].uuid])
    )
    assert PLAIN["summary"] in conversation.content.decode()
    page = client.get(
        reverse("relationships:relationship-detail", args=[cast["relationship"].uuid])
    )
    assert PLAIN["title"] in page.content.decode()
    assert (
        PLAIN["focus"] in page.content.decode() or Observation.objects.get().focus == PLAIN["focus"]
    )


def test_an_edit_through_the_page_is_stored_encrypted(client, cast):
    client.force_login(cast["mentee"])
    goal = cast["goal"]
    url = reverse("relationships:goal-edit", args=[goal.uuid])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"title": "Plan retrieval practice", "version": goal.version}
    data["target_on"] = goal.target_on.isoformat()
    data["framework_keys"] = goal.framework_keys
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Plan retrieval practice" not in _stored("relationships_goal", "title")
    assert Goal.objects.get(pk=goal.pk).title == "Plan retrieval practice"


def test_the_title_is_still_one_line_and_limited_to_200_characters(cast):
    goal = cast["goal"]
    goal.title = "x" * 201
    with pytest.raises(ValidationError, match="at most 200 characters"):
        goal.full_clean()


def test_searching_inside_encrypted_text_is_refused_not_silently_empty(cast):
    with pytest.raises(FieldError):
        list(Conversation.objects.filter(summary__icontains="hinge"))
    with pytest.raises(FieldError, match="only be compared with the empty string"):
        list(Goal.objects.filter(title=PLAIN["title"]))
    # Whether there is any text at all is still a cheap query.
    assert Conversation.objects.exclude(summary="").count() == 1


def test_keys_rotate_for_the_shared_record_too(cast, settings):
    old_key = settings.TANDEM_NOTE_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.TANDEM_NOTE_KEYS = [new_key, old_key]
    call_command("rotate_note_keys", stdout=io.StringIO())
    settings.TANDEM_NOTE_KEYS = [new_key]
    assert Goal.objects.get(pk=cast["goal"].pk).title == PLAIN["title"]
    assert Conversation.objects.get(pk=cast["conversation"].pk).summary == PLAIN["summary"]
    assert Observation.objects.get().feedback == PLAIN["feedback"]


def test_keys_rotate_for_deleted_goals_conversations_and_observations(cast, settings):
    corrections.delete_record(actor=cast["mentee"], item=cast["goal"])
    corrections.delete_record(actor=cast["mentor"], item=cast["conversation"])
    corrections.delete_record(actor=cast["mentor"], item=Observation.objects.get())
    old_key = settings.TANDEM_NOTE_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.TANDEM_NOTE_KEYS = [new_key, old_key]
    call_command("rotate_note_keys", stdout=io.StringIO())
    settings.TANDEM_NOTE_KEYS = [new_key]
    assert Goal.all_objects.get(pk=cast["goal"].pk).title == PLAIN["title"]
    conversation = Conversation.all_objects.get(pk=cast["conversation"].pk)
    assert conversation.summary == PLAIN["summary"]
    assert Observation.all_objects.get().feedback == PLAIN["feedback"]
