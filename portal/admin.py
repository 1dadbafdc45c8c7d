"""The project's admin: the home page's choices, and staff accounts (invitations, unlocking)."""

from axes.utils import reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.shortcuts import render
from django.template.loader import render_to_string
from django_otp import devices_for_user, user_has_device
from solo.admin import SingletonModelAdmin

from core.admin import LabelledTabularInline
from core.outbox import queue_email
from core.site_address import absolute_url
from portal.invitations import invitation_url
from portal.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage


class FeaturedArticleInline(LabelledTabularInline):
    model = FeaturedArticle
    fields = ["order", "article"]
    autocomplete_fields = ["article"]
    extra = 0


class FeaturedExerciseInline(LabelledTabularInline):
    model = FeaturedExercise
    fields = ["order", "exercise"]
    autocomplete_fields = ["exercise"]
    extra = 0


class FeaturedAnswerInline(LabelledTabularInline):
    model = FeaturedAnswer
    fields = ["order", "question"]
    # Searched by the question admin, published answers only (limit_choices_to), each
    # named by its public title.
    autocomplete_fields = ["question"]
    extra = 0


@admin.register(HomePage)
class HomePageAdmin(SingletonModelAdmin):
    inlines = [FeaturedArticleInline, FeaturedExerciseInline, FeaturedAnswerInline]

    class Media:
        js = ["js/admin-autocomplete-labels.js"]


# --- Staff accounts: invitations and unlocking ---------------------------------------


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with the two things an administrator does for a colleague:
    invite them (a one-time link to choose a password and set up the authenticator) and
    unlock them after too many wrong passwords."""

    actions = ["invite", "unlock"]

    @admin.action(description="Invite: make a one-time sign-up link (and email it)")
    def invite(self, request, queryset):
        invited = []
        for user in queryset.filter(is_active=True, is_staff=True):
            if user_has_device(user):
                continue  # set up already: a lost phone is handled by removing the device
            link = absolute_url(invitation_url(user))
            if user.email:
                queue_email(
                    to=user.email,
                    subject=f"Your staff account at {settings.SITE_NAME}",
                    body=render_to_string(
                        "admin/email/invitation.txt",
                        {
                            "user": user,
                            "link": link,
                            "days": settings.STAFF_INVITATION_DAYS,
                            "site_name": settings.SITE_NAME,
                        },
                    ),
                )
            invited.append((user, link))
        skipped = queryset.count() - len(invited)
        return render(
            request,
            "admin/invitations.html",
            {
                **self.admin_site.each_context(request),
                "title": "Invitations",
                "invited": invited,
                "skipped": skipped,
                "days": settings.STAFF_INVITATION_DAYS,
                "opts": self.model._meta,
            },
        )

    @admin.action(description="Unlock: clear failed sign-ins")
    def unlock(self, request, queryset):
        for user in queryset:
            reset(username=user.get_username())
            # A throttled authenticator (wrong codes) may be tried again at once too.
            for device in devices_for_user(user, confirmed=None):
                if hasattr(device, "throttle_reset"):
                    device.throttle_reset()
        self.message_user(
            request,
            f"Unlocked {queryset.count()} account(s): they can sign in again now.",
            messages.SUCCESS,
        )
