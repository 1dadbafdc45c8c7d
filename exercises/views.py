"""The exercise library pages: the list with its filters, an exercise, its handout."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from clinic.cta import clinic_phone, main_clinic_contact
from clinic.models import BodyRegion
from core.languages import written_in
from core.page_cache import shows
from core.qr import qr_svg
from core.site_address import absolute_media_url, absolute_url
from core.staff import may_preview
from core.translations import written_languages
from exercises.forms import ExerciseFilterForm
from exercises.models import Equipment, Exercise


class ExerciseListView(ListView):
    template_name = "exercises/exercise_list.html"
    context_object_name = "exercises"
    paginate_by = 12

    def get_queryset(self):
        published = Exercise.objects.published()
        # Offer only what at least one published exercise has.
        self.regions = list(BodyRegion.objects.filter(exercises__in=published).distinct())
        self.equipment = list(Equipment.objects.filter(exercises__in=published).distinct())
        self.filters = ExerciseFilterForm(
            self.request.GET, regions=self.regions, equipment=self.equipment
        )
        return self.filters.filter(published).with_cards().translated()

    def get_context_data(self, **kwargs):
        shows(self.request, Exercise)
        context = super().get_context_data(**kwargs)
        chosen = self.filters.chosen()
        labels = {
            name: dict(self.filters.fields[name].choices)[value] for name, value in chosen.items()
        }
        page = context["page_obj"].number
        canonical_query = urlencode({**chosen, **({"page": page} if page > 1 else {})})
        context.update(
            filters=self.filters,
            chosen_labels=list(labels.values()),
            # Page links keep the filters; filter changes start again at page 1.
            filter_query=urlencode(chosen),
            canonical_url=absolute_url(
                self.request.path + (f"?{canonical_query}" if canonical_query else "")
            ),
        )
        return context


class ExercisePageMixin:
    """What the exercise page and its handout share: who sees drafts, the page's address."""

    context_object_name = "exercise"

    def is_preview(self):
        # Staff who may edit exercises preview drafts; everyone else gets 404 for them.
        return may_preview(self.request, "exercises.change_exercise")

    def get_queryset(self):
        exercises = Exercise.objects.all() if self.is_preview() else Exercise.objects.published()
        return exercises.translated()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exercise = self.object
        written_in(self.request, written_languages(exercise))
        context.update(
            page_url=absolute_url(exercise.get_absolute_url()),
            share_image_url=self._share_image_url(exercise),
        )
        return context

    def _share_image_url(self, exercise):
        """Our largest thumbnail copy up to 1280px wide, for link previews (Open Graph)."""
        renditions = sorted(exercise.thumbnail_renditions.values(), key=lambda r: r["width"])
        if not renditions:
            return ""
        return absolute_media_url(renditions[-1]["name"])

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published:
            # A draft preview is for the signed-in PT only: never cached, never indexed.
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response


class ExerciseDetailView(ExercisePageMixin, DetailView):
    template_name = "exercises/exercise_detail.html"

    def get_queryset(self):
        return super().get_queryset().with_page()

    def get_context_data(self, **kwargs):
        exercise = self.object
        # Reverse relations the education app defines; no import of it needed here.
        related_articles = list(
            exercise.articles.published().only("title", "slug", "summary").translated()
        )
        shows(self.request, exercise, related_articles)
        return super().get_context_data(
            related_articles=related_articles,
            conditions=exercise.conditions.all(),
            cta_region=exercise.first_region,
            **kwargs,
        )


class ExerciseHandoutView(ExercisePageMixin, DetailView):
    """A one-page printable handout with a QR code back to the exercise page."""

    template_name = "exercises/exercise_print.html"

    def get_queryset(self):
        return super().get_queryset().with_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shows(self.request, self.object)
        page_url = context["page_url"]
        # The main clinic's own name and phone (cached); the setting when there is no clinic.
        clinic = main_clinic_contact()
        phone, phone_href = clinic_phone()
        context.update(
            clinic_name=clinic.get("name") or settings.SITE_NAME,
            qr_svg=qr_svg(page_url, gettext("QR code: opens this exercise online")),
            short_url=re.sub(r"^https?://", "", page_url).rstrip("/"),
            clinic_phone=phone,
            clinic_phone_href=phone_href,
        )
        return context


class ExercisesHandoutMixin:
    """For a DetailView of a page with exercises (an article, an answer): all its published
    exercises on one or two printed pages, with a QR code back to the page."""

    exercises_relation = "exercises"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        exercises = list(
            getattr(page, self.exercises_relation).published().with_page().translated()
        )
        shows(self.request, page, exercises)
        cautions = self.exercise_cautions()
        entries = [
            {"exercise": exercise, "dose": exercise.dose(), "caution": cautions.get(exercise.pk)}
            for exercise in exercises
        ]
        if not entries:
            raise Http404("This page has no exercises to print")
        context.update(
            entries=entries,
            contact=main_clinic_contact(),
            qr_svg=qr_svg(
                absolute_url(page.get_absolute_url()), gettext("QR code: opens this page online")
            ),
            back_url=page.get_absolute_url(),
            back_label=gettext("Back to the page"),
        )
        return context

    def exercise_cautions(self):
        """{exercise id: caution} for exercises this page says to leave out or wait with."""
        return {}
