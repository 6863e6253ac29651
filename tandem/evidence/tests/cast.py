"""An evidence base in the shape of seed 002's review, for the evidence app's tests.

Northfield Teaching School reviews the literature on mentoring: a moderator (its CPD
lead), two reviewers, three sources (one agreed, one awaiting moderation, one not yet
reviewed) and a reference file waiting for confirmation.
"""

from typing import Any

from django.utils import timezone

from tandem.evidence.models import (
    ImportFormat,
    LiteratureBase,
    ReviewTag,
    Source,
    SourceImport,
    SourceReview,
    SourceStatus,
    TeamMember,
)
from tandem.organisations.models import Membership
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import person

ROLES = ["moderator", "reviewer", "member", "outsider", "anonymous"]
TAG = ("principle", "learning-conversation")


def review_fields(prefix: str) -> dict[str, str]:
    return {
        "sector": "Education",
        "cpd_context": "Mentoring",
        "purpose": f"{prefix}: to evaluate a pilot coaching programme for headteachers.",
        "participants": "Headteachers",
        "country_region": "Devon, England",
        "methods": f"{prefix}: interviews with 4 headteachers.",
        "effective_elements": f"{prefix}: an external coach; confidentiality.",
        "reviewer_comments": f"{prefix}: small sample.",
    }


def _review(
    source: Source, reviewer: Any, *, agreed: bool = False, prefix: str = ""
) -> SourceReview:
    review = SourceReview.objects.create(
        source=source,
        reviewer=reviewer,
        is_agreed=agreed,
        reference=source.reference,
        strength=SourceReview.Strength.MODERATE,
        submitted_at=timezone.now(),
        moderation_note="Agreed at the moderation meeting." if agreed else "",
        **review_fields(prefix or reviewer.full_name),
    )
    ReviewTag.objects.create(review=review, kind=TAG[0], key=TAG[1])
    return review


def build_evidence_cast() -> dict[str, Any]:
    northfield = OrganisationFactory.create(name="Northfield Teaching School")
    elsewhere = OrganisationFactory.create(name="Faraway School")
    moderator = person(northfield, "Mona Moderator", Membership.Access.COORDINATOR)
    reviewer = person(northfield, "Rory Reviewer")
    # The second reviewer of every source: the matrix's reviewer is the first.
    second = person(northfield, "Sadie Second")
    # Mel works at Northfield but is not on the team: she reads the agreed evidence only.
    member = person(northfield, "Mel Member")
    outsider = person(elsewhere, "Charlie Outsider")
    base = LiteratureBase.objects.create(
        title="Mentoring and coaching evidence",
        organisation=northfield,
        created_by=moderator,
    )
    TeamMember.objects.create(base=base, user=moderator, role=TeamMember.Role.MODERATOR)
    TeamMember.objects.create(base=base, user=reviewer, role=TeamMember.Role.REVIEWER)
    TeamMember.objects.create(base=base, user=second, role=TeamMember.Role.REVIEWER)
    agreed = Source.objects.create(
        base=base,
        title="Devon LA Headteacher Coaching Pilot 2007",
        title_key="devon la headteacher coaching pilot 2007",
        authors="Allan, P.",
        year=2007,
        source_type=Source.Type.REPORT,
        status=SourceStatus.AGREED,
    )
    waiting = Source.objects.create(
        base=base,
        title="Head to head: mentoring new head teachers",
        title_key="head to head mentoring new head teachers",
        authors="Hobson, A.\nSharp, C.",
        year=2005,
        doi="10.1080/13632430500036231",
        status=SourceStatus.AWAITING_MODERATION,
    )
    fresh = Source.objects.create(base=base, doi="10.1080/0261976032000088765")
    for source in (agreed, waiting):
        _review(source, reviewer)
        _review(source, second)
    agreed_review = _review(agreed, moderator, agreed=True, prefix="Agreed")
    pending = SourceImport.objects.create(
        base=base,
        file_format=ImportFormat.DOI,
        entries=[{"line": 1, "fields": {"doi": "10.1/new", "title": "", "year": None}}],
        created_by=moderator,
    )
    return {
        "northfield": northfield,
        "moderator": moderator,
        "reviewer": reviewer,
        "second": second,
        "member": member,
        "outsider": outsider,
        "anonymous": None,
        "base": base,
        "agreed": agreed,
        "waiting": waiting,
        "fresh": fresh,
        "agreed_review": agreed_review,
        "import": pending,
        "moderator_membership": base.team.get(user=moderator),
        "second_membership": base.team.get(user=second),
    }
