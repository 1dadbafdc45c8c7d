"""The admin site staff sign in to: a password and a second factor (django-two-factor-auth)."""

from django.shortcuts import redirect
from django_otp import user_has_device
from two_factor.admin import AdminSiteOTPRequired

from config.invitations import may_enrol, no_authenticator_yet


class TwoFactorAdminSite(AdminSiteOTPRequired):
    """Every admin page needs a user verified by their second factor.

    Staff who signed in with their password but have no second factor yet are sent to
    set one up only if they came through their invitation (config.invitations); anyone
    else with just the password is told to ask for one.
    """

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and not user_has_device(user):
            if may_enrol(request):
                return redirect("two_factor:setup")
            return no_authenticator_yet(request)
        return super().login(request, extra_context)
