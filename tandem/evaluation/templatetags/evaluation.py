"""`{% surveys_owed %}` for the home page (people cannot import evaluation: the tag keeps
the import direction while the home page lists what a participant owes)."""

from django import template

from tandem.evaluation.selectors import surveys_owed

register = template.Library()


@register.inclusion_tag("evaluation/_surveys_owed.html", takes_context=True)
def surveys_owed_section(context: template.Context) -> dict:
    user = context["user"]
    return {"owed": surveys_owed(user) if user.is_authenticated else []}
