"""The site's main pages by name, reversed once per process: what core.links gives every
template (`{{ links.ask }}`) and email, so that an app links to a page of an app above
it without naming that app."""

from functools import cache

from django.urls import reverse
from django.utils.translation import get_language


def site_links():
    """The links in the language of the page (or email) being written."""
    return _site_links(get_language())


@cache
def _site_links(language):
    return {
        "home": reverse("home"),
        "privacy": reverse("privacy"),
        "articles": reverse("education:article_list"),
        "article_feed": reverse("education:article_feed"),
        "exercises": reverse("exercises:list"),
        "ask": reverse("questions:ask"),
        "answers": reverse("questions:list"),
        "clinics": reverse("clinic:clinic_list"),
        "book": reverse("clinic:book"),
        "search": reverse("search:search"),
    }
