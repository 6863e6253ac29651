"""Evaluation tags for other apps' pages. People and programmes cannot import evaluation,
so these tags keep the import direction while the home page lists the surveys someone
owes and programme pages link coordinators and leaders to the evaluation pages."""

from django import template

from tandem.evaluation.policy import is_programme_leader
from tandem.evaluation.selectors import programmes_to_evaluate, surveys_owed
from tandem.programmes.models import Programme
from tandem.programmes.policy import is_coordinator

register = template.Library()


@register.inclusion_tag("evaluation/_surveys_owed.html", takes_context=True)
def surveys_owed_section(context: template.Context) -> dict:
    user = context["user"]
    return {"owed": surveys_owed(user) if user.is_authenticated else []}


@register.inclusion_tag("evaluation/_programme_links.html", takes_context=True)
def evaluation_links(context: template.Context, programme: Programme) -> dict:
    """Surveys, health check and report for coordinators; the report (and survey results)
    for leaders of the programme's organisations; nothing for anyone else."""
    user = context["user"]
    coordinates = is_coordinator(user, programme)
    return {
        "programme": programme,
        "is_coordinator": coordinates,
        "is_leader": not coordinates and is_programme_leader(user, programme),
    }


@register.inclusion_tag("evaluation/_programmes_to_evaluate.html", takes_context=True)
def programmes_to_evaluate_section(context: template.Context) -> dict:
    user = context["user"]
    return {"programmes": list(programmes_to_evaluate(user)) if user.is_authenticated else []}
