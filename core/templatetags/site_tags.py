import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The escapes of Django's json_script: nothing in the data can close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Structured data for search engines, in a <script type="application/ld+json"> block.

    A data block is not run as script, so the CSP (script-src 'self') allows it.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


@register.simple_tag
def picture(renditions, alt, sizes="100vw", css_class="", lazy=True):
    """An <img> with a srcset of the stored renditions; never the original upload.

    `renditions` is the `<field>_renditions` dict made by core.images.
    """
    if not renditions:
        return ""
    ordered = sorted(renditions.values(), key=lambda r: r["width"])
    from django.core.files.storage import default_storage

    srcset = ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in ordered)
    # The 640px copy (or the largest below it) is the fallback src.
    fallback = next((r for r in reversed(ordered) if r["width"] <= 640), ordered[0])
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}>',
        default_storage.url(fallback["name"]),
        srcset,
        sizes,
        fallback["width"],
        fallback["height"],
        alt,
        format_html(' class="{}"', css_class) if css_class else "",
        mark_safe(' loading="lazy" decoding="async"') if lazy else "",
    )


@register.simple_tag(takes_context=True)
def page_languages(context):
    """This page in each of the site's languages (core.languages), for the switcher and
    the hreflang alternates; none on a page rendered without a request (an email)."""
    from core.languages import page_languages

    request = context.get("request")
    return page_languages(request) if request is not None else []


@register.filter
def lang_attr(row):
    """` lang="en"` on the text of a row shown in another language than the page's (an
    article not yet translated), so that screen readers read it in its own language."""
    from django.utils.translation import get_language

    shown = getattr(row, "shown_language", None)
    if shown and shown != get_language():
        return format_html(' lang="{}"', shown)
    return ""


@register.simple_tag
def source_lang():
    """` lang="en"` on a text the clinic writes in English only (a clinic's directions, a
    therapist's bio), on a page in another language."""
    from django.conf import settings
    from django.utils.translation import get_language

    if get_language() != settings.LANGUAGE_CODE:
        return format_html(' lang="{}"', settings.LANGUAGE_CODE)
    return ""
