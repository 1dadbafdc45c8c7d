"""Ask Our Experts: the question form, its thank-you page, and the published answers."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView

from clinic.models import BodyRegion
from core.antispam import form_over_limit, over_limit
from core.languages import written_in
from core.page_cache import shows
from core.site_address import absolute_url
from core.translations import show_translations, written_languages
from education.models import Article
from exercises.models import Exercise
from exercises.views import ExercisesHandoutMixin
from questions import services
from questions.forms import AskForm
from questions.models import Question
from search.assist import before_you_ask

# Per email address 5 an hour (over_limit's default); per client address more, for the
# patients who share a clinic's Wi-Fi or a mobile carrier's address.
ADDRESS_RATE = "30/h"


@method_decorator(never_cache, name="dispatch")
class AskView(FormView):
    """The Ask Our Experts form. Bots are dropped silently; floods get the kind 429 page."""

    # A database restart while saving gives a 503 page holding the form as typed.
    keep_form_when_database_is_down = True

    template_name = "questions/ask.html"
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
            return redirect("questions:ask_thanks")
        data = form.cleaned_data
        # The same form sent again (a double tap, a retry) is the same question, not one more.
        sent_before = bool(form.submission_id) and (
            Question.objects.filter(submission=form.submission_id).exists()
        )
        limited = over_limit(self.request, "ask", email=data["email"], address_rate=ADDRESS_RATE)
        if limited and not sent_before:
            return form_over_limit(self, form)
        question = services.submit_question(
            name=data["name"],
            email=data["email"],
            text=data["text"],
            region=data["region"],
            may_publish=data["may_publish"],
            submission=form.submission_id,
        )
        response = redirect("questions:ask_thanks")
        # The reference travels to the thanks page in a signed cookie scoped to that page,
        # not in a server-side session: no session row per question, nothing to clean up.
        response.set_signed_cookie(
            THANKS_COOKIE,
            question.reference,
            salt=THANKS_COOKIE,
            max_age=THANKS_COOKIE_SECONDS,
            path=reverse("questions:ask_thanks"),
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
    may_help = []
    if reference:
        # Published pages that may help while they wait: matched on their own question.
        text = Question.objects.filter(reference=reference).values_list("text", flat=True).first()
        may_help = before_you_ask(text) if text else []
    return render(
        request, "questions/ask_thanks.html", {"reference": reference, "may_help": may_help}
    )


class QuestionListView(ListView):
    template_name = "questions/question_list.html"
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
        return questions.order_by("-published_at", "pk").translated()

    def get_context_data(self, **kwargs):
        shows(self.request, Question)
        return super().get_context_data(regions=self.regions, region=self.region, **kwargs)


class QuestionDetailView(DetailView):
    template_name = "questions/question_detail.html"
    context_object_name = "question"

    def get_queryset(self):
        # Only published questions have a page; there is no preview.
        return (
            Question.objects.published()
            .translated()
            .select_related("answered_by", "region")
            .defer("name", "email", "text", "decline_reason")
            .prefetch_related(
                Prefetch(
                    "related_articles",
                    queryset=Article.objects.published()
                    .only("title", "slug", "summary")
                    .translated(),
                ),
                Prefetch(
                    "related_exercises",
                    queryset=Exercise.objects.published().with_cards().translated(),
                ),
                "references",
            )
        )

    def get_context_data(self, **kwargs):
        question = self.object
        written_in(self.request, written_languages(question))
        show_translations([question.region])
        context = {
            "cta_region": question.region,
            "other_questions": (
                Question.objects.published()
                .filter(region=question.region_id)
                .exclude(pk=question.pk)
                .only("public_title", "slug")
                .order_by("-published_at")
                .translated()[:5]
                if question.region_id
                else []
            ),
            "ask_form_url": reverse("questions:ask")
            + (f"?region={question.region.slug}" if question.region else ""),
            "json_ld": question.json_ld(absolute_url(question.get_absolute_url())),
        }
        shows(
            self.request,
            question,
            question.related_articles.all(),
            question.related_exercises.all(),
            f"questions.question:region:{question.region_id}",  # "Other questions"
        )
        return super().get_context_data(**context, **kwargs)


@never_cache
def private_answer(request, key):
    """The patient's own page: their question and the current answer, behind a private link.

    Never cached, never indexed, no referrer to other sites. After the retention period,
    or once the personal data is erased, the link shows a "this link has expired" page.
    """
    question = (
        Question.objects.filter(private_key=key)
        .select_related("answered_by", "region")
        .prefetch_related(
            Prefetch(
                "related_articles",
                queryset=Article.objects.published().only("title", "slug", "summary").translated(),
            ),
            Prefetch(
                "related_exercises",
                queryset=Exercise.objects.published().with_cards().translated(),
            ),
            "references",
        )
        .first()
    )
    if question is not None:
        show_translations([question.region])
    expires = question.private_link_expires_at if question else None
    if question is None or (expires and timezone.now() >= expires):
        response = render(request, "questions/private_expired.html", status=410)
    else:
        response = render(
            request,
            "questions/private_answer.html",
            {"question": question, "cta_region": question.region, "cta_from": "/answers/"},
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


class QuestionExercisesHandoutView(ExercisesHandoutMixin, DetailView):
    """/questions/<slug>/print/: the exercises of a published answer, printed together."""

    template_name = "questions/question_exercises_print.html"
    context_object_name = "question"
    exercises_relation = "related_exercises"

    def get_queryset(self):
        return Question.objects.published().only("public_title", "slug").translated()
