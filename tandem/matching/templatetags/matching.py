from django import template
from django.db.models import Count, Q

from tandem.matching.engine.criteria import Criterion
from tandem.matching.engine.scoring import out_of_100
from tandem.matching.forms import CRITERION_NAMES
from tandem.matching.models import OfferStatus, RunStatus, ShortlistOffer

register = template.Library()


@register.inclusion_tag("matching/_home_section.html", takes_context=True)
def matching_section(context: template.Context) -> dict:
    """Home-page prompts: a shortlist to choose from, or mentees waiting for an answer.

    One query: the person's offers in open rounds, as mentee or as chosen mentor.
    """
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    mine = Q(mentee=user)
    asked = Q(mentor=user, status=OfferStatus.CHOSEN)
    counts = (
        ShortlistOffer.objects.filter(run__status=RunStatus.OPEN)
        .filter(mine | asked)
        .aggregate(
            suggested=Count("pk", filter=mine & Q(status=OfferStatus.SUGGESTED)),
            settled=Count(
                "pk", filter=mine & Q(status__in=[OfferStatus.CHOSEN, OfferStatus.ACCEPTED])
            ),
            waiting=Count("pk", filter=asked),
        )
    )
    return {
        "can_choose": counts["suggested"] > 0 and counts["settled"] == 0,
        "waiting_for_me": counts["waiting"],
    }


@register.filter
def shown_to(parts: list[dict[str, object]], audience: str) -> list[dict[str, object]]:
    """The contributions a reader may see. A mentor never sees the mentee-preference points:
    their size would tell the mentor where the mentee ranked them among the mentors named."""
    if audience != "mentor":
        return parts
    return [part for part in parts if part.get("criterion") != Criterion.MENTEE_PREFERENCE]


@register.filter
def criterion_label(part: dict[str, object], audience: str = "mentee") -> str:
    """A stored contribution's label for its reader: mentees read "your focus areas";
    coordinators and mentors read the neutral name ("the mentee's focus areas")."""
    if audience == "mentee":
        return str(part["label"])
    try:
        return CRITERION_NAMES[Criterion(str(part["criterion"]))]
    except ValueError:
        return str(part["label"])


@register.filter
def score(points: float | None) -> str:
    """A match score or a criterion's share of it, on the one scale people see: out of 100."""
    return "—" if points is None else out_of_100(points)
