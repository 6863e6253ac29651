"""REST resources. Each viewset: list what the caller may see (selectors), fetch one with
the same 404 rule, and write only through the owning app's services."""

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar, cast

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from tandem.accounts.models import User
from tandem.api import selectors
from tandem.api import serializers as api_serializers
from tandem.audit.models import AuditEvent
from tandem.evaluation import snapshots
from tandem.models import TandemModel
from tandem.organisations.policy import get_organisation_for_user
from tandem.organisations.services import update_organisation
from tandem.programmes.policy import get_programme_for_user
from tandem.programmes.services import invite_people
from tandem.relationships.models import Conversation
from tandem.relationships.policy import (
    get_action_for_user,
    get_conversation_for_user,
    get_goal_for_user,
    get_relationship_content_for_user,
)
from tandem.relationships.services import record as record_services

UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Only items changed at or after this time (ISO 8601), for syncing.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description="The ETag you read: the change is refused (412) if someone changed it since.",
)


def etag_for(instance: TandemModel) -> str:
    return f'"{instance.uuid}-{int(instance.updated_at.timestamp() * 1_000_000)}"'


class ResourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read access shared by every resource; subclasses name their selector."""

    lookup_field = "uuid"
    lookup_value_regex = UUID_PATTERN
    http_method_names: ClassVar[list[str]] = ["get", "head", "options"]
    selector: ClassVar[Any]
    # What a PATCH accepts, where that differs from what the resource shows.
    update_serializer_class: ClassVar[type[BaseSerializer] | None] = None

    @property
    def user(self) -> User:
        return cast(User, self.request.user)

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "partial_update" and self.update_serializer_class is not None:
            return self.update_serializer_class
        return super().get_serializer_class()

    def get_queryset(self) -> QuerySet:
        queryset = type(self).selector(self.user)
        if self.action == "list":
            queryset = self._filter_updated_since(queryset)
        return queryset.order_by("updated_at", "pk")

    def _filter_updated_since(self, queryset: QuerySet) -> QuerySet:
        raw = self.request.query_params.get("updated_since")
        if not raw:
            return queryset
        try:
            since = parse_datetime(raw)
        except ValueError:
            since = None
        if since is None:
            raise exceptions.ValidationError(
                {"updated_since": ["Give a date and time such as 2025-09-01T08:00:00Z."]}
            )
        if timezone.is_naive(since):
            since = timezone.make_aware(since, dt.UTC)
        try:
            # In UTC: PostgreSQL refuses offsets beyond ±15 hours that ISO 8601 allows.
            since = since.astimezone(dt.UTC)
        except OverflowError:
            raise exceptions.ValidationError(
                {"updated_since": ["That date and time is out of range."]}
            ) from None
        return queryset.filter(updated_at__gte=since)

    def get_object(self) -> Any:
        instance = self.get_queryset().filter(uuid=self.kwargs["uuid"]).first()
        if instance is None:
            raise Http404
        return instance

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        instance = self.get_object()
        self.after_read([instance])
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag_for(instance)
        return response

    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        items = list(page or [])
        self.after_read(items)
        return self.get_paginated_response(self.get_serializer(items, many=True).data)

    def after_read(self, items: Sequence[Any]) -> None:
        """Resources with confidential content write audit rows here."""

    def check_if_match(self, instance: TandemModel) -> None:
        expected = self.request.headers.get("If-Match")
        if expected and expected not in {etag_for(instance), "*"}:
            error = exceptions.APIException("Someone else changed this since you read it.")
            error.status_code = status.HTTP_412_PRECONDITION_FAILED
            raise error

    def validated_data(self, instance: TandemModel | None = None) -> dict[str, Any]:
        """The request's body checked by this action's serializer: in full, or against
        `instance` when given, for a PATCH that sends only the fields it changes."""
        serializer = self.get_serializer(
            instance, data=self.request.data, partial=instance is not None
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def written(
        self, instance: TandemModel, serializer_class: type[BaseSerializer], code: int
    ) -> Response:
        instance.refresh_from_db()
        instance = self.get_queryset().get(pk=instance.pk)
        response = Response(
            serializer_class(instance, context=self.get_serializer_context()).data, status=code
        )
        response["ETag"] = etag_for(instance)
        return response


LIST_SCHEMA = extend_schema(parameters=[UPDATED_SINCE])
WRITE_SCHEMA = extend_schema(parameters=[IF_MATCH])


@extend_schema_view(list=LIST_SCHEMA, partial_update=WRITE_SCHEMA)
class OrganisationViewSet(mixins.UpdateModelMixin, ResourceViewSet):
    """Organisations the caller belongs to; leaders may change the details."""

    selector = selectors.organisations
    serializer_class = api_serializers.OrganisationSerializer
    http_method_names: ClassVar[list[str]] = ["get", "patch", "head", "options"]

    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        organisation = get_organisation_for_user(self.user, self.kwargs["uuid"], write=True)
        self.check_if_match(organisation)
        update_organisation(
            actor=self.user,
            organisation=organisation,
            fields=self.validated_data(organisation),
            phases=list(organisation.phases.all()),
        )
        return self.written(organisation, self.get_serializer_class(), status.HTTP_200_OK)


@extend_schema_view(list=LIST_SCHEMA)
class PersonViewSet(ResourceViewSet):
    """People the caller works with (never diversity data)."""

    selector = selectors.people
    serializer_class = api_serializers.PersonSerializer


@extend_schema_view(list=LIST_SCHEMA)
class ProgrammeViewSet(ResourceViewSet):
    selector = selectors.programmes
    serializer_class = api_serializers.ProgrammeSerializer


@extend_schema_view(list=LIST_SCHEMA)
class EnrolmentViewSet(mixins.CreateModelMixin, ResourceViewSet):
    """Your own enrolments, and every enrolment in programmes you coordinate. Coordinators
    invite people by creating one."""

    selector = selectors.enrolments
    serializer_class = api_serializers.EnrolmentSerializer
    http_method_names: ClassVar[list[str]] = ["get", "post", "head", "options"]

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        data = self.validated_data()
        programme = get_programme_for_user(self.user, data["programme"].uuid, write=True)
        if not selectors.people(self.user).filter(pk=data["user"].pk).exists():
            raise exceptions.ValidationError({"user": ["No person with that id works with you."]})
        invite_people(actor=self.user, programme=programme, users=[data["user"]], role=data["role"])
        enrolment = programme.enrolments.get(user=data["user"], role=data["role"])
        return self.written(enrolment, self.get_serializer_class(), status.HTTP_201_CREATED)


@extend_schema_view(list=LIST_SCHEMA)
class MatchRunViewSet(ResourceViewSet):
    """Matching runs for the programme's coordinators: figures, input problems and, for
    one run, who could not be placed and why."""

    selector = selectors.match_runs
    serializer_class = api_serializers.MatchRunSerializer

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve":
            return api_serializers.MatchRunDetailSerializer
        return super().get_serializer_class()


@extend_schema_view(list=LIST_SCHEMA)
class RelationshipViewSet(ResourceViewSet):
    """Relationship metadata for members and the programme's coordinators."""

    selector = selectors.relationships
    serializer_class = api_serializers.RelationshipSerializer


@extend_schema_view(list=LIST_SCHEMA, partial_update=WRITE_SCHEMA)
class GoalViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ResourceViewSet):
    """Goals in the caller's relationships; only the learner adds or changes their own."""

    selector = selectors.goals
    serializer_class = api_serializers.GoalSerializer
    update_serializer_class = api_serializers.GoalUpdateSerializer
    http_method_names: ClassVar[list[str]] = ["get", "post", "patch", "head", "options"]

    def after_read(self, items: Sequence[Any]) -> None:
        audit(self.user, "goal.read", [goal for goal in items if goal.owner_id != self.user.pk])

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        fields = self.validated_data()
        relationship, _member = get_relationship_content_for_user(
            self.user, fields.pop("relationship").uuid, write=True
        )
        goal = record_services.add_goal(actor=self.user, relationship=relationship, fields=fields)
        return self.written(goal, api_serializers.GoalSerializer, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        goal, _member = get_goal_for_user(self.user, self.kwargs["uuid"], write=True)
        self.check_if_match(goal)
        fields = {name: getattr(goal, name) for name in record_services.GOAL_FIELDS}
        fields.update(self.validated_data(goal))
        goal = record_services.edit_goal(
            actor=self.user, goal=goal, version=goal.version, fields=fields
        )
        return self.written(goal, self.get_serializer_class(), status.HTTP_200_OK)


@extend_schema_view(list=LIST_SCHEMA, partial_update=WRITE_SCHEMA)
class ConversationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ResourceViewSet):
    """Conversations' shared record for members, and each caller's own private note."""

    selector = selectors.conversations
    serializer_class = api_serializers.ConversationSerializer
    update_serializer_class = api_serializers.ConversationUpdateSerializer
    http_method_names: ClassVar[list[str]] = ["get", "post", "patch", "head", "options"]

    def after_read(self, items: Sequence[Any]) -> None:
        audit(self.user, "conversation.read", [c for c in items if c.created_by_id != self.user.pk])

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        fields = self.validated_data()
        note = fields.pop("private_note", "")
        relationship, _member = get_relationship_content_for_user(
            self.user, fields.pop("relationship").uuid, write=True
        )
        conversation = record_services.log_conversation(
            actor=self.user,
            relationship=relationship,
            fields=fields,
            agenda=[],
            actions=[],
            private_note=note,
        )
        return self.written(
            conversation, api_serializers.ConversationSerializer, status.HTTP_201_CREATED
        )

    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        conversation, _member = get_conversation_for_user(
            self.user, self.kwargs["uuid"], write=True
        )
        self.check_if_match(conversation)
        fields = self.validated_data(conversation)
        note = fields.pop("private_note", None)
        if fields:
            merged = {
                name: getattr(conversation, name) for name in record_services.CONVERSATION_FIELDS
            }
            merged.update(fields)
            conversation = record_services.edit_conversation(
                actor=self.user,
                conversation=conversation,
                version=conversation.version,
                fields=merged,
            )
        if note is not None:
            record_services.save_private_note(actor=self.user, conversation=conversation, body=note)
            Conversation.objects.filter(pk=conversation.pk).update(updated_at=timezone.now())
        return self.written(conversation, self.get_serializer_class(), status.HTTP_200_OK)


@extend_schema_view(list=LIST_SCHEMA, partial_update=WRITE_SCHEMA)
class ActionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ResourceViewSet):
    """Actions in the caller's relationships; any member adds one or ticks it done."""

    selector = selectors.actions
    serializer_class = api_serializers.ActionSerializer
    update_serializer_class = api_serializers.ActionUpdateSerializer
    http_method_names: ClassVar[list[str]] = ["get", "post", "patch", "head", "options"]

    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        data = self.validated_data()
        relationship, _member = get_relationship_content_for_user(
            self.user, data["relationship"].uuid, write=True
        )
        action = record_services.add_action(
            actor=self.user,
            relationship=relationship,
            description=data["description"],
            owner=data["owner"],
            due_on=data.get("due_on"),
        )
        if data.get("done"):
            record_services.set_action_done(actor=self.user, action=action, done=True)
        return self.written(action, api_serializers.ActionSerializer, status.HTTP_201_CREATED)

    @extend_schema(responses=api_serializers.ActionSerializer)
    def partial_update(self, request: Request, *args: object, **kwargs: object) -> Response:
        action = get_action_for_user(self.user, self.kwargs["uuid"])
        self.check_if_match(action)
        done = self.validated_data()["done"]
        record_services.set_action_done(actor=self.user, action=action, done=done)
        return self.written(action, api_serializers.ActionSerializer, status.HTTP_200_OK)


def audit(user: User, action: str, targets: Sequence[TandemModel]) -> None:
    """One audit row per confidential item read through the API by someone not its author."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=user,
            action=action,
            object_type=target._meta.label_lower,
            object_uuid=target.uuid,
            detail="API",
        )
        for target in targets
    )


@extend_schema_view(list=LIST_SCHEMA)
class SurveyViewSet(ResourceViewSet):
    """Surveys in programmes you coordinate or lead, or take part in (questions included)."""

    selector = selectors.surveys
    serializer_class = api_serializers.SurveySerializer


@extend_schema_view(list=LIST_SCHEMA)
class SurveyResponseViewSet(ResourceViewSet):
    """Your own survey answers. Nobody else's responses are available through the API."""

    selector = selectors.survey_responses
    serializer_class = api_serializers.SurveyResponseSerializer


@extend_schema_view(list=LIST_SCHEMA)
class ReportViewSet(ResourceViewSet):
    """Read-only programme reports (aggregates only, small groups suppressed), for the
    programmes' coordinators and the leaders of their organisations. Looked up by the
    programme's uuid; the figures are the stored snapshot the report page shows."""

    selector = selectors.reports

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve":
            return api_serializers.ReportSerializer
        return api_serializers.ReportSummarySerializer

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        programme = self.get_object()
        report, _snapshot = snapshots.stored_report(programme)
        programme = self.get_queryset().get(pk=programme.pk)  # the snapshot may be new
        serializer = api_serializers.ReportSerializer(
            programme, context=self.get_serializer_context() | {"report": report}
        )
        return Response(serializer.data)
