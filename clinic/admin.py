from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from clinic.models import (
    AppointmentRequest,
    BodyRegion,
    BodyRegionTranslation,
    Clinic,
    OpeningHours,
    Therapist,
)
from clinic.services import move_requests
from core.admin import HistoryAdmin, LabelledTabularInline, RecordsPersonalDataAccess


class BodyRegionTranslationInline(admin.TabularInline):
    model = BodyRegionTranslation
    fields = ["language", "name", "pain_phrase"]
    extra = 0


@admin.register(BodyRegion)
class BodyRegionAdmin(admin.ModelAdmin):
    inlines = [BodyRegionTranslationInline]
    list_display = ["name", "pain_phrase", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "specialties", "is_active", "user"]
    list_filter = ["is_active", "clinics"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "credentials", "specialties"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["clinics"]
    fields = [
        "name",
        "slug",
        "credentials",
        "specialties",
        "bio",
        "clinics",
        "is_active",
        "photo",
        "photo_alt",
        "user",
        "question_regions",
    ]


class OpeningHoursInline(LabelledTabularInline):
    model = OpeningHours
    extra = 0
    min_num = 0


@admin.register(Clinic)
class ClinicAdmin(HistoryAdmin):
    history_list_display = ["changed_fields"]
    list_display = ["name", "city", "phone", "is_active", "order"]
    list_filter = ["is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "city"]
    inlines = [OpeningHoursInline]
    # A booking link typed without a scheme is taken as https, never plain http.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_active", "order"]}),
        ("Reaching the clinic", {"fields": ["phone", "email", "booking_url"]}),
        (
            "Address",
            {
                "fields": [
                    "street_address",
                    "city",
                    "state",
                    "postal_code",
                    "country",
                    ("latitude", "longitude"),
                    "directions",
                ]
            },
        ),
        ("Services", {"fields": ["services"]}),
    ]


class WaitingFilter(admin.SimpleListFilter):
    title = "waiting"
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("1", "More than a day"), ("3", "More than 3 days"), ("7", "More than a week")]

    def queryset(self, request, queryset):
        if self.value() in {"1", "3", "7"}:
            since = timezone.now() - timedelta(days=int(self.value()))
            return queryset.filter(created_at__lt=since)
        return queryset


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(RecordsPersonalDataAccess, admin.ModelAdmin):
    """The front desk's work list: who asked, how long they have waited, where they came from."""

    list_display = [
        "name",
        "contact",
        "status",
        "waiting",
        "came_from",
        "clinic_and_region",
    ]
    list_filter = ["status", "language", "clinic", WaitingFilter, "body_region"]
    list_select_related = ["clinic", "body_region"]
    search_fields = ["name", "email", "phone", "source_path", "source_title"]
    date_hierarchy = "created_at"
    ordering = ["created_at"]
    actions = ["mark_contacted", "mark_scheduled", "mark_no_answer", "mark_closed"]
    change_list_template = "admin/clinic/appointmentrequest/change_list.html"
    readonly_fields = [
        "name",
        "phone",
        "email",
        "clinic",
        "preferred_days_display",
        "preferred_times_display",
        "region",
        "reason",
        "has_referral",
        "insurance",
        "language",
        "came_from",
        "created_at",
        "consented_at",
        "status_changed_at",
    ]
    fieldsets = [
        ("Front desk", {"fields": ["status", "notes", "status_changed_at"]}),
        ("Contact", {"fields": ["name", "phone", "email", "language"]}),
        (
            "Request",
            {
                "fields": [
                    "clinic",
                    "preferred_days_display",
                    "preferred_times_display",
                    "region",
                    "reason",
                    "has_referral",
                    "insurance",
                ]
            },
        ),
        ("Where it came from", {"fields": ["came_from", "created_at", "consented_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # requests come from patients, through /book/

    @admin.display(description="waiting", ordering="created_at")
    def waiting(self, obj):
        return f"{timesince(obj.created_at)}"

    @admin.display(description="body region", ordering="body_region__order")
    def region(self, obj):
        # Plain text: the front desk may not open body regions, so no link to them.
        return str(obj.body_region) if obj.body_region else "-"

    @admin.display(description="came from", ordering="source_path")
    def came_from(self, obj):
        """The page's title as a link to it; a private page by its kind only."""
        if obj.came_from_url:
            return format_html('<a href="{}">{}</a>', obj.came_from_url, obj.came_from)
        return obj.came_from

    @admin.display(description="phone / email")
    def contact(self, obj):
        """The phone and email, and the language to call back in when it is not English."""
        language = ""
        if obj.language != settings.LANGUAGE_CODE:
            language = f"Call in {obj.get_language_display()}"
        parts = (("phone", obj.phone), ("email", obj.email), ("language", language))
        return format_html_join(
            mark_safe("<br>"),
            '<span class="{}">{}</span>',
            ((kind, part) for kind, part in parts if part),
        )

    @admin.display(description="clinic / region", ordering="clinic__name")
    def clinic_and_region(self, obj):
        return format_html("{}<br>{}", obj.clinic or "any clinic", self.region(obj))

    @admin.display(description="preferred days")
    def preferred_days_display(self, obj):
        return obj.preferred_days_display or "any"

    @admin.display(description="preferred times")
    def preferred_times_display(self, obj):
        return obj.preferred_times_display or "any"

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _move(self, request, queryset, status):
        count = move_requests(queryset, status)
        label = AppointmentRequest.Status(status).label
        self.message_user(request, f"{count} request(s) marked “{label}”.", messages.SUCCESS)

    @admin.action(description="Mark as contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._move(request, queryset, AppointmentRequest.Status.CONTACTED)

    @admin.action(description="Mark as scheduled", permissions=["change"])
    def mark_scheduled(self, request, queryset):
        self._move(request, queryset, AppointmentRequest.Status.SCHEDULED)

    @admin.action(description="Mark as no answer", permissions=["change"])
    def mark_no_answer(self, request, queryset):
        self._move(request, queryset, AppointmentRequest.Status.NO_ANSWER)

    @admin.action(description="Mark as closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._move(request, queryset, AppointmentRequest.Status.CLOSED)

    def get_urls(self):
        report = path(
            "report/",
            self.admin_site.admin_view(self.report_view),
            name="clinic_appointmentrequest_report",
        )
        return [report, *super().get_urls()]

    def report_view(self, request):
        """Where bookings come from: requests per source page and per month, from our own table."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = (
            AppointmentRequest.objects.annotate(month=TruncMonth("created_at"))
            .values("source_path", "month")
            .annotate(count=Count("id"))
            .order_by()
        )
        months = sorted({row["month"] for row in rows}, reverse=True)[:12]
        by_source = {}
        for row in rows:
            counts = by_source.setdefault(row["source_path"] or "(unknown)", {})
            counts[row["month"]] = counts.get(row["month"], 0) + row["count"]
        titles = dict(
            AppointmentRequest.objects.exclude(source_title="").values_list(
                "source_path", "source_title"
            )
        )
        names = {**titles, **AppointmentRequest.PRIVATE_SOURCES}
        table = sorted(
            (
                {
                    "source": source,
                    "name": names.get(source, ""),
                    "cells": [counts.get(month, 0) for month in months],
                    "total": sum(counts.values()),
                }
                for source, counts in by_source.items()
            ),
            key=lambda line: (-line["total"], line["source"]),
        )
        month_totals = [sum(line["cells"][i] for line in table) for i in range(len(months))]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Where appointment requests come from",
            "months": months,
            "table": table,
            "month_totals": month_totals,
            "total": sum(line["total"] for line in table),
            "changelist_url": reverse("admin:clinic_appointmentrequest_changelist"),
        }
        return TemplateResponse(request, "admin/clinic/appointmentrequest/report.html", context)
