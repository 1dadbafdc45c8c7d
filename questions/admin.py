"""The question queue in the admin, where physical therapists answer."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join, linebreaks, strip_tags
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from core import audit
from core.admin import DeleteAsOneContentChange, HistoryAdmin, RecordsPersonalDataAccess
from core.models import AccessRecord
from education.admin import CitationInline
from questions import services
from questions.models import AnswerReference, Question
from questions.privacy import PUBLIC_PARTS, find_identifying_text


class QueueFilter(admin.SimpleListFilter):
    """The queue opens on the questions still waiting; everything else is one click away."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("all", "Everything")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Not sent yet (new, assigned, drafted)",
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "Everything",
        }

    def queryset(self, request, queryset):
        if self.value() == "all" or any(key.startswith("status") for key in request.GET):
            return queryset
        return queryset.not_sent()


class AssignedToMeFilter(admin.SimpleListFilter):
    title = "assignment"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "Assigned to me"), ("nobody", "Not assigned")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = "__all__"  # noqa: DJ007 - the fieldsets below choose what shows
        widgets = {
            "things_to_know": forms.Textarea(attrs={"rows": 6}),
            "answer": forms.Textarea(attrs={"rows": 14}),
            "public_text": forms.Textarea(attrs={"rows": 5}),
            "decline_reason": forms.Textarea(attrs={"rows": 3}),
            "checked_against": forms.TextInput(attrs={"size": 80}),
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        therapist = getattr(getattr(request, "user", None), "therapist", None)
        if "answered_by" in self.fields and therapist and not self.instance.answered_by_id:
            self.initial["answered_by"] = therapist.pk  # the PT who writes it

    def clean(self):
        """A question not sent yet is saved as it is: a half-written answer is a draft,
        checked when it is sent. A sent answer is what the patient reads (and, published,
        what everyone reads): an edit must keep it complete, and a public one anonymous."""
        cleaned = super().clean()
        if self.instance.answer_sent_at:
            try:
                services.check_key_points(cleaned.get("things_to_know", ""))
            except forms.ValidationError as error:
                self.add_error("things_to_know", error)
            if not cleaned.get("answer", "").strip():
                self.add_error("answer", "The patient has this answer: it cannot be emptied.")
        if self.instance.status == Question.Status.PUBLISHED:
            # Edits to a live page are checked as publishing is.
            edited = Question(
                name=self.instance.name,
                **{field: cleaned.get(field, "") for field, _label in PUBLIC_PARTS},
            )
            problems = [
                f"{where} contains {kind}: “{text}”. Remove it: this page is public."
                for where, kind, text in find_identifying_text(edited)
            ]
            if problems:
                raise forms.ValidationError(problems)
        return cleaned


DRAFT_NOTE = (
    "Saving keeps the answer as a draft: nothing reaches the patient until you press "
    "“Send to patient”. Write it as public text, with no greeting: the patient's page and "
    "email greet them by name."
)
SENT_NOTE = (
    "The patient has this answer: a save changes their private page at once, without a "
    "new email. Keep it complete."
)
PUBLISHED_NOTE = (
    "This answer is public: a save changes the public page and the patient's page at once. "
    "Names, emails, phone numbers, addresses and dates are refused, as when publishing."
)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why we cannot answer (the patient reads this)",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        initial=(
            "Your question needs an examination to answer safely, so we cannot answer it "
            "by email. We would be glad to see you at the clinic."
        ),
    )


class AnswerReferenceInline(CitationInline):
    model = AnswerReference
    verbose_name = "reference for the answer"
    verbose_name_plural = "References for the answer (shown under the published answer)"


@admin.register(Question)
class QuestionAdmin(RecordsPersonalDataAccess, DeleteAsOneContentChange, HistoryAdmin):
    history_list_display = ["status", "changed_fields"]
    """The answer form saves drafts only; sending and publishing are pages of their own,
    each showing first exactly what will leave (`send_view`, `publish_view`)."""

    form = QuestionAdminForm
    change_form_template = "admin/questions/question/change_form.html"
    list_display = ["reference", "short_text", "status", "region", "waited", "assigned_to"]
    list_display_links = ["reference", "short_text"]
    list_filter = [QueueFilter, "status", "region", AssignedToMeFilter, "assigned_to"]
    search_fields = ["reference", "text", "public_title", "public_text"]
    ordering = ["created_at"]
    list_select_related = ["region", "assigned_to"]
    autocomplete_fields = ["related_articles", "related_exercises"]
    inlines = [AnswerReferenceInline]
    prepopulated_fields = {"slug": ["public_title"]}
    readonly_fields = [
        "reference",
        "created_at",
        "waited",
        "name",
        "email",
        "patient_question",
        "publication_consent",
        "status",
        "answered_at",
        "answer_sent",
        "answer_assist",
        "published_at",
        "public_link",
    ]
    actions = ["assign_to_me", "mark_as_spam", "decline", "erase_asker_data"]
    save_on_top = True
    fieldsets = [
        (
            "The patient's question",
            {
                "fields": [
                    ("reference", "created_at", "waited"),
                    ("name", "email"),
                    "patient_question",
                    "region",
                    "publication_consent",
                ]
            },
        ),
        ("Who works on it", {"fields": [("status", "assigned_to")]}),
        (
            "Your answer",
            {
                "description": DRAFT_NOTE,
                "fields": [
                    "things_to_know",
                    "answer",
                    "red_flags",
                    "answer_assist",
                    "related_articles",
                    "related_exercises",
                    "checked_against",
                    ("answered_by", "answered_at"),
                    "answer_sent",
                ],
            },
        ),
        (
            "Publication (only if the patient agreed)",
            {
                "description": "Rewrite the question so that nobody can tell who asked: no "
                "names, places, dates, jobs or family details. Then press “Publish”: it "
                "checks for names, emails, phone numbers, addresses and dates first.",
                "fields": ["public_title", "public_text", "slug", "published_at", "public_link"],
            },
        ),
        ("Declining", {"fields": ["decline_reason"], "classes": ["collapse"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        """The answer's note says what a save does now: a draft, or a live change."""
        note = DRAFT_NOTE
        if obj is not None and obj.status == Question.Status.PUBLISHED:
            note = PUBLISHED_NOTE
        elif obj is not None and obj.answer_sent_at:
            note = SENT_NOTE
        return [
            (name, {**options, "description": note} if options.get("description") == DRAFT_NOTE
             else options)
            for name, options in super().get_fieldsets(request, obj)
        ]  # fmt: skip

    def view_on_site(self, obj):
        """ "View on site" only for a page the public can see."""
        if obj.status == Question.Status.PUBLISHED and obj.slug:
            return obj.get_absolute_url()
        return None

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/send/",
                self.admin_site.admin_view(self.send_view),
                name="questions_question_send",
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="questions_question_publish",
            ),
        ]
        return urls + super().get_urls()

    def _question_or_404(self, request, object_id, perm):
        question = self.get_object(request, object_id)
        if question is None:
            raise Http404("No such question")
        if not request.user.has_perm(perm):
            raise PermissionDenied
        return question

    def _change_url(self, question):
        return reverse("admin:questions_question_change", args=[question.pk])

    def send_view(self, request, object_id):
        """What the patient will receive, then "Send to patient" (POST)."""
        question = self._question_or_404(request, object_id, "questions.change_question")
        problems = services.check_sendable(question)
        if request.method == "POST" and not problems:
            services.send_answer(question, by=request.user)
            audit.record(request, AccessRecord.Action.EMAIL, question, detail="answer sent")
            self.message_user(
                request,
                f"Sent: {question.first_name or 'the patient'} gets an email with a link to "
                "the answer. Later edits show on their page without a new email.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(question))
        subject, body = services.answer_email_preview(question)
        audit.record(request, AccessRecord.Action.VIEW, question, detail="the email to send")
        return TemplateResponse(
            request,
            "admin/questions/question/send.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Send the answer to question {question.reference}",
                "question": question,
                "problems": problems,
                "subject": subject,
                "body": body,
                "opts": self.model._meta,
                "original": question,
                "change_url": self._change_url(question),
            },
        )

    def publish_view(self, request, object_id):
        """A preview of the public page and the checks, then "Publish" (POST)."""
        question = self._question_or_404(request, object_id, "questions.publish_question")
        if request.method == "POST" and "unpublish" in request.POST:
            if question.status == Question.Status.PUBLISHED:
                services.unpublish_question(question)
                self.message_user(request, "Taken off the site.", messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(question))
        problems = (
            [] if question.status == Question.Status.PUBLISHED
            else services.check_publishable(question, by=request.user)
        )  # fmt: skip
        if request.method == "POST" and not problems:
            services.publish_question(question, by=request.user)
            audit.record(request, AccessRecord.Action.PUBLISH, question)
            self.message_user(
                request,
                format_html('Published: <a href="{0}">{0}</a>', question.get_absolute_url()),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(question))
        return TemplateResponse(
            request,
            "admin/questions/question/publish.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Publish question {question.reference}",
                "question": question,
                "problems": problems,
                "opts": self.model._meta,
                "original": question,
                "change_url": self._change_url(question),
            },
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["next_steps"] = {
                "send_problems": services.check_sendable(obj),
                "publish_problems": services.check_publishable(obj, by=request.user),
                "send_url": reverse("admin:questions_question_send", args=[obj.pk]),
                "publish_url": reverse("admin:questions_question_publish", args=[obj.pk]),
                "trail_url": (
                    reverse("admin:core_accessrecord_changelist")
                    + f"?object_type=questions.question&object_id={obj.pk}"
                    if request.user.has_perm("core.view_accessrecord")
                    else ""
                ),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

    @admin.display(description="question")
    def short_text(self, obj):
        return (obj.public_title or obj.text or "(erased)")[:80]

    @admin.display(description="waited", ordering="created_at")
    def waited(self, obj):
        end = obj.closed_at or timezone.now()
        hours = int((end - obj.created_at).total_seconds() // 3600)
        return f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h"

    @admin.display(description="what the patient wrote")
    def patient_question(self, obj):
        if obj.personal_data_erased_at and not obj.text:
            return "(erased)"
        # linebreaks escapes the patient's text itself (autoescape=True) before adding <p>.
        return format_html(
            '<div class="patient-question">{}</div>',
            mark_safe(linebreaks(obj.text, autoescape=True)),  # noqa: S308 - escaped above
        )

    @admin.display(description="pages that match the question")
    def answer_assist(self, obj):
        """The site's published pages that match the patient's words, each linkable in one
        click (the button saves the form as a draft and adds the link)."""
        if not settings.ANSWER_ASSIST or not obj.text:
            return "-"
        linked = {
            "article": set(obj.related_articles.values_list("pk", flat=True)),
            "exercise": set(obj.related_exercises.values_list("pk", flat=True)),
        }
        rows = []
        for item in import_string(settings.ANSWER_ASSIST)(obj.text):
            if item.kind == "question" and item.object_id == obj.pk:
                continue
            if item.kind not in linked:
                action = ""
            elif item.object_id in linked[item.kind]:
                action = mark_safe("<em>linked</em>")
            else:
                action = format_html(
                    '<button type="submit" name="_link" value="{0}:{1}" class="button">'
                    "Link this {0}</button>",
                    item.kind,
                    item.object_id,
                )
            rows.append((item.kind.capitalize(), item.url, strip_tags(item.title), action))
        if not rows:
            return "No published page matches the patient's words."
        return format_html(
            '<ul class="answer-assist">{}</ul>',
            format_html_join(
                "", '<li>{}: <a href="{}" target="_blank" rel="noopener">{}</a> {}</li>', rows
            ),
        )

    @admin.display(description="agreed to publication")
    def publication_consent(self, obj):
        if obj.may_publish:
            return (
                "Yes. The patient agreed that we publish the question and the answer, "
                "without their name."
            )
        return "No. The patient did not agree: this question is never published."

    @admin.display(description="sent to the patient")
    def answer_sent(self, obj):
        if not obj.answer_sent_at:
            return "Not sent"
        by = obj.answer_sent_by.get_username() if obj.answer_sent_by else "someone"
        return f"{localize(timezone.localtime(obj.answer_sent_at))} by {by}"

    @admin.display(description="public page")
    def public_link(self, obj):
        if obj.status == Question.Status.PUBLISHED and obj.slug:
            return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())
        return "Not published"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        kind, _, pk = request.POST.get("_link", "").partition(":")
        if pk.isdigit():  # a "Link this …" button of the answer assist
            related = {"article": form.instance.related_articles,
                       "exercise": form.instance.related_exercises}.get(kind)  # fmt: skip
            target = related.model.objects.filter(pk=int(pk)).first() if related else None
            if target is not None:
                related.add(target)
        services.save_question(form.instance, by=request.user)  # a draft; nothing is sent

    def response_change(self, request, obj):
        if "_link" in request.POST:  # stay on the form after linking a suggestion
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    @admin.action(description="Assign to me")
    def assign_to_me(self, request, queryset):
        for question in queryset:
            services.assign_question(question, request.user)
        self.message_user(request, f"{queryset.count()} question(s) assigned to you.")

    def _only_not_sent(self, request, queryset, doing):
        """The chosen questions that have no answer yet; the others are named and left."""
        skipped = list(
            queryset.exclude(pk__in=queryset.not_sent()).values_list("reference", flat=True)
        )
        if skipped:
            self.message_user(
                request,
                f"Not {doing} (they have an answer already, or are closed): "
                f"{', '.join(skipped)}. Only questions not sent yet can be {doing}.",
                messages.WARNING,
            )
        return queryset.not_sent()

    @admin.action(description="Mark as spam (only questions not sent yet)")
    def mark_as_spam(self, request, queryset):
        queryset = self._only_not_sent(request, queryset, "marked as spam")
        for question in queryset:
            services.mark_spam(question)
        if queryset:
            self.message_user(request, f"{len(queryset)} question(s) marked as spam.")

    @admin.action(description="Decline (only questions not sent yet; the patient is told why)")
    def decline(self, request, queryset):
        if "apply" in request.POST:
            form = DeclineForm(request.POST)
            if form.is_valid():
                queryset = self._only_not_sent(request, queryset, "declined")
                for question in queryset:
                    services.decline_question(question, reason=form.cleaned_data["reason"])
                if queryset:
                    self.message_user(
                        request, f"{len(queryset)} question(s) declined; the patients are emailed."
                    )
                return None
        else:
            form = DeclineForm()
        return TemplateResponse(
            request,
            "admin/questions/question/decline.html",
            {
                **self.admin_site.each_context(request),
                "title": "Decline questions",
                "questions": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Erase the asker's name, email and unpublished text")
    def erase_asker_data(self, request, queryset):
        for question in queryset:
            services.erase_personal_data(question)
        self.message_user(request, f"Personal data erased from {queryset.count()} question(s).")
