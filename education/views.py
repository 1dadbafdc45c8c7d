from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from clinic.antispam import over_limit
from clinic.models import BodyRegion
from clinic.views import rate_limited
from education import services
from education.forms import AskForm
from education.models import Article, KeyPoint, Question
from education.search import search as site_search
from exercises.models import Exercise


class HomeView(TemplateView):
    template_name = "education/home.html"

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

    def is_preview(self):
        # Staff preview drafts, articles in review and scheduled ones; the public cannot.
        return self.request.user.is_authenticated and self.request.user.is_staff

    def get_queryset(self):
        articles = Article.objects.all() if self.is_preview() else Article.objects.published()
        return articles.select_related("author", "reviewer").prefetch_related(
            Prefetch("key_points", queryset=KeyPoint.objects.order_by("order", "pk")),
            "references",
            "regions",
            "conditions",
            Prefetch(
                "questions",
                queryset=Question.objects.published().only("public_title", "slug"),
                to_attr="public_questions",
            ),
            Prefetch(
                "exercises",
                queryset=Exercise.objects.published().with_cards(),
                to_attr="public_exercises",
            ),
        )

    def get_context_data(self, **kwargs):
        article = self.object
        regions = list(article.regions.all())
        return super().get_context_data(
            cta_region=regions[0] if regions else None,
            json_ld=self.json_ld(article, regions),
            **kwargs,
        )

    def json_ld(self, article, regions):
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
            "url": self.request.build_absolute_uri(article.get_absolute_url()),
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


@method_decorator(never_cache, name="dispatch")
class AskView(FormView):
    """The Ask Our Experts form. Bots are dropped silently; floods get the kind 429 page."""

    template_name = "education/ask.html"
    form_class = AskForm

    def get_initial(self):
        initial = super().get_initial()
        region = self.request.GET.get("region")
        if region:
            initial["region"] = BodyRegion.objects.filter(slug=region).first()
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            retention_days=settings.PERSONAL_DATA_RETENTION_DAYS, **kwargs
        )

    def form_valid(self, form):
        if form.looks_like_a_bot:
            return redirect("education:ask_thanks")
        data = form.cleaned_data
        if over_limit(self.request, "ask", email=data["email"]):
            return rate_limited(self.request)
        question = services.submit_question(
            name=data["name"],
            email=data["email"],
            text=data["text"],
            region=data["region"],
            may_publish=data["may_publish"],
        )
        response = redirect("education:ask_thanks")
        # The reference travels to the thanks page in a signed cookie scoped to that page,
        # not in a server-side session: no session row per question, nothing to clean up.
        response.set_signed_cookie(
            THANKS_COOKIE,
            question.reference,
            salt=THANKS_COOKIE,
            max_age=THANKS_COOKIE_SECONDS,
            path=reverse("education:ask_thanks"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


THANKS_COOKIE = "ask_reference"
THANKS_COOKIE_SECONDS = 60 * 60


@never_cache
def ask_thanks(request):
    reference = request.get_signed_cookie(
        THANKS_COOKIE, default=None, salt=THANKS_COOKIE, max_age=THANKS_COOKIE_SECONDS
    )
    return render(request, "education/ask_thanks.html", {"reference": reference})


class QuestionListView(ListView):
    template_name = "education/question_list.html"
    context_object_name = "questions"
    paginate_by = 15

    def get_queryset(self):
        self.regions = list(BodyRegion.objects.filter(questions__status="published").distinct())
        self.region = None
        slug = self.request.GET.get("region")
        questions = Question.objects.published().only(
            "public_title", "public_text", "slug", "published_at", "region_id"
        )
        if slug:
            self.region = next((r for r in self.regions if r.slug == slug), None)
            if self.region is None:
                raise Http404("No such body region")
            questions = questions.filter(region=self.region)
        return questions.order_by("-published_at", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(regions=self.regions, region=self.region, **kwargs)


class QuestionDetailView(DetailView):
    template_name = "education/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        # Only published questions have a page; there is no preview.
        return (
            Question.objects.published()
            .select_related("answered_by", "region")
            .defer("name", "email", "text", "decline_reason")
            .prefetch_related(
                Prefetch(
                    "related_articles",
                    queryset=Article.objects.published().only("title", "slug", "summary"),
                ),
                Prefetch(
                    "related_exercises",
                    queryset=Exercise.objects.published().with_cards(),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        question = self.object
        context = {
            "cta_region": question.region,
            "other_questions": (
                Question.objects.published()
                .filter(region=question.region_id)
                .exclude(pk=question.pk)
                .only("public_title", "slug")
                .order_by("-published_at")[:5]
                if question.region_id
                else []
            ),
            "ask_form_url": "/ask/"
            + (f"?region={question.region.slug}" if question.region else ""),
            "json_ld": self.json_ld(question),
        }
        return super().get_context_data(**context, **kwargs)

    def json_ld(self, question):
        author = (
            {
                "@type": "Person",
                "name": question.answered_by.name,
                "honorificSuffix": question.answered_by.credentials,
                "jobTitle": "Physical therapist",
            }
            if question.answered_by
            else {"@type": "Organization", "name": settings.SITE_NAME}
        )
        return {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "url": self.request.build_absolute_uri(question.get_absolute_url()),
            "name": question.public_title,
            "inLanguage": "en",
            "datePublished": question.published_at.date().isoformat(),
            "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
            "mainEntity": {
                "@type": "Question",
                "name": question.public_title,
                "text": question.public_text,
                "answerCount": 1,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": question.answer,
                    "dateCreated": question.answered_at.date().isoformat()
                    if question.answered_at
                    else None,
                    "author": author,
                },
            },
        }


# Searching is cheap but not free: a person never types 60 searches a minute.
SEARCH_RATE = "60/m"


def search(request):
    """/search/?q=: articles, exercises and answered questions, title matches first."""
    if over_limit(request, "search", rate=SEARCH_RATE):
        return rate_limited(request)
    results = site_search(
        request.GET.get("q", ""), kind=request.GET.get("kind"), page=request.GET.get("page")
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
        # Somewhere to go instead of a dead end.
        context["newest_articles"] = (
            Article.objects.published().only("title", "slug").order_by("-publish_at")[:5]
        )
        context["regions"] = BodyRegion.objects.filter(
            articles__in=Article.objects.published()
        ).distinct()
    return render(request, "education/search.html", context)
