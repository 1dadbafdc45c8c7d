"""The question queue in the admin, where physical therapists answer.

QuestionAdmin here: the queue's settings and the answer form's fields. The queue's
filters, columns and actions are in `lists.py`, the form in `forms.py`, and the send and
publish pages in `views.py`.
"""

from functools import partial

from django.contrib import admin
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html, linebreaks, strip_tags
from django.utils.safestring import mark_safe

from core.admin import (
    DeleteAsOneContentChange,
    HistoryAdmin,
    RecordsPersonalDataAccess,
    TranslationInline,
    TranslationStateFilter,
    staff_field,
)
from questions import services
from questions.admin import views as admin_views
from questions.admin.forms import (
    DRAFT_NOTE,
    PUBLISHED_NOTE,
    SENT_NOTE,
    AnswerReferenceInline,
    QuestionAdminForm,
)
from questions.admin.lists import AssignedToMeFilter, QueueColumnsAndActions, QueueFilter
from questions.models import Question, QuestionTranslation
from search.assist import suggestions_for


class QuestionTranslationInline(TranslationInline):
    """The published answer in another language; the patient's own page stays in theirs."""

    model = QuestionTranslation
    autocomplete_fields = ["reviewer"]
    fields = [
        "language",
        "published",
        "reviewer",
        "last_reviewed",
        "english_state",
        "matches_current_english",
        *QuestionTranslation.TEXT_FIELDS,
    ]


@admin.register(Question)
class QuestionAdmin(
    RecordsPersonalDataAccess, QueueColumnsAndActions, DeleteAsOneContentChange, HistoryAdmin
):
    history_list_display = ["status", "changed_fields"]
    """The answer form saves drafts only; sending and publishing are pages of their own,
    each showing first exactly what will leave (`send_view`, `publish_view`)."""

    form = QuestionAdminForm
    change_form_template = "admin/questions/question/change_form.html"
    list_display = [
        "reference",
        "short_text",
        "status",
        "language",
        "region",
        "waited",
        "assigned_to",
    ]
    list_display_links = ["reference", "short_text"]
    list_filter = [
        QueueFilter,
        "status",
        "language",
        TranslationStateFilter,
        "region",
        AssignedToMeFilter,
        "assigned_to",
    ]
    search_fields = ["reference", "text", "public_title", "public_text"]
    ordering = ["created_at"]
    list_select_related = ["region", "assigned_to"]
    autocomplete_fields = ["related_articles", "related_exercises"]
    inlines = [AnswerReferenceInline, QuestionTranslationInline]
    prepopulated_fields = {"slug": ["public_title"]}
    readonly_fields = [
        "reference",
        "created_at",
        "waited",
        "language",
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
                    ("reference", "created_at", "waited", "language"),
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
                self.admin_site.admin_view(partial(admin_views.send_view, self)),
                name="questions_question_send",
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(partial(admin_views.publish_view, self)),
                name="questions_question_publish",
            ),
        ]
        return urls + super().get_urls()

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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "assigned_to":
            # The PTs who answer, by name; not the front desk or administrators.
            object_id = request.resolver_match.kwargs.get("object_id")
            keep = Q(assigned_questions__pk=object_id) if object_id else None
            return staff_field(field, "questions.publish_question", keep=keep)
        return field

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

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
        if not obj.text:
            return "-"
        linked = {
            "article": set(obj.related_articles.values_list("pk", flat=True)),
            "exercise": set(obj.related_exercises.values_list("pk", flat=True)),
        }
        pages = [
            {
                "item": item,
                "title": strip_tags(item.title),
                "linkable": item.kind in linked,
                "linked": item.object_id in linked.get(item.kind, ()),
            }
            for item in suggestions_for(obj.text)
            if not (item.kind == "question" and item.object_id == obj.pk)
        ]
        return render_to_string("admin/questions/question/answer_assist.html", {"pages": pages})

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
