from django.contrib import admin, messages
from django.utils.html import format_html

from clinic import outbox
from clinic.models import BodyRegion, OutboundEmail, Therapist

admin.site.site_header = "Clinic portal administration"
admin.site.site_title = "Clinic portal"


@admin.register(BodyRegion)
class BodyRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "pain_phrase", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "credentials"]
    autocomplete_fields = ["user"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status_badge", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "reply_to",
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

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        if obj.status == OutboundEmail.Status.FAILED:
            return format_html("<strong>{}</strong>", obj.get_status_display())
        return obj.get_status_display()

    @admin.action(description="Send the selected emails again")
    def resend(self, request, queryset):
        count = outbox.resend(queryset)
        sent, failed = outbox.send_queued(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            f"{count} email(s) queued again: {sent} sent now, {failed} failed and will be retried.",
            messages.SUCCESS if not failed else messages.WARNING,
        )
