"""The condition articles: the list with its region filter, and an article."""

from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import DetailView, ListView

from clinic.models import BodyRegion
from core.languages import written_in
from core.page_cache import shows
from core.site_address import absolute_url
from core.staff import may_preview
from core.translations import written_languages
from education.models import Article, Condition, KeyPoint
from exercises.models import Exercise
from exercises.views import ExercisesHandoutMixin


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
        return articles.prefetch_related("regions").order_by("-publish_at", "pk").translated()

    def get_context_data(self, **kwargs):
        shows(self.request, Article)
        return super().get_context_data(regions=self.regions, region=self.region, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "education/article_detail.html"
    context_object_name = "article"

    def is_preview(self):
        # Staff who may edit articles preview drafts, articles in review and scheduled
        # ones; everyone else (the front desk included) gets 404 for them.
        return may_preview(self.request, "education.change_article")

    def get_queryset(self):
        articles = Article.objects.all() if self.is_preview() else Article.objects.published()
        return (
            articles.translated()
            .select_related("author", "reviewer")
            .prefetch_related(
                Prefetch("key_points", queryset=KeyPoint.objects.order_by("order", "pk")),
                "references",
                "regions",
                Prefetch("conditions", queryset=Condition.objects.select_related("region")),
                Prefetch(
                    "exercises",
                    queryset=Exercise.objects.published().with_cards().translated(),
                    to_attr="public_exercises",
                ),
                "exercise_cautions",
            )
        )

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        # Each card says whether this article's readers should leave it out or wait.
        written_in(self.request, written_languages(article))
        cautions = article.cautions_by_exercise()
        for exercise in article.public_exercises:
            exercise.caution = cautions.get(exercise.pk)
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        regions = list(article.regions.all())
        # Answers that link here (a relation the questions app declares; no import of it).
        related_questions = list(
            article.questions.published().only("public_title", "slug").translated()
        )
        shows(self.request, article, article.public_exercises, related_questions)
        return super().get_context_data(
            cta_region=self.main_region(article, regions),
            related_questions=related_questions,
            json_ld=article.json_ld(absolute_url(article.get_absolute_url())),
            **kwargs,
        )

    @staticmethod
    def main_region(article, regions):
        """The region the page is mostly about, for its booking box: that of its first
        condition (knock knees: the knee, not the hip), else its first region."""
        conditions = list(article.conditions.all())
        for region in regions:  # the listed one: shown in the page's language
            if conditions and region.pk == conditions[0].region_id:
                return region
        return regions[0] if regions else None

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_public:
            # A preview is for the signed-in editor only: never cached, never indexed.
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response


class ArticleExercisesHandoutView(ExercisesHandoutMixin, DetailView):
    """/articles/<slug>/print/: the article's exercises on one or two printed pages."""

    template_name = "education/article_exercises_print.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().only("title", "slug", "summary").translated()

    def exercise_cautions(self):
        return self.object.cautions_by_exercise()
