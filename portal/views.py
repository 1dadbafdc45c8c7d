"""The pages that span the apps: the home page, robots.txt and the privacy page."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core.site_address import absolute_url
from education.models import Article
from exercises.models import Exercise
from portal.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise
from questions.models import Question


class HomeView(TemplateView):
    """The condition articles, exercises and answers staff featured (Home page, in the admin), in
    their order; the newest ones where they featured none. Then the ask form and booking."""

    template_name = "home.html"
    ARTICLE_CARD_FIELDS = (
        "title",
        "slug",
        "summary",
        "reading_minutes",
        "publish_at",
        "hero_image_renditions",
        "hero_alt",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # In the page's language where a PT has checked a translation (core.translations).
        articles = Article.objects.published().only(*self.ARTICLE_CARD_FIELDS).translated()
        exercises = Exercise.objects.published().with_cards().translated()
        questions = Question.objects.published().only("public_title", "slug").translated()
        featured = self.featured(articles, exercises, questions)
        context["articles"] = featured["articles"] or articles.order_by("-publish_at")[:3]
        context["exercises"] = featured["exercises"] or exercises.order_by("name")[:4]
        context["questions"] = featured["questions"] or questions.order_by("-published_at")[:5]
        return context

    @staticmethod
    def featured(articles, exercises, questions):
        """What staff chose, in their order; published pages only."""

        def chosen(model, field, queryset):
            choices = model.objects.filter(
                **{f"{field}__in": queryset.values("pk")}
            ).prefetch_related(Prefetch(field, queryset=queryset))
            return [getattr(choice, field) for choice in choices]

        return {
            "articles": chosen(FeaturedArticle, "article", articles),
            "exercises": chosen(FeaturedExercise, "exercise", exercises),
            "questions": chosen(FeaturedAnswer, "question", questions),
        }


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Never the admin's address: ADMIN_URL is chosen to be hard to guess, and robots.txt
        # is public (the admin answers crawlers with its sign-in page and noindex anyway).
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
