"""The pages that span the apps: the home page, robots.txt and the privacy page."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core.site_address import absolute_url
from education.models import Article
from exercises.models import Exercise
from questions.models import Question


class HomeView(TemplateView):
    """Featured articles, exercises and recent answers, the ask form and the call to book."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = (
            Article.objects.published()
            .only(
                "title",
                "slug",
                "summary",
                "reading_minutes",
                "publish_at",
                "hero_image_renditions",
                "hero_alt",
            )
            .order_by("-publish_at")[:3]
        )
        context["exercises"] = Exercise.objects.published().with_cards().order_by("name")[:4]
        context["questions"] = (
            Question.objects.published().only("public_title", "slug").order_by("-published_at")[:5]
        )
        return context


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        f"Disallow: {reverse('questions:ask_thanks')}",
        f"Disallow: {reverse('clinic:book')}",
        f"Disallow: {reverse('search:search')}",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def privacy(request):
    return render(
        request, "privacy.html", {"retention_days": settings.PERSONAL_DATA_RETENTION_DAYS}
    )
