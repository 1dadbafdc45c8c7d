"""Home exercise programs in the admin: PTs prescribe, watch adherence and pain, act on flags.

The list and the change page are ProgramAdmin here; the form's inlines are in
`forms.py`, the list's filters in `lists.py`, and what a PT does to a program's link and
flags (one view each) and the CSV export in `views.py`.
"""

from functools import partial

from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_POST, require_safe

from core import audit
from core.admin import RecordsPersonalDataAccess, staff_field, staff_who_may
from core.models import AccessRecord
from core.qr import qr_svg
from core.site_address import absolute_url
from education.models import Article
from programs import outcomes, reminders, services
from programs.admin import questionnaires  # noqa: F401 (registers QuestionnaireAdmin)
from programs.admin import views as admin_views
from programs.admin.forms import (
    ExerciseLogInline,
    ProgramExerciseInline,
    ProgramMessageInline,
    ProgramQuestionnaireInline,
    ReviewTimeInline,
)
from programs.admin.lists import NeedsAttentionFilter, ProgramColumns, TherapistFilter, share
from programs.models import Program, ProgramMessage, Reminders, ReviewTime
from programs.progress import FLAG_RULES
from questions.models import Question

# How many exercises the patient's printout holds on two pages, A4 or Letter (measured
# with the demo's longest exercises: tests/browser/test_programs.py).
PRINTS_ON_TWO_PAGES = 6


@admin.register(Program)
class ProgramAdmin(RecordsPersonalDataAccess, ProgramColumns, admin.ModelAdmin):
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
    inlines = [
        ProgramMessageInline,
        ProgramExerciseInline,
        ProgramQuestionnaireInline,
        ReviewTimeInline,
        ExerciseLogInline,
    ]
    actions = ["copy_programs", "export_logs"]
    readonly_fields = ["patient_link", "email_reminders", "how_it_goes", "questionnaire_scores"]
    fieldsets = [
        (None, {"fields": ["label", "email", "language", "prescribed_by"]}),
        ("When", {"fields": ["start_date", "end_date", "review_date"]}),
        (None, {"fields": ["note"]}),
        ("The patient's link", {"fields": ["patient_link", "email_reminders"]}),
        ("How it goes", {"fields": ["how_it_goes"]}),
        ("Questionnaire scores", {"fields": ["questionnaire_scores"]}),
    ]
    change_form_template = "admin/programs/program/change_form.html"

    class Media:
        js = ["js/admin-autocomplete-labels.js", "js/admin-confirm.js", "js/admin-review-time.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("prescribed_by").with_progress()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj else fieldsets[:3]

    def _may_prescribe(self, user):
        return staff_who_may("programs.change_program").filter(pk=user.pk).exists()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if self._may_prescribe(request.user):  # a PT prescribes; an administrator chooses
            initial.setdefault("prescribed_by", request.user.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "prescribed_by":
            # Only staff who may look after programs (their flags are emailed to them).
            object_id = request.resolver_match.kwargs.get("object_id")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            keep = Q(programs__pk=object_id) if object_id else None
            return staff_field(field, "programs.change_program", keep=keep)
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
            context["may_export"] = self.has_export_permission(request)
            context["flag_rules"] = [words for _, words in FLAG_RULES.values()]
        if add:
            context["start_from"] = {
                "articles": Article.objects.published().exclude(exercises=None).only("title"),
                "questions": Question.objects.filter(status=Question.Status.PUBLISHED)
                .exclude(related_exercises=None)
                .only("public_title", "reference"),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- The change page: the patient's link and how it goes ---------------------------

    @admin.display(description="Private link")
    def patient_link(self, obj):
        link = absolute_url(obj.patient_url())
        return render_to_string(
            "admin/programs/program/patient_link.html",
            {
                "program": obj,
                "link": link,
                "qr": qr_svg(link, "QR code of the patient's link"),
                "printout": reverse("programs:print", args=[obj.link_key]),
            },
        )

    @admin.display(description="Email reminders")
    def email_reminders(self, obj):
        """Whether the patient asked for reminders (never their address: they gave it for
        reminders only)."""
        asked = Reminders.objects.filter(program=obj).first()
        if asked is None:
            return "None: the patient can ask for them on their page."
        with translation.override("en"):
            when = reminders.describe(asked)
        if asked.confirmed_at is None:
            return f"Asked for ({when}), waiting for the patient to confirm by email."
        return f"On: {when}."

    @admin.display(description="Scores")
    def questionnaire_scores(self, obj):
        entries = []
        today = timezone.localdate()
        assignments = outcomes.assignments_with_responses(obj)
        due = {a.pk: due_on for a, due_on in outcomes.due(assignments, obj, today)}
        for assignment in assignments:
            rows = outcomes.scores(assignment)
            entries.append(
                {
                    "assignment": assignment,
                    "rows": rows,
                    "points": outcomes.chart_points(assignment, rows),
                    "range": assignment.questionnaire.score_range,
                    "worse": bool(rows) and rows[-1].worse,
                    "due_on": due.get(assignment.pk),
                }
            )
        return render_to_string("admin/programs/program/outcomes.html", {"entries": entries})

    @admin.display(description="Progress")
    def how_it_goes(self, obj):
        state = self._progress(obj)
        return render_to_string(
            "admin/programs/program/progress.html",
            {
                "rows": [
                    ("Done, last 7 days", share(obj, state.adherence_7)),
                    ("Done, last 28 days", share(obj, state.adherence_28)),
                    ("Needs attention", "; ".join(state.reasons) if state.flags else "no"),
                ],
                "pain": self.pain(obj),
            },
        )

    # --- Revoke, renew, email the link, mark reviewed (programs/admin_views.py) --------

    def get_urls(self):
        actions = [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(require_POST(partial(view, self))),
                name=f"programs_program_{name}",
            )
            for name, view in admin_views.PROGRAM_ACTIONS.items()
        ]
        exports = [
            path(
                f"<path:object_id>/{address}",
                self.admin_site.admin_view(require_safe(partial(view, self))),
                name=f"programs_program_{name}",
            )
            for address, (name, view) in admin_views.PROGRAM_EXPORTS.items()
        ]
        return [*actions, *exports, *super().get_urls()]

    # Who wrote a message, who recorded review time: the signed-in PT.
    AUTHOR_FIELDS = {ProgramMessage: "written_by", ReviewTime: "by"}

    def save_formset(self, request, form, formset, change):
        author = self.AUTHOR_FIELDS.get(formset.model)
        if author is None:
            return super().save_formset(request, form, formset, change)
        for row in formset.save(commit=False):
            if row.pk is None:
                setattr(row, author, request.user)
            row.save()
        for row in formset.deleted_objects:
            row.delete()
        if formset.model is ProgramMessage and formset.new_objects:
            self._announce(request, form.instance)
        return None

    def _announce(self, request, program):
        """Tell the PT what the patient will see, and email the patient (no text) when
        they get reminders."""
        if reminders.announce_message(program):
            audit.record(request, AccessRecord.Action.EMAIL, program, detail="a message is waiting")
            told = "An email (without your text) tells them there is a message."
        elif program.reminders_on:
            told = "They already had an email today, so their reminder tomorrow says there is a message."
        else:
            told = (
                "They do not get email reminders, so no email tells them: mention it when "
                "you next speak."
            )
        self.message_user(
            request,
            f"The patient sees your message at the top of their page until they mark it read. "
            f"{told}",
            messages.INFO,
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        program = form.instance
        for assignment in program.questionnaires.select_related("questionnaire"):
            questionnaire = assignment.questionnaire
            if questionnaire.language != program.language:
                self.message_user(
                    request,
                    f"{questionnaire.name} is in {questionnaire.get_language_display()}, and "
                    f"this patient's page is in {program.get_language_display()}: give one in "
                    "their language if the clinic has it (a validated translation).",
                    messages.WARNING,
                )
        count = form.instance.items.count()
        if count > PRINTS_ON_TWO_PAGES:
            self.message_user(
                request,
                f"This program has {count} exercises, so its printout takes more than two "
                f"pages; up to {PRINTS_ON_TWO_PAGES} fit on two.",
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        if not change and obj.prescribed_by is None and self._may_prescribe(request.user):
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
        return admin_views.export_logs(request, queryset)
