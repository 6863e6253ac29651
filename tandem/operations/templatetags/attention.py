from django import template

from tandem.operations.attention import needs_attention_for

register = template.Library()


@register.inclusion_tag("operations/_needs_attention.html", takes_context=True)
def needs_attention_section(context: template.Context) -> dict:
    """The coordinator's "Needs your attention" panel (see operations.attention for its
    queries); nothing for people who coordinate no programme."""
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    return {"attention": needs_attention_for(user)}
