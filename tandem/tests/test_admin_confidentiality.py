"""The site administration's pages in the permission matrix: a superuser reads no
confidential relationship content there and cannot make themselves a member of a pair.

Every registered model's changelist, add page, and change and history pages of its rows
are opened as a superuser with two-factor set up (so the staff check lets them in). Each
page either refuses or shows none of the canary texts planted in the shared record and
the private note.
"""

import contextlib

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tandem.audit.models import AuditEvent
from tandem.relationships.models import RelationshipMember
from tandem.relationships.services import record
from tandem.testing.factories import UserFactory
from tandem.testing.matrix import build_once
from tandem.testing.workflow import build_cast

CANARIES = {
    "goal": "CANARY goal: lift reading ages in 8X",
    "summary": "CANARY summary: talked about the Ofsted call",
    "private_note": "CANARY note: seems anxious about the review",
    "observation": "CANARY observation: strong modelling",
    "evidence": "CANARY evidence: seating plan",
    "action": "CANARY action: email the SENCo",
    # Not relationship content, but with it an administrator could sign in as the person.
    "totp_secret": "CANARYTOTPSECRET",
}
# Rows opened per model: enough to reach the cast's planted rows without a page per row.
ROWS_PER_MODEL = 20


def build_admin_cast() -> dict:
    cast = build_cast()
    mentor, mentee, relationship = cast["mentor"], cast["mentee"], cast["relationship"]
    goal = cast["goal"]
    goal.title = CANARIES["goal"]
    goal.save(update_fields=["title"])
    conversation = cast["conversation"]
    conversation.summary = CANARIES["summary"]
    conversation.save(update_fields=["summary"])
    record.save_private_note(actor=mentor, conversation=conversation, body=CANARIES["private_note"])
    observation = cast["observation"]
    observation.feedback = CANARIES["observation"]
    observation.save(update_fields=["feedback"])
    cast["evidence"].title = CANARIES["evidence"]
    cast["evidence"].save(update_fields=["title"])
    cast["action"].description = CANARIES["action"]
    cast["action"].save(update_fields=["description"])
    superuser = UserFactory(is_staff=True, is_superuser=True, full_name="Sam Superuser")
    Authenticator.objects.create(
        user=superuser, type=Authenticator.Type.TOTP, data={"secret": "not-used"}
    )
    Authenticator.objects.create(
        user=mentee, type=Authenticator.Type.TOTP, data={"secret": CANARIES["totp_secret"]}
    )
    return cast | {"superuser": superuser, "mentee_user": mentee, "pair": relationship}


cast_for_module = build_once(build_admin_cast)


def _admin_urls(model: type) -> list[str]:
    info = (model._meta.app_label, model._meta.model_name)
    urls = [reverse("admin:{}_{}_changelist".format(*info))]
    with contextlib.suppress(NoReverseMatch):
        urls.append(reverse("admin:{}_{}_add".format(*info)))
    for pk in model._default_manager.values_list("pk", flat=True)[:ROWS_PER_MODEL]:
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[pk]))
        urls.append(reverse("admin:{}_{}_history".format(*info), args=[pk]))
    return urls


REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize("model", REGISTERED, ids=[model._meta.label for model in REGISTERED])
def test_no_admin_page_shows_confidential_content(matrix_client, matrix_cast, model):
    matrix_client.force_login(matrix_cast["superuser"])
    for url in _admin_urls(model):
        response = matrix_client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        page = response.content.decode()
        shown = [name for name, text in CANARIES.items() if text in page]
        assert not shown, f"{url} shows the {', '.join(shown)}"


def test_the_sweep_reaches_the_relationship_and_its_members(matrix_client, matrix_cast):
    matrix_client.force_login(matrix_cast["superuser"])
    relationship = matrix_cast["pair"]
    response = matrix_client.get(
        reverse("admin:relationships_relationship_change", args=[relationship.pk])
    )
    assert response.status_code == 200
    assert matrix_cast["mentee_user"].full_name in response.content.decode()


def test_no_content_model_is_registered():
    labels = {model._meta.label for model in admin.site._registry}
    content = {
        "relationships.Goal",
        "relationships.GoalUpdate",
        "relationships.Conversation",
        "relationships.AgendaItem",
        "relationships.Action",
        "relationships.PrivateNote",
        "relationships.Observation",
        "relationships.EvidenceItem",
        "relationships.TimeEntry",
        "relationships.LearningAgreement",
        "relationships.AgreementSignature",
        "relationships.RelationshipMember",
        "relationships.ChangeRequest",
        "socialaccount.SocialToken",
    }
    assert not labels & content


def _member_formset(relationship, user) -> dict:
    """The relationship change form as a browser would post it, with one member added."""
    members = list(relationship.members.all())
    data = {
        "programme": relationship.programme_id,
        "status": relationship.status,
        "members-TOTAL_FORMS": str(len(members) + 1),
        "members-INITIAL_FORMS": str(len(members)),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for index, member in enumerate(members):
        data |= {
            f"members-{index}-id": member.pk,
            f"members-{index}-relationship": relationship.pk,
            f"members-{index}-user": member.user_id,
            f"members-{index}-role": member.role,
        }
    added = len(members)
    data |= {
        f"members-{added}-relationship": relationship.pk,
        f"members-{added}-user": user.pk,
        f"members-{added}-role": "mentor",
    }
    return data


def test_a_superuser_cannot_add_themselves_to_a_pair(matrix_client, matrix_cast):
    superuser, relationship = matrix_cast["superuser"], matrix_cast["pair"]
    matrix_client.force_login(superuser)
    response = matrix_client.post(
        reverse("admin:relationships_relationship_change", args=[relationship.pk]),
        _member_formset(relationship, superuser),
    )
    assert response.status_code == 403
    assert not RelationshipMember.objects.filter(user=superuser).exists()
    goal = reverse("relationships:goal-detail", args=[matrix_cast["goal"].uuid])
    assert matrix_client.get(goal).status_code == 404


@pytest.mark.parametrize(
    "url_name",
    ["admin:relationships_relationshipmember_add", "admin:relationships_goal_changelist"],
)
def test_members_and_content_have_no_admin_pages(url_name):
    with pytest.raises(NoReverseMatch):
        reverse(url_name)


def test_a_superuser_cannot_make_themselves_a_coordinator(matrix_client, matrix_cast):
    superuser, programme = matrix_cast["superuser"], matrix_cast["programme"]
    matrix_client.force_login(superuser)
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    page = matrix_client.get(url)
    assert page.status_code == 200
    assert 'name="coordinators"' not in page.content.decode()


def test_admin_changes_are_audited(matrix_client, matrix_cast):
    superuser, person = matrix_cast["superuser"], matrix_cast["mentee_user"]
    matrix_client.force_login(superuser)
    membership = person.memberships.get()
    matrix_client.post(
        reverse("admin:organisations_membership_change", args=[membership.pk]),
        {
            "user": person.pk,
            "organisation": membership.organisation_id,
            "role_category": membership.role_category,
            "access": membership.access,
            "started_on": membership.started_on or "",
            "ended_on": "",
            "data_protection_lead": "on",
        },
    )
    event = AuditEvent.objects.get(action="admin.change", actor=superuser)
    assert event.object_uuid == membership.uuid
