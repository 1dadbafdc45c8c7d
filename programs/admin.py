"""Home exercise programs in the admin: PTs prescribe, watch adherence and pain, act on flags."""

import csv

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from core import audit
from core.admin import LabelledTabularInline, RecordsPersonalDataAccess
from core.models import AccessRecord
from core.qr import qr_svg
from core.site_address import absolute_url
from education.models import Article
from programs import services
from programs.models import ExerciseLog, Program, ProgramExercise
from programs.progress import FLAG_RULES, pain_chart_svg, progress
from questions.models import Question

# How many exercises the patient's printout holds on two pages, A4 or Letter (measured
# with the demo's longest exercises: tests/browser/test_programs.py).
PRINTS_ON_TWO_PAGES = 6


class ProgramExerciseForm(forms.ModelForm):
    def clean_exercise(self):
        exercise = self.cleaned_data["exercise"]
        # A program keeps an exercise that was set to draft after it was chosen (the
        # patient still sees it); a new choice must be published.
        if "exercise" in self.changed_data and not exercise.is_published:
            raise ValidationError("This exercise is a draft: publish it first, or choose another.")
        return exercise


class ProgramExerciseFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("exercise") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError("Add at least one exercise: the patient's page would be empty.")


class ProgramExerciseInline(LabelledTabularInline):
    model = ProgramExercise
    form = ProgramExerciseForm
    formset = ProgramExerciseFormSet
    extra = 1
    autocomplete_fields = ["exercise"]
    fields = [
        "order",
        "exercise",
        "sets",
        "reps",
        "hold_seconds",
        "times_per_day",
        "days_per_week",
        "note",
    ]
    verbose_name_plural = "exercises (leave a dose box empty to use the exercise's own)"


class ExerciseLogInline(LabelledTabularInline):
    model = ExerciseLog
    fields = ["day", "exercise", "pain", "effort", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-day", "-logged_at"]
    verbose_name_plural = "what the patient logged"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise")


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("yes", "Needs attention")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.needing_attention()


class TherapistFilter(admin.SimpleListFilter):
    """By PT, named as the list's PT column names them (not by username)."""

    title = "PT"
    parameter_name = "pt"

    def lookups(self, request, model_admin):
        users = get_user_model().objects.filter(programs__isnull=False).distinct()
        return [
            (user.pk, user.get_full_name() or user.get_username())
            for user in users.order_by("first_name", "username")
        ]

    def queryset(self, request, queryset):
        value = self.value() or ""
        return queryset.filter(prescribed_by=value) if value.isdigit() else queryset


@admin.register(Program)
class ProgramAdmin(RecordsPersonalDataAccess, admin.ModelAdmin):
    list_display = [
        "label",
        "attention",
        "done",
        "pain",
        "therapist",
        "review_date",
    ]
    list_display_links = ["label"]
    list_filter = [NeedsAttentionFilter, TherapistFilter]
    search_fields = ["label"]
    inlines = [ProgramExerciseInline, ExerciseLogInline]
    actions = ["copy_programs", "export_logs"]
    readonly_fields = ["patient_link", "how_it_goes"]
    fieldsets = [
        (None, {"fields": ["label", "email", "prescribed_by"]}),
        ("When", {"fields": ["start_date", "end_date", "review_date"]}),
        (None, {"fields": ["note"]}),
        ("The patient's link", {"fields": ["patient_link"]}),
        ("How it goes", {"fields": ["how_it_goes"]}),
    ]
    change_form_template = "admin/programs/program/change_form.html"

    class Media:
        js = ["js/admin-autocomplete-labels.js", "js/admin-confirm.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("prescribed_by").with_progress()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj else fieldsets[:3]

    def get_changeform_initial_data(self, request):
        return {"prescribed_by": request.user.pk, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "prescribed_by":
            # Only staff who may look after programs (their flags are emailed to them).
            users = get_user_model().objects
            may = users.with_perm(
                "programs.change_program",
                backend="django.contrib.auth.backends.ModelBackend",
            ).filter(is_staff=True, is_active=True)
            chosen = Q(pk__in=may.values("pk"))
            object_id = request.resolver_match.kwargs.get("object_id")
            if object_id:  # and whoever has it now, even if they no longer may
                chosen |= Q(programs__pk=object_id)
            users = users.filter(chosen)
            kwargs["queryset"] = users.distinct().order_by("first_name", "username")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- Starting from an article's or an answer's exercises --------------------------

    def _starting_exercises(self, request):
        """The exercises of ?article=<id> or ?question=<id>, in their order, for a new program."""
        for param, model, relation in (
            ("article", Article, "exercises"),
            ("question", Question, "related_exercises"),
        ):
            pk = request.GET.get(param, "")
            if pk.isdigit():
                source = model.objects.filter(pk=pk).first()
                if source is not None:
                    return list(getattr(source, relation).published())
        return []

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ProgramExerciseInline) and obj.pk is None and request.method == "GET":
            exercises = self._starting_exercises(request)
            if exercises:
                kwargs["initial"] = [
                    {"exercise": exercise.pk, "order": number}
                    for number, exercise in enumerate(exercises, start=1)
                ]
        return kwargs

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is None:
            inlines = [i for i in inlines if not isinstance(i, ExerciseLogInline)]
            starting = len(self._starting_exercises(request)) if request.method == "GET" else 0
            for inline in inlines:
                if isinstance(inline, ProgramExerciseInline):
                    inline.extra = max(3, starting)
        return inlines

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["flags"] = self._progress(obj).reasons
            context["flag_rules"] = [words for _, words in FLAG_RULES.values()]
        if add:
            context["start_from"] = {
                "articles": Article.objects.published().exclude(exercises=None).only("title"),
                "questions": Question.objects.filter(status=Question.Status.PUBLISHED)
                .exclude(related_exercises=None)
                .only("public_title", "reference"),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- The list's columns (progress is worked out once per row, from prefetched data) --

    def _progress(self, obj):
        if not hasattr(obj, "_progress"):
            obj._progress = progress(obj)
        return obj._progress

    @admin.display(description="PT", ordering="prescribed_by__first_name")
    def therapist(self, obj):
        user = obj.prescribed_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    @admin.display(description="Done")
    def done(self, obj):
        state = self._progress(obj)
        return format_html(
            '<span class="nowrap">7 days: {}</span><br><span class="nowrap">28 days: {}</span>',
            _share(obj, state.adherence_7),
            _share(obj, state.adherence_28),
        )

    @admin.display(description="Pain, 28 days")
    def pain(self, obj):
        by_day = self._progress(obj).pain_by_day
        if not by_day:
            return "no logs"
        latest = by_day[-1][1]
        highest = max(p for _, p in by_day)
        # The chart holds only numbers and dates we format ourselves.
        chart = mark_safe(pain_chart_svg(by_day))  # noqa: S308
        return format_html(
            '<span class="pain-words">latest {}/10, highest {}/10</span><br>{}',
            latest,
            highest,
            chart,
        )

    @admin.display(description="Needs attention")
    def attention(self, obj):
        reasons = self._progress(obj).reasons
        if not reasons:
            return "—"
        return format_html(
            '<strong class="needs-attention">Yes:</strong> {}',
            "; ".join(reasons),
        )

    # --- The change page: the patient's link and how it goes ---------------------------

    @admin.display(description="Private link")
    def patient_link(self, obj):
        link = absolute_url(obj.patient_url())
        if not obj.link_works():
            state = (
                f"Revoked on {timezone.localtime(obj.link_revoked_at):%b %-d, %Y}."
                if obj.link_revoked_at
                else "Expired."
            )
            return format_html(
                "<p><strong>Not working:</strong> {} Renew it to give a new link.</p>", state
            )
        return format_html(
            '<p><a href="{0}" target="_blank" rel="noopener noreferrer">{0}</a></p>'
            "<p>Works until {1} (the end of the program and the retention period). "
            "Give it to the patient only: anyone with it can see and log this program.</p>"
            '<div class="program-qr">{2}</div>'
            '<p><a href="{3}">Printout with the QR code</a></p>',
            link,
            f"{obj.link_expires_on:%B %-d, %Y}",
            qr_svg(link, "QR code of the patient's link"),
            reverse("programs:print", args=[obj.link_key]),
        )

    @admin.display(description="Progress")
    def how_it_goes(self, obj):
        state = self._progress(obj)
        rows = [
            ("Done, last 7 days", _share(obj, state.adherence_7)),
            ("Done, last 28 days", _share(obj, state.adherence_28)),
            ("Needs attention", "; ".join(state.reasons) if state.flags else "no"),
        ]
        table = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td></tr>', rows)
        return format_html('<table class="program-progress">{}</table>{}', table, self.pain(obj))

    # --- Revoke, renew, mark reviewed (POST from the change page) ----------------------

    def get_urls(self):
        link = path(
            "<path:object_id>/link/",
            self.admin_site.admin_view(require_POST(self.link_view)),
            name="programs_program_link",
        )
        return [link, *super().get_urls()]

    def link_view(self, request, object_id):
        program = self.get_object(request, object_id)
        if program is None:
            raise Http404("No such program")
        if not self.has_change_permission(request, program):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "revoke":
            services.revoke_link(program)
            self.message_user(request, "The link no longer works.", messages.SUCCESS)
        elif action == "renew":
            services.renew_link(program)
            self.message_user(
                request, "A new link is ready below; the old one no longer works.", messages.SUCCESS
            )
        elif action == "email" and program.email and program.link_works():
            services.email_link(program)
            audit.record(request, AccessRecord.Action.EMAIL, program, detail="the patient's link")
            self.message_user(request, "The link is on its way to the patient.", messages.SUCCESS)
        elif action == "reviewed":
            services.mark_reviewed(program)
            self.message_user(
                request,
                "Marked as looked at: flags start again from the next log.",
                messages.SUCCESS,
            )
        else:
            raise Http404("No such action")
        if action != "email":
            audit.record(request, AccessRecord.Action.CHANGE, program, detail=f"link: {action}")
        return HttpResponseRedirect(reverse("admin:programs_program_change", args=[program.pk]))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        count = form.instance.items.count()
        if count > PRINTS_ON_TWO_PAGES:
            self.message_user(
                request,
                f"This program has {count} exercises, so its printout takes more than two "
                f"pages; up to {PRINTS_ON_TWO_PAGES} fit on two.",
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        if not change and obj.prescribed_by is None:
            obj.prescribed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Copy the selected programs (exercises and doses, no patient)")
    def copy_programs(self, request, queryset):
        copies = [services.copy_program(program, by=request.user) for program in queryset]
        for copy in copies:
            audit.record(request, AccessRecord.Action.ADD, copy, detail="copied")
        if len(copies) == 1:
            self.message_user(request, "Copied: set the patient and dates.", messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:programs_program_change", args=[copies[0].pk])
            )
        self.message_user(request, f"Copied {len(copies)} programs.", messages.SUCCESS)
        return None

    def has_export_permission(self, request):
        return request.user.has_perm("programs.export_program")

    @admin.action(description="Export the selected programs' logs (CSV)", permissions=["export"])
    def export_logs(self, request, queryset):
        """One row per log: the program number, never the patient's label or email."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="program-logs.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(["program", "exercise", "day", "pain (0-10)", "effort", "comment"])
        logs = ExerciseLog.objects.filter(program__in=queryset).select_related("exercise")
        for log in logs.order_by("program_id", "day", "item__order"):
            writer.writerow(
                [
                    log.program_id,
                    log.exercise.name,
                    log.day.isoformat(),
                    log.pain,
                    log.get_effort_display(),
                    _spreadsheet_safe(log.comment),
                ]
            )
        for program in queryset:
            audit.record(request, AccessRecord.Action.ACTION, program, detail="logs exported")
        return response


def _share(program, percent):
    """Adherence in words: a percent, or why there is none."""
    if percent is not None:
        return f"{percent}%"
    if not program.items.all():
        return "no exercises"
    return "not started" if program.start_date > timezone.localdate() else "ended"


def _spreadsheet_safe(text):
    # A patient's comment starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
