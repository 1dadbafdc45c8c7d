"""What a path of this site is, for the staff: the title of the page it shows."""

from django.http import Http404
from django.urls import Resolver404, resolve


def page_title(request, path):
    """The title of the public page at `path` (an article, an exercise, an answer, a
    clinic…), found as its own detail view finds it, or "" for any other page.

    Generic on purpose: the view's own queryset and slug, so that no app needs to know
    the others, and a draft or an unknown slug gives ""."""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_object"):
        return ""
    view = view_class()
    view.setup(request, *match.args, **match.kwargs)
    try:
        return str(view.get_object())[:200]
    except (Http404, AttributeError):
        return ""
