"""Staff invitations: a one-time, expiring link with which a new staff member chooses
their password and sets up their authenticator.

A password alone never enrols a second factor: otherwise whoever first knows a new
account's password (sent by email, reused, guessed) would enrol their own phone. The
link is made for one account by an administrator (Users › "Invite"), shown to them and
emailed to the person; it stops working once used (the password and the device it
checks change), or after STAFF_INVITATION_DAYS.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django_otp import user_has_device

SALT = "config.invitations"
# Set in the session of someone who came through their invitation: they may enrol.
ENROL_SESSION_KEY = "invited_to_enrol"


def _state(user):
    """Changes when the invitation is used (a new password, a device), and only then: a
    sign-in with the password alone (by the invitee, confused, or by anyone else) does
    not spend it."""
    value = f"{user.pk}|{user.password}|{user_has_device(user)}"
    return salted_hmac(SALT, value).hexdigest()[:24]


def invitation_url(user):
    """The path of a new invitation for `user` (an active staff account)."""
    token = signing.dumps([user.pk, _state(user)], salt=SALT, compress=True)
    return reverse("staff_welcome", args=[token])


@sensitive_variables("token")
def invited_user(token):
    """The staff account a still valid invitation is for, or None (unknown, used, expired)."""
    try:
        pk, state = signing.loads(
            token, salt=SALT, max_age=timedelta(days=settings.STAFF_INVITATION_DAYS)
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True, is_staff=True).first()
    if user is None or not constant_time_compare(str(state), _state(user)):
        return None
    return user


def may_enrol(request):
    """Whether this signed-in user may set up their first authenticator: only in the
    session their invitation started (or when they have one already, to see it done)."""
    user = request.user
    return user_has_device(user) or request.session.get(ENROL_SESSION_KEY) == user.pk


@never_cache
@sensitive_post_parameters()
def welcome(request, token):
    """The invitation page: choose a password, then set up the authenticator."""
    user = invited_user(token)
    if user is None:
        return render(request, "admin/invitation_expired.html", status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if not settings.STAFF_TWO_FACTOR:
            return redirect("admin:index")
        request.session[ENROL_SESSION_KEY] = user.pk
        return redirect("two_factor:setup")
    return render(request, "admin/invitation.html", {"form": form, "invited": user})


def enrol_only_when_invited(view):
    """Wraps the authenticator set-up: a password-only session without an invitation gets
    a page that says to ask for one, never the set-up."""

    def guarded(request, *args, **kwargs):
        if request.user.is_authenticated and not may_enrol(request):
            return no_authenticator_yet(request)
        return view(request, *args, **kwargs)

    return guarded


def no_authenticator_yet(request):
    from django.contrib.auth import logout

    logout(request)
    return render(request, "admin/no_authenticator.html", status=403)
