"""/search/: one search over articles, exercises and answered questions."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.antispam import over_limit
from core.views import rate_limited
from search.assist import before_you_ask
from search.engine import search as site_search
from search.indexing import get_source, registered

# Searching is cheap but not free: a person never types 60 searches a minute. The
# suggestions while typing a question have their own, larger allowance: a long question
# asks many times, and must not use up the patient's searches.
SEARCH_RATE = "60/m"
SUGGEST_RATE = "120/m"


def search(request):
    """/search/?q=: every registered kind of page (articles, exercises, answers), title
    matches first."""
    if over_limit(request, "search", rate=SEARCH_RATE):
        return rate_limited(request, wait=gettext("a minute"), retry_after=60)
    results = site_search(
        request.GET.get("q", ""),
        kind=request.GET.get("kind"),
        page=request.GET.get("page"),
        # "Search instead for …": the words exactly as typed.
        correct=request.GET.get("spell") != "off",
    )
    context = {
        "results": results,
        "page_obj": results.page_obj,
        "search_query": results.text,
        "query_string": urlencode(
            {"q": results.text, **({"kind": results.kind} if results.kind else {})}
        ),
    }
    if not results.results:
        # Somewhere to go instead of a dead end, from the sources that offer it.
        context["browse_by_region"] = [
            link
            for source in registered()
            if source.browse_by_region
            for link in source.browse_by_region()
        ]
        context["newest"] = [(source, source.newest()) for source in registered() if source.newest]
    return render(request, "search/search.html", context)


@never_cache
@require_POST
def suggest(request):
    """POST /search/suggest/ (q=…): published answers and articles for a question being
    typed on /ask/ ("These answers may help"), as JSON. The text travels in the body, so
    no access log keeps it; it goes nowhere else and is not kept."""
    if over_limit(request, "suggest", rate=SUGGEST_RATE):
        response = JsonResponse({"results": []}, status=429)
        response["Retry-After"] = "60"
        return response
    text = request.POST.get("q", "")[:500]
    results = before_you_ask(text) if len(text.strip()) >= 3 else []
    return JsonResponse(
        {
            "results": [
                {"title": r.title, "url": r.url, "kind": get_source(r.kind).suggest_label}
                for r in results
            ]
        }
    )
