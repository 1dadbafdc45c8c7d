from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from clinic.models import BodyRegion
from education.models import Article, KeyPoint


class HomeView(TemplateView):
    template_name = "education/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = (
            Article.objects.published()
            .only("title", "slug", "summary", "reading_minutes", "publish_at")
            .order_by("-publish_at")[:3]
        )
        return context


class ArticleListView(ListView):
    template_name = "education/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        self.regions = list(BodyRegion.objects.filter(articles__isnull=False).distinct())
        self.region = None
        slug = self.request.GET.get("region")
        articles = Article.objects.published().defer(
            *[key for key, _ in Article.SECTIONS], "rendered", "red_flags"
        )
        if slug:
            self.region = next((r for r in self.regions if r.slug == slug), None)
            if self.region is None:
                raise Http404("No such body region")
            articles = articles.filter(regions=self.region)
        return articles.prefetch_related("regions").order_by("-publish_at", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(regions=self.regions, region=self.region, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "education/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        articles = Article.objects.select_related("author", "reviewer").prefetch_related(
            Prefetch("key_points", queryset=KeyPoint.objects.order_by("order", "pk")),
            "references",
            "regions",
            "conditions",
        )
        # Staff preview drafts, articles in review and scheduled ones; the public cannot.
        if not (self.request.user.is_authenticated and self.request.user.is_staff):
            articles = articles.published()
        return get_object_or_404(articles, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        regions = list(article.regions.all())
        context["cta_region"] = regions[0] if regions else None
        context["json_ld"] = self.json_ld(article, regions)
        return context

    def json_ld(self, article, regions):
        url = self.request.build_absolute_uri(article.get_absolute_url())

        def person(therapist):
            return {
                "@type": "Person",
                "name": therapist.name,
                "honorificSuffix": therapist.credentials,
                "jobTitle": "Physical therapist",
            }

        conditions = list(article.conditions.all())
        return {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "url": url,
            "name": article.title,
            "headline": article.title,
            "description": article.summary,
            "inLanguage": "en",
            "datePublished": article.publish_at.date().isoformat(),
            "dateModified": article.updated_at.date().isoformat(),
            "lastReviewed": article.last_reviewed.isoformat(),
            "reviewedBy": person(article.reviewer),
            "author": person(article.author),
            "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
            "about": [
                {"@type": "MedicalCondition", "name": c.name, "alternateName": c.also_known_as}
                for c in conditions
            ]
            or [{"@type": "MedicalCondition", "name": article.title}],
            "keywords": ", ".join(r.name for r in regions),
        }
