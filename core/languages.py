"""The languages of a page: which of settings.LANGUAGES its content is written in, and its
address in each, for the language switcher and the `hreflang` alternates (base.html).

Every page's interface is in every language. A view whose content may lack a
translation (an article not yet in Spanish) says which languages the content exists in
with `written_in(request, languages)`; its other-language address still works, and
shows the original text under a note in the reader's language.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from core.page_cache import PAGE_PARAMETERS
from core.site_address import absolute_url

# What the switcher keeps of the query: what the page shows (a search, a filter, a page of
# a list); never the rest, such as where a booking came from, which the page checks.
KEPT_PARAMETERS = frozenset(PAGE_PARAMETERS) | {"q"}


def written_in(request, languages):
    """Say that this page's content exists in `languages` only."""
    request.content_languages = frozenset(languages)


def page_languages(request):
    """[{code, name, path, full_path, current, translated}] for each of the site's languages."""
    here = get_language()
    written = getattr(request, "content_languages", None)
    try:
        query = urlencode([(k, v) for k, v in request.GET.items() if k in KEPT_PARAMETERS])
    except SuspiciousOperation:  # the 400 page for a query too long to read
        query = ""
    full_path = f"{request.path}?{query}" if query else request.path
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],  # each in itself: "Español"
            "path": translate_url(request.path, code),
            "url": absolute_url(translate_url(request.path, code)),
            "full_path": translate_url(full_path, code),
            "current": code == here,
            "translated": written is None or code in written,
        }
        for code, _ in settings.LANGUAGES
    ]
