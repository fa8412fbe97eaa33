"""Filters of the staff site's overrides of Django's admin templates (templates/admin/)."""

from django import template
from django.utils.safestring import SafeData, mark_safe

register = template.Library()


@register.filter
def chinese_colons(items):
    """Django's nested lists of the objects a deletion takes, each "<model>: <object or its link>", with a Chinese
    colon ("用户：demo"); what was escaped stays so, what was not is escaped by the template as before."""
    def item_in_chinese(item):
        text = str(item).replace(": ", "：", 1)
        return mark_safe(text) if isinstance(item, SafeData) else text  # escaped already

    return [chinese_colons(item) if isinstance(item, list) else item_in_chinese(item) for item in items]
