"""The three "at a glance" perspectives recommended by seed 002 §6: who each is for, which
impacts it promises, and the next steps in Tandem."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NextStep:
    text: str
    url_name: str
    url_kwargs: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        return reverse(self.url_name, kwargs=dict(self.url_kwargs))


@dataclass(frozen=True)
class Perspective:
    slug: str
    flag: str  # FrameworkItem.is_for_<flag>
    title: str
    heading: str
    intro: str
    impact_audiences: tuple[str, ...]
    next_steps: tuple[NextStep, ...]


PERSPECTIVES = {
    "leaders": Perspective(
        slug="leaders",
        flag="leaders",
        title="For leaders",
        heading="The Framework at a glance for leaders",
        intro=(
            "What headteachers, CPD leads and trust or local authority leaders need to put "
            "in place, what to watch for, and what the organisation and its young people can "
            "expect to gain."
        ),
        impact_audiences=("organisation", "young-people"),
        next_steps=(
            NextStep(
                "Review how your organisation does mentoring, coaching or co-coaching",
                "framework:review-list",
            ),
            NextStep(
                "Compare mentoring, specialist coaching and co-coaching",
                "framework:concept-comparison",
            ),
            NextStep(
                "See your organisation's members and mentors", "organisations:organisation-list"
            ),
        ),
    ),
    "mentors": Perspective(
        slug="mentors",
        flag="mentors",
        title="For mentors and coaches",
        heading="The Framework at a glance for mentors and coaches",
        intro=(
            "How to work with a mentee or coachee, the qualities and skills that make a "
            "difference, and what you and your organisation gain from the role."
        ),
        impact_audiences=("mentor", "organisation"),
        next_steps=(
            NextStep("Record your mentor or coach training", "people:training-add"),
            NextStep("Tell coordinators you are willing to mentor or coach", "people:profile-edit"),
            NextStep("Read the ten principles", "framework:item-list", (("kind", "principle"),)),
        ),
    ),
    "mentees": Perspective(
        slug="mentees",
        flag="mentees",
        title="For mentees and coachees",
        heading="The Framework at a glance for mentees and coachees",
        intro=(
            "What to expect from mentoring or coaching, what to ask for, and the benefits "
            "for you and your organisation."
        ),
        impact_audiences=("mentee", "organisation"),
        next_steps=(
            NextStep(
                "Complete your profile so you can be matched with the right mentor or coach",
                "people:profile-edit",
            ),
            NextStep(
                "Find out what a learning agreement covers",
                "framework:item-detail",
                (("kind", "principle"), ("key", "learning-agreement")),
            ),
            NextStep(
                "Compare mentoring, specialist coaching and co-coaching",
                "framework:concept-comparison",
            ),
        ),
    ),
}
