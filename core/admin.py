"""The admin's site-wide pieces: accessible inputs, bulk deletes as one change, the outbox."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.html import format_html
from django.utils.text import capfirst

from core import outbox
from core.models import OutboundEmail
from core.page_cache import one_content_change

admin.site.site_header = "Clinic portal administration"
admin.site.site_title = "Clinic portal"


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


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs carry their own names.

    The table's column headers are no <label>: each input is named after its column
    and its row ("Text, row 2"), the delete box included.
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                row = f", row {index + 1}" if index is not None else ""
                for name, field in form.fields.items():
                    label = (
                        "Delete" if name == DELETION_FIELD_NAME else capfirst(field.label or name)
                    )
                    field.widget.attrs.setdefault("aria-label", f"{label}{row}")

        return Labelled


class DeleteAsOneContentChange:
    """For content admins: deleting many rows from the list is one content change."""

    def delete_queryset(self, request, queryset):
        with one_content_change():
            super().delete_queryset(request, queryset)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
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
