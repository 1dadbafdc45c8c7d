"""The admin's site-wide pieces: accessible inputs, bulk deletes as one change, the audit
trail of personal data, the outbox."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from solo.admin import SingletonModelAdmin

from core import audit, outbox
from core.models import AccessRecord, OutboundEmail, SiteBrand
from core.page_cache import one_content_change

# The clinic's own name, as on the staff sign-in pages.
admin.site.site_header = f"{settings.SITE_NAME}: staff"
admin.site.site_title = f"{settings.SITE_NAME} staff"


class NamedInputs:
    """For ModelAdmins: a date-and-time field's two inputs say which is which.

    Django's split widget prints "Date:" and "Time:" as text, not as labels, so a
    screen reader (and axe) meets two unnamed inputs.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, AdminSplitDateTime):
            label = capfirst(field.label)
            field.widget.widgets[0].attrs["aria-label"] = f"{label}: date"
            field.widget.widgets[1].attrs["aria-label"] = f"{label}: time"
        return field


def staff_who_may(perm):
    """The active staff who hold `perm` through their groups or own permissions (an
    administrator only if they hold it so too)."""
    return (
        get_user_model()
        .objects.with_perm(
            perm, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_staff=True, is_active=True)
    )


def staff_field(field, perm, *, keep=None):
    """`field` (a form field choosing a user) offered only the active staff who hold `perm`
    through their groups or own permissions (not administrators as such), and whoever
    `keep` selects (the one chosen now, even if they no longer may), by their names."""
    field.queryset = (
        get_user_model()
        .objects.filter(Q(pk__in=staff_who_may(perm).values("pk")) | (keep or Q(pk__in=[])))
        .distinct()
        .order_by("first_name", "username")
    )
    field.label_from_instance = lambda user: user.get_full_name() or user.get_username()
    return field


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs carry their own names.

    The table's column headers are no <label>: each input is named after its column
    and its row ("Text, row 2"), the delete box included. Hidden inputs get no name (no
    aria attribute is allowed on them), and a field's help stays in its column header,
    where the table puts it: no aria-describedby points at a help text the table lacks.
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                row = f", row {index + 1}" if index is not None else ""
                for name, field in form.fields.items():
                    if field.widget.is_hidden:
                        continue
                    field.help_text = ""  # this form's copy: the header keeps its own
                    label = (
                        "Delete" if name == DELETION_FIELD_NAME else capfirst(field.label or name)
                    )
                    # The <select> inside a related-field wrapper (its attrs are shared by
                    # every row's copy of the wrapper): a new dict for this row's widget.
                    widget = getattr(field.widget, "widget", field.widget)
                    if "aria-label" not in widget.attrs:
                        widget.attrs = {**widget.attrs, "aria-label": f"{label}{row}"}

        return Labelled


class HistoryAdmin(SimpleHistoryAdmin):
    """Versions in the admin: viewing one needs the model's view permission, restoring one
    ("Revert") its change permission. django-simple-history hides the Revert button from
    a view-only user but saves their POST all the same."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class DeleteAsOneContentChange:
    """For content admins: deleting many rows from the list is one content change."""

    def delete_queryset(self, request, queryset):
        with one_content_change():
            super().delete_queryset(request, queryset)


class RecordsPersonalDataAccess:
    """For the admin of a model holding personal data: every list, view, change, delete
    and bulk action is written to the audit trail (core.audit), as is each page of the
    admin that shows one record."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if request.method == "GET" and changelist is not None:
            audit.record(
                request,
                AccessRecord.Action.LIST,
                model=self.model,
                detail=f"{len(changelist.result_list)} shown",
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                audit.record(request, AccessRecord.Action.VIEW, obj)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._record_a_look(request, object_id, response, "history")
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self._record_a_look(request, object_id, response, f"version {version_id}")
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        self._record_a_look(request, object_id, response, "delete page")
        return response

    def _record_a_look(self, request, object_id, response, page):
        """A page other than the change form that shows the record was seen."""
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                audit.record(request, AccessRecord.Action.VIEW, obj, detail=page)

    def log_addition(self, request, obj, message):
        audit.record(request, AccessRecord.Action.ADD, obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        changed = sorted(
            {f for entry in message for f in entry.get("changed", {}).get("fields", [])}
        )
        added = sorted({str(entry["added"]["name"]) for entry in message if "added" in entry})
        detail = "; ".join(
            part
            for part in (
                f"fields: {', '.join(changed)}" if changed else "",
                f"added: {', '.join(added)}" if added else "",
            )
            if part
        )
        audit.record(request, AccessRecord.Action.CHANGE, obj, detail=detail)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(request, AccessRecord.Action.DELETE, obj)
        return super().log_deletions(request, queryset)

    def response_action(self, request, queryset):
        name = request.POST.get("action", "")
        action = self.get_actions(request).get(name)
        if action is not None and "index" in request.POST:
            selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            for obj in queryset.filter(pk__in=selected):
                audit.record(request, AccessRecord.Action.ACTION, obj, detail=str(action[2]))
        return super().response_action(request, queryset)


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """The audit trail, read-only for whoever may view it (the administrators)."""

    list_display = ["at", "username", "action", "object_type", "object_label", "detail", "address"]
    list_filter = ["action", "object_type", "username"]
    search_fields = ["object_label", "object_id", "username", "address"]
    date_hierarchy = "at"
    list_per_page = 100

    def lookup_allowed(self, lookup, value, request=None):
        # The trail of one record: ?object_type=questions.question&object_id=12
        return lookup in ("object_type", "object_id") or super().lookup_allowed(
            lookup, value, request
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(RecordsPersonalDataAccess, admin.ModelAdmin):
    """The outbox: an email not yet sent holds its recipient and a private link, so every
    look at it is in the audit trail; a sent one keeps only its subject and dates."""

    list_display = [
        "subject",
        "to",
        "status_badge",
        "attempts",
        "last_error",
        "next_attempt",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "reply_to",
        "message_id",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="next attempt", ordering="next_attempt_at")
    def next_attempt(self, obj):
        return obj.next_attempt_at if obj.status == OutboundEmail.Status.QUEUED else "-"

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        if obj.status == OutboundEmail.Status.FAILED:
            return format_html("<strong>{}</strong>", obj.get_status_display())
        return obj.get_status_display()

    @admin.action(description="Send the selected emails again")
    def resend(self, request, queryset):
        count = outbox.resend(queryset)
        self.message_user(
            request,
            f"{count} email(s) queued again: the email worker sends them within a few seconds.",
            messages.SUCCESS,
        )


class SiteBrandForm(forms.ModelForm):
    class Meta:
        model = SiteBrand
        fields = [
            "logo",
            "logo_alt",
            "brand_color",
            "accent_color",
            "tagline",
            "home_photo",
            "home_photo_alt",
            "share_image",
            "share_image_alt",
        ]
        widgets = {
            # The browser's own colour picker; the hex value is what is saved and checked.
            "brand_color": forms.TextInput(attrs={"type": "color"}),
            "accent_color": forms.TextInput(attrs={"type": "color"}),
        }
        help_texts = {
            # What SiteBrand.clean checks it against (core.colors.FOCUS_RING_BACKGROUNDS).
            "accent_color": "The keyboard focus ring, drawn around what has focus on the "
            "white page and on the footer's light grey: at least 3 to 1 against both.",
        }


@admin.register(SiteBrand)
class SiteBrandAdmin(SingletonModelAdmin):
    form = SiteBrandForm
    fieldsets = [
        ("Logo", {"fields": ["logo", "logo_alt"]}),
        (
            "Colours (checked for contrast when you save)",
            {"fields": ["brand_color", "accent_color"]},
        ),
        ("Home page", {"fields": ["tagline", "home_photo", "home_photo_alt"]}),
        ("Sharing", {"fields": ["share_image", "share_image_alt"]}),
    ]


class TranslationForm(forms.ModelForm):
    """A translation's form: ticking the box says it was checked against the English
    text as it is now (Translation.matches_english_of)."""

    matches_current_english = forms.BooleanField(
        label="Matches the current English text",
        required=False,
        initial=True,
        help_text="Tick after checking this translation against the English text as it is now.",
    )

    def save(self, commit=True):
        translation = super().save(commit=False)
        if self.cleaned_data.get("matches_current_english"):
            translation.matches_english_of = timezone.now()
        if commit:
            translation.save()
        return translation


class TranslationInline(admin.StackedInline):
    """The content row's translations, edited below it; one per language."""

    form = TranslationForm
    extra = 0
    readonly_fields = ["english_state"]
    classes = ["translation"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Unticked on an existing translation: a fix of a typo is not a new check.
        formset.form.base_fields["matches_current_english"].initial = obj is None
        return formset

    @admin.display(description="English text")
    def english_state(self, translation):
        if translation.pk is None:
            return "—"
        if translation.english_is_newer:
            return "Changed since this translation was checked: update it, then tick the box."
        return "Unchanged since this translation was checked."


def translation_states(row):
    """{language: "up to date" | "English is newer" | "draft"} of a row's translations
    (uses prefetched translations)."""
    states = {}
    for translation in row.translations.all():
        if not translation.published:
            states[translation.language] = "draft"
        elif translation.english_is_newer:
            states[translation.language] = "English is newer"
        else:
            states[translation.language] = "up to date"
    return states


class TranslationStateFilter(admin.SimpleListFilter):
    """The rows with no published translation, or one older than its English text."""

    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        choices = []
        for code, name in settings.LANGUAGES:
            if code != settings.LANGUAGE_CODE:
                choices += [
                    (f"{code}-missing", f"{name}: none published"),
                    (f"{code}-outdated", f"{name}: English is newer"),
                ]
        return choices

    def queryset(self, request, queryset):
        if not self.value() or "-" not in self.value():
            return queryset
        code, state = self.value().split("-", 1)
        published = Q(translations__language=code, translations__published=True)
        if state == "missing":
            return queryset.exclude(published)
        if state == "outdated":
            changed = queryset.model.text_changed_field
            return queryset.filter(
                published, **{f"{changed}__gt": F("translations__matches_english_of")}
            ).distinct()
        return queryset


class TranslationsAdmin:
    """A content admin with its translations inline, a column and a filter saying
    which pages lack one or have an English text newer than theirs."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description="translations")
    def translation_state(self, row):
        states = translation_states(row)
        names = dict(settings.LANGUAGES)
        return (
            "; ".join(f"{names.get(code, code)}: {state}" for code, state in states.items())
            or "None"
        )
