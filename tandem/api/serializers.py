"""What the API shows of each resource. Serializers only shape data: writes go through
each app's services, called by the viewsets."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tandem.accounts.models import User
from tandem.evaluation.models import Answer, Question, Survey, SurveyResponse
from tandem.matching.models import MatchRun
from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import (
    Action,
    Conversation,
    Goal,
    Relationship,
    RelationshipMember,
)
from tandem.relationships.services.record import CONVERSATION_FIELDS, GOAL_FIELDS

TIMESTAMPS = ["created_at", "updated_at"]


def uuid_field(queryset: object = None, **kwargs: object) -> serializers.SlugRelatedField:
    if queryset is None:
        return serializers.SlugRelatedField(slug_field="uuid", read_only=True, **kwargs)
    return serializers.SlugRelatedField(slug_field="uuid", queryset=queryset, **kwargs)


@extend_schema_field(
    {
        "type": "string",
        "format": "uri",
        "maxLength": 200,
        "nullable": True,
        "description": "The organisation's web address; null if none.",
    }
)
class OptionalURLField(serializers.URLField):
    """An optional web address: null when there is none, never "" (which is not a URI).
    The schema says exactly that, where a blank-or-URI field reads as an ambiguous oneOf
    that strict generated clients reject. Null or "" in a request clears the address."""

    def run_validation(self, data: object = serializers.empty) -> object:
        if data is None or data == "":
            return ""  # the model stores no address as blank
        return super().run_validation(data)

    def to_representation(self, value: object) -> object:
        return super().to_representation(value) if value else None


class OrganisationSerializer(serializers.ModelSerializer):
    website = OptionalURLField(max_length=200, required=False, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "uuid",
            "name",
            "type",
            "sector",
            "region",
            "official_identifier",
            "size",
            "website",
            "description",
            "requires_sso",
            *TIMESTAMPS,
        ]
        read_only_fields = ["uuid", "type", "sector", "official_identifier", *TIMESTAMPS]


class MembershipSerializer(serializers.ModelSerializer):
    organisation = uuid_field()
    line_manager = uuid_field(allow_null=True)

    class Meta:
        model = Membership
        fields = [
            "uuid",
            "organisation",
            "job_title",
            "role_category",
            "access",
            "line_manager",
            "started_on",
        ]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True, source="visible_memberships")

    class Meta:
        model = User
        fields = ["uuid", "full_name", "preferred_name", "email", "memberships", *TIMESTAMPS]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    organisations = uuid_field(many=True)

    class Meta:
        model = Programme
        fields = [
            "uuid",
            "name",
            "status",
            "aims",
            "approach",
            "group_format",
            "pairing",
            "sector_mix",
            "mentor_source",
            "starts_on",
            "ends_on",
            "accepts_applications",
            "organisations",
            *TIMESTAMPS,
        ]
        read_only_fields = fields


class EnrolmentSerializer(serializers.ModelSerializer):
    programme = uuid_field(Programme.objects.all())
    user = uuid_field(User.objects.filter(is_active=True))

    class Meta:
        model = Enrolment
        fields = ["uuid", "programme", "user", "role", "status", *TIMESTAMPS]
        read_only_fields = ["uuid", "status", *TIMESTAMPS]


class RelationshipMemberSerializer(serializers.ModelSerializer):
    user = uuid_field()
    name = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = RelationshipMember
        fields = ["user", "name", "role"]
        read_only_fields = fields


class RelationshipSerializer(serializers.ModelSerializer):
    """Metadata only (who, status, dates): what coordinators may see."""

    programme = uuid_field()
    members = RelationshipMemberSerializer(many=True, read_only=True)
    # Blank until the relationship ends.
    end_reason = serializers.ChoiceField(
        choices=[("", "Not ended"), *Relationship.EndReason.choices], read_only=True
    )

    class Meta:
        model = Relationship
        fields = [
            "uuid",
            "programme",
            "is_group",
            "status",
            "started_on",
            "ended_on",
            "end_reason",
            "members",
            *TIMESTAMPS,
        ]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    relationship = uuid_field(Relationship.objects.all())
    owner = uuid_field()

    class Meta:
        model = Goal
        fields = [
            "uuid",
            "relationship",
            "owner",
            *GOAL_FIELDS,
            "version",
            *TIMESTAMPS,
        ]
        read_only_fields = ["uuid", "owner", "version", *TIMESTAMPS]


class GoalUpdateSerializer(GoalSerializer):
    relationship = uuid_field()


class ConversationSerializer(serializers.ModelSerializer):
    """The shared record of a conversation, plus the caller's own private note."""

    relationship = uuid_field(Relationship.objects.all())
    created_by = uuid_field(allow_null=True)
    private_note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=8000,
        help_text="Your own private note: only ever shown to you.",
    )

    class Meta:
        model = Conversation
        fields = [
            "uuid",
            "relationship",
            *CONVERSATION_FIELDS,
            "private_note",
            "version",
            "created_by",
            *TIMESTAMPS,
        ]
        read_only_fields = ["uuid", "version", "created_by", *TIMESTAMPS]

    def to_representation(self, instance: Conversation) -> dict:
        data = super().to_representation(instance)
        notes = getattr(instance, "my_notes", [])
        data["private_note"] = notes[0].body if notes else ""
        return data


class ConversationUpdateSerializer(ConversationSerializer):
    relationship = uuid_field()


class ActionSerializer(serializers.ModelSerializer):
    relationship = uuid_field(Relationship.objects.all())
    owner = uuid_field(User.objects.filter(is_active=True))
    conversation = uuid_field(allow_null=True)
    done = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = Action
        fields = [
            "uuid",
            "relationship",
            "conversation",
            "description",
            "owner",
            "due_on",
            "done",
            "done_at",
            *TIMESTAMPS,
        ]
        read_only_fields = ["uuid", "conversation", "done_at", *TIMESTAMPS]

    def to_representation(self, instance: Action) -> dict:
        data = super().to_representation(instance)
        data["done"] = instance.is_done
        return data


class ActionUpdateSerializer(serializers.Serializer):
    done = serializers.BooleanField()


class QuestionSerializer(serializers.ModelSerializer):
    # A question keyed to no Framework item (a free comment, say) stores blank kind and key;
    # the API says null rather than "", which is no key at all and fails the key's pattern.
    framework_kind = serializers.CharField(
        read_only=True, allow_null=True, help_text="The Framework item's kind; null if none."
    )
    framework_key = serializers.SlugField(
        read_only=True, allow_null=True, help_text="The Framework item's key; null if none."
    )

    class Meta:
        model = Question
        fields = [
            "uuid",
            "position",
            "key",
            "framework_kind",
            "framework_key",
            "kind",
            "text",
            "choices",
            "is_required",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Question) -> dict:
        data = super().to_representation(instance)
        for field in ("framework_kind", "framework_key"):
            data[field] = data[field] or None
        return data


class SurveySerializer(serializers.ModelSerializer):
    programme = uuid_field()
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "uuid",
            "programme",
            "template_key",
            "purpose",
            "title",
            "audience",
            "stage",
            "every_weeks",
            "opens_on",
            "closes_on",
            "questions",
            *TIMESTAMPS,
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer):
    question = uuid_field()

    class Meta:
        model = Answer
        fields = ["question", "number", "text", "choices"]
        read_only_fields = fields


class SurveyResponseSerializer(serializers.ModelSerializer):
    survey = uuid_field()
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = SurveyResponse
        fields = ["uuid", "survey", "role", "round", "submitted_at", "answers", *TIMESTAMPS]
        read_only_fields = fields


class ReportSummarySerializer(serializers.ModelSerializer):
    """A programme's report: when its stored figures were computed."""

    computed_at = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["uuid", "name", "computed_at", *TIMESTAMPS]
        read_only_fields = fields

    def get_computed_at(self, programme: Programme) -> str | None:
        snapshot = getattr(programme, "report_snapshot", None)
        if snapshot is None or snapshot.computed_at is None:
            return None
        return serializers.DateTimeField().to_representation(snapshot.computed_at)


class ReportRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    values = serializers.ListField(child=serializers.JSONField())
    n = serializers.IntegerField()
    is_suppressed = serializers.BooleanField()


class ReportTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = ReportRowSerializer(many=True)
    note = serializers.CharField(allow_blank=True)
    caution = serializers.CharField(allow_blank=True)


class ReportSerializer(ReportSummarySerializer):
    """The report's tables, with every group under 5 people already suppressed."""

    tables = serializers.SerializerMethodField()

    class Meta(ReportSummarySerializer.Meta):
        fields = [*ReportSummarySerializer.Meta.fields, "tables"]
        read_only_fields = fields

    @extend_schema_field(ReportTableSerializer(many=True))
    def get_tables(self, programme: Programme) -> list[dict]:
        report = self.context.get("report")
        if report is None:
            return []
        return [ReportTableSerializer(table).data for table in report.tables]


class UnplacedSerializer(serializers.Serializer):
    mentee = serializers.UUIDField(help_text="The mentee's person id.")
    reason = serializers.CharField(
        help_text=(
            "no-mentors, no-eligible-mentor, capacity-taken, quality, not-proved; for "
            "shortlists fewer-eligible or shortlists-full; coordinator for a hand edit."
        )
    )
    message = serializers.CharField(help_text="Why, in a sentence for the coordinator.")


class MatchRunSerializer(serializers.ModelSerializer):
    """A matching run's figures and the problems found in its input."""

    programme = uuid_field()

    class Meta:
        model = MatchRun
        fields = [
            "uuid",
            "programme",
            "mode",
            "status",
            "progress",
            "num_mentees",
            "num_mentors",
            "num_places",
            "num_placed",
            "is_certified_optimal",
            "num_unchecked",
            "problems",
            *TIMESTAMPS,
        ]
        read_only_fields = fields


class MatchRunDetailSerializer(MatchRunSerializer):
    """A run with every mentee it could not place (or give a full shortlist) and why."""

    unplaced = serializers.SerializerMethodField()

    class Meta(MatchRunSerializer.Meta):
        fields = [*MatchRunSerializer.Meta.fields, "unplaced"]
        read_only_fields = fields

    @extend_schema_field(UnplacedSerializer(many=True))
    def get_unplaced(self, run: MatchRun) -> list[dict[str, object]]:
        ids = dict(
            User.objects.filter(pk__in=[item["user"] for item in run.unplaced]).values_list(
                "pk", "uuid"
            )
        )
        return [
            {"mentee": ids[item["user"]], "reason": item["reason"], "message": item["message"]}
            for item in run.unplaced
            if item["user"] in ids
        ]


class SurveyResultsSerializer(serializers.Serializer):
    """A survey's results: distinct people, rounds, and one suppressed table per question."""

    survey = serializers.UUIDField()
    num_people = serializers.IntegerField(help_text="Distinct people who answered.")
    num_rounds = serializers.IntegerField(help_text="Rounds answered (recurring surveys).")
    tables = ReportTableSerializer(many=True)
