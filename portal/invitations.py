"""Staff invitations: a link with which a new staff member chooses their password and
sets up their authenticator.

A password alone never enrols a second factor: otherwise whoever first knows a new
account's password (sent by email, reused, guessed) would enrol their own phone. An
administrator makes the link for one account (Users › "Invite", or `manage.py
invite_staff` for the first one); it is shown to them and emailed to the person. It
works until the account has an authenticator (so a set-up left half-way can be taken
up again with the same link), for STAFF_INVITATION_DAYS at most; a new invitation for
the account replaces it. Only a digest of its key is stored.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django_otp import user_has_device

from portal.models import StaffInvitation

# Set in the session of someone who came through their invitation: they may enrol.
ENROL_SESSION_KEY = "invited_to_enrol"


def _digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def invitation_url(user):
    """The path of a new invitation for `user` (an active staff account without an
    authenticator); any earlier one for the account stops working."""
    key = secrets.token_urlsafe(32)
    StaffInvitation.objects.filter(user=user).delete()
    StaffInvitation.objects.create(user=user, key_digest=_digest(key))
    return reverse("staff_welcome", args=[key])


@sensitive_variables("key")
def invited_user(key):
    """The staff account a still valid invitation is for, or None (unknown, replaced,
    expired, or the account has its authenticator)."""
    oldest = timezone.now() - timedelta(days=settings.STAFF_INVITATION_DAYS)
    invitation = (
        StaffInvitation.objects.select_related("user")
        .filter(key_digest=_digest(key), created_at__gte=oldest)
        .first()
    )
    if invitation is None:
        return None
    user = invitation.user
    if not (user.is_active and user.is_staff) or user_has_device(user):
        invitation.delete()
        return None
    return user


def may_enrol(request):
    """Whether this signed-in user may set up their first authenticator: only in the
    session their invitation started (or when they have one already, to see it done)."""
    user = request.user
    return user_has_device(user) or request.session.get(ENROL_SESSION_KEY) == user.pk


@never_cache
@sensitive_post_parameters()
def welcome(request, key):
    """The invitation page: choose a password, then set up the authenticator."""
    user = invited_user(key)
    if user is None:
        return render(request, "admin/invitation_expired.html", status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if not settings.STAFF_TWO_FACTOR:
            StaffInvitation.objects.filter(user=user).delete()
            return redirect("admin:index")
        request.session[ENROL_SESSION_KEY] = user.pk
        return redirect("two_factor:setup")
    return render(request, "admin/invitation.html", {"form": form, "invited": user})


def invitation_used(sender, instance, **kwargs):
    """Signal receiver: an account set up its authenticator: its invitation is spent."""
    if instance.confirmed:
        StaffInvitation.objects.filter(user_id=instance.user_id).delete()


def enrol_only_when_invited(view):
    """Wraps the authenticator set-up: a password-only session without an invitation gets
    a page that says to ask for one, never the set-up."""

    def guarded(request, *args, **kwargs):
        if request.user.is_authenticated and not may_enrol(request):
            return no_authenticator_yet(request)
        return view(request, *args, **kwargs)

    return guarded


def no_authenticator_yet(request):
    logout(request)
    return render(request, "admin/no_authenticator.html", status=403)
