"""The safety wording of core.safety in templates, emails included (no request needed).

Built in to every template (settings.TEMPLATES), so a page, a printout or an email says
`{% emergency_number %}` or `{% pain_rule %}` without a load.
"""

from django import template

from core import safety

register = template.Library()


@register.simple_tag
def emergency_number():
    return safety.emergency_number()


@register.simple_tag
def urgent_groups():
    """[(heading, signs)] of the signs every patient page names: use with `as`."""
    return safety.general_groups()


@register.simple_tag
def pain_rule():
    return safety.pain_rule()
