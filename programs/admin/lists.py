"""The program list in the admin: its columns (adherence, pain, flags: worked out once
per row from prefetched data) and its filters (needs attention, by PT)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from programs.progress import pain_chart_svg, progress


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


class ProgramColumns:
    """The list's columns, mixed into ProgramAdmin."""

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
            share(obj, state.adherence_7),
            share(obj, state.adherence_28),
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


def share(program, percent):
    """Adherence in words: a percent, or why there is none."""
    if percent is not None:
        return f"{percent}%"
    if not program.items.all():
        return "no exercises"
    return "not started" if program.start_date > timezone.localdate() else "ended"
