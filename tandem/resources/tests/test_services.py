"""The library's services: add for your own organisation, tag to real Framework items,
edit with an audit row, withdraw and restore, answer "Was this useful?" once."""

import pytest
from django.core.exceptions import ValidationError

from tandem.audit.models import AuditEvent
from tandem.framework import keys
from tandem.resources import services
from tandem.resources.models import Resource, ResourceFeedback
from tandem.resources.tests.cast import build_resource_cast, resource_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return build_resource_cast()


def test_a_coordinator_adds_a_tagged_resource_and_it_is_audited(cast):
    resource = services.create_resource(
        actor=cast["coordinator"],
        organisation=cast["moorland"],
        tags=[
            (keys.Kind.PRINCIPLE, keys.Principle.UNDERSTANDING_WHY),
            (keys.Kind.EFFECTIVE_FEATURE, keys.EffectiveFeature.SUFFICIENT_TIME),
        ],
        **resource_fields(title="Why approaches work"),
    )
    assert resource.created_by == cast["coordinator"]
    assert set(resource.tags.values_list("kind", "key")) == {
        ("principle", "understanding-why"),
        ("effective-feature", "sufficient-time"),
    }
    event = AuditEvent.objects.get(action="resource.create", object_uuid=resource.uuid)
    assert "principle:understanding-why" in event.detail


def test_a_member_cannot_add_a_resource(cast):
    with pytest.raises(PermissionError):
        services.create_resource(
            actor=cast["member"], organisation=cast["moorland"], **resource_fields()
        )


def test_a_coordinator_cannot_add_for_another_organisation(cast):
    with pytest.raises(PermissionError):
        services.create_resource(
            actor=cast["coordinator"], organisation=cast["hillside"], **resource_fields()
        )


def test_a_coordinator_adds_for_a_partnership_of_their_organisation(cast):
    resource = services.create_resource(
        actor=cast["coordinator"],
        partnership=cast["north"],
        **resource_fields(visibility=Resource.Visibility.PARTNERSHIP),
    )
    assert resource.partnership == cast["north"]


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (("principle", "not-a-principle"), "not Framework items"),
        (("mentor-style", "educator"), "not Framework items"),  # a kind not offered
        (("impact", "learning-conversation"), "not Framework items"),  # wrong kind
    ],
)
def test_tags_must_be_real_framework_items_of_their_kind(cast, tag, message):
    with pytest.raises(ValidationError, match=message):
        services.create_resource(
            actor=cast["coordinator"],
            organisation=cast["moorland"],
            tags=[tag],
            **resource_fields(),
        )
    assert not Resource.objects.filter(title="Planning a learning conversation").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"link": ""}, "link"),  # neither a link nor a file
        ({"for_mentors": False, "for_mentees": False}, "for_leaders"),
        ({"licence": "other", "licence_other": ""}, "licence_other"),
        ({"visibility": "partnership"}, "visibility"),  # held by an organisation
        ({"kind": "podcast"}, "kind"),
    ],
)
def test_incomplete_resources_are_refused_with_a_reason(cast, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.create_resource(
            actor=cast["coordinator"],
            organisation=cast["moorland"],
            **resource_fields(**overrides),
        )
    assert field in error.value.message_dict


def test_editing_changes_fields_and_tags_and_records_what_changed(cast):
    resource = cast["private"]
    services.update_resource(
        actor=cast["leader"],
        resource=resource,
        data={"title": "Conversation guide, revised"},
        tags=[(keys.Kind.PRINCIPLE, keys.Principle.USING_RESOURCES_EFFECTIVELY)],
    )
    resource.refresh_from_db()
    assert resource.title == "Conversation guide, revised"
    assert list(resource.tags.values_list("key", flat=True)) == ["using-resources-effectively"]
    event = AuditEvent.objects.get(action="resource.update", object_uuid=resource.uuid)
    assert "title" in event.detail
    assert "using-resources-effectively" in event.detail


def test_an_edit_that_changes_nothing_writes_no_audit_row(cast):
    services.update_resource(actor=cast["coordinator"], resource=cast["private"], data={})
    assert not AuditEvent.objects.filter(action="resource.update").exists()


def test_a_member_cannot_edit(cast):
    with pytest.raises(PermissionError):
        services.update_resource(
            actor=cast["member"], resource=cast["private"], data={"title": "Mine now"}
        )


def test_withdrawn_resources_leave_lists_and_can_be_restored(cast):
    resource = cast["private"]
    services.withdraw_resource(actor=cast["coordinator"], resource=resource, reason="Outdated")
    assert resource.is_withdrawn
    assert not Resource.objects.current().filter(pk=resource.pk).exists()
    with pytest.raises(ValidationError, match="already been withdrawn"):
        services.withdraw_resource(actor=cast["coordinator"], resource=resource)
    services.restore_resource(actor=cast["coordinator"], resource=resource)
    assert Resource.objects.current().filter(pk=resource.pk).exists()
    actions = set(
        AuditEvent.objects.filter(object_uuid=resource.uuid).values_list("action", flat=True)
    )
    assert {"resource.withdraw", "resource.restore"} <= actions


def test_a_member_cannot_withdraw(cast):
    with pytest.raises(PermissionError):
        services.withdraw_resource(actor=cast["member"], resource=cast["private"])


def test_feedback_is_one_answer_per_person_and_can_be_changed(cast):
    services.give_feedback(actor=cast["member"], resource=cast["public"], is_useful=True)
    services.give_feedback(
        actor=cast["member"], resource=cast["public"], is_useful=False, comment=" Too long "
    )
    answer = ResourceFeedback.objects.get(resource=cast["public"])
    assert answer.is_useful is False
    assert answer.comment == "Too long"


def test_a_withdrawn_resource_takes_no_feedback(cast):
    with pytest.raises(ValidationError, match="withdrawn"):
        services.give_feedback(actor=cast["member"], resource=cast["withdrawn"], is_useful=True)
