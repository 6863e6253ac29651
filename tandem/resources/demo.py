"""A handful of demo resources: public ones for the extranet, one for Moorland's staff and
one for the partnership, tagged to principles 7 and 10 among others. Summaries are in
Tandem's own words and cite the source documents by title."""

from typing import Any

from tandem.accounts.models import User
from tandem.framework import keys
from tandem.organisations.models import Organisation, Partnership
from tandem.resources.models import Resource
from tandem.resources.services import create_resource

REVIEW = "Mentoring and coaching for professionals: a study of the research evidence (NFER, 2008)"
FRAMEWORK = "National Framework for Mentoring and Coaching"

DEMO_RESOURCES: list[dict[str, Any]] = [
    {
        "title": "Why does this approach work? Questions for a learning conversation",
        "summary": (
            "Six questions a mentor and mentee can use after trying a new approach, to talk "
            "about why it worked (or did not) and how it might be adapted elsewhere. Drawn "
            f"from principle 7 of the {FRAMEWORK}."
        ),
        "kind": Resource.Kind.TEMPLATE,
        "visibility": Resource.Visibility.PUBLIC,
        "for_mentors": True,
        "for_mentees": True,
        "source": f"Tandem, after the {FRAMEWORK}, principle 7",
        "tags": [
            (keys.Kind.PRINCIPLE, keys.Principle.UNDERSTANDING_WHY),
            (keys.Kind.PRINCIPLE, keys.Principle.LEARNING_CONVERSATION),
        ],
    },
    {
        "title": "Using resources well in mentoring: a short guide",
        "summary": (
            "How to choose, share and talk about a reading, video or tool so that it serves "
            "the learner's goal rather than replacing the conversation (principle 10 of the "
            f"{FRAMEWORK}). Includes a checklist for the next meeting."
        ),
        "kind": Resource.Kind.DOCUMENT,
        "visibility": Resource.Visibility.PUBLIC,
        "for_mentors": True,
        "for_mentees": True,
        "for_leaders": True,
        "source": f"Tandem, after the {FRAMEWORK}, principle 10",
        "tags": [(keys.Kind.PRINCIPLE, keys.Principle.USING_RESOURCES_EFFECTIVELY)],
    },
    {
        "title": "Protecting time for mentoring: what the evidence says",
        "summary": (
            "A summary for leaders of why sufficient, protected time is among the features "
            f"of effective schemes, with practical steps for timetabling. See {REVIEW}, "
            "section 4.3."
        ),
        "kind": Resource.Kind.DOCUMENT,
        "visibility": Resource.Visibility.PUBLIC,
        "for_leaders": True,
        "source": f"Tandem, summarising {REVIEW}",
        "tags": [
            (keys.Kind.EFFECTIVE_FEATURE, keys.EffectiveFeature.SUFFICIENT_TIME),
            (keys.Kind.PRINCIPLE, keys.Principle.USING_RESOURCES_EFFECTIVELY),
        ],
    },
    {
        "title": "Moorland observation planner",
        "summary": (
            "Moorland's one-page planner for a joint observation linked to a goal: focus, "
            "what evidence to collect, and when to talk about it afterwards."
        ),
        "kind": Resource.Kind.TEMPLATE,
        "visibility": Resource.Visibility.ORGANISATION,
        "for_mentors": True,
        "for_mentees": True,
        "source": "Moorland Academy CPD team",
        "tags": [
            (keys.Kind.PRINCIPLE, keys.Principle.EXPERIMENTING_OBSERVING),
            (keys.Kind.PRINCIPLE, keys.Principle.CHALLENGING_PERSONAL_GOALS),
        ],
    },
    {
        "title": "Building a coaching ethos across the partnership",
        "summary": (
            "Notes from the partnership's steering group on creating an ethos where coaching "
            "is part of professional development, for use with the review tool's first "
            "outcome."
        ),
        "kind": Resource.Kind.DOCUMENT,
        "visibility": Resource.Visibility.PARTNERSHIP,
        "for_leaders": True,
        "source": "Partnership steering group",
        "tags": [("review-outcome", keys.ReviewOutcome.ETHOS)],
        "partnership": True,
    },
]


def load_resources_demo(
    *, coordinator: User, organisation: Organisation, partnership: Partnership
) -> list[Resource]:
    """Add the demo resources as the coordinator (who coordinates `organisation`)."""
    added = []
    for number, details in enumerate(DEMO_RESOURCES, start=1):
        fields = dict(details)
        tags = fields.pop("tags")
        holder: dict[str, Any] = (
            {"partnership": partnership}
            if fields.pop("partnership", False)
            else {"organisation": organisation}
        )
        added.append(
            create_resource(
                actor=coordinator,
                tags=tags,
                link=f"https://tandem.example.org/demo/resources/{number}",
                licence=Resource.Licence.OGL,
                **holder,
                **fields,
            )
        )
    return added
