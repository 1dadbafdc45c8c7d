"""The admin site staff sign in to: a password and a second factor (django-two-factor-auth)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from django_otp import user_has_device
from two_factor.admin import AdminSiteOTPRequired
from two_factor.utils import get_otpauth_url
from two_factor.views import QRGeneratorView, SetupCompleteView, SetupView

from portal.invitations import may_enrol, no_authenticator_yet


class TwoFactorAdminSite(AdminSiteOTPRequired):
    """Every admin page needs a user verified by their second factor.

    Staff who signed in with their password but have no second factor yet are sent to
    set one up only if they came through their invitation (portal.invitations); anyone
    else with just the password is told to ask for one.
    """

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_staff and not user_has_device(user):
            if may_enrol(request):
                return redirect("two_factor:setup")
            return no_authenticator_yet(request)
        return super().login(request, extra_context)


class ClinicSetupView(SetupView):
    """The authenticator set-up, whose entry in the app names the clinic (SITE_NAME), not
    the host and port the page was reached on."""

    @classmethod
    def get_prefix(cls, request, *args, **kwargs):
        return "setup_view"  # the wizard's form names, as django-two-factor-auth's own

    def get_success_url(self):
        """Always the "set-up complete" page, which offers the recovery codes first; the
        page the staff member was going to is its second link."""
        following = self.get_redirect_url()
        if following:
            self.request.session["next"] = following
        return reverse(self.success_url)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form, **kwargs)
        if "otpauth_url" in context:
            context["issuer"] = settings.SITE_NAME
            context["otpauth_url"] = get_otpauth_url(
                self.request.user.get_username(), context["secret_key"], settings.SITE_NAME
            )
        return context


class ClinicQRGeneratorView(QRGeneratorView):
    def get_issuer(self):
        return settings.SITE_NAME


class ClinicSetupCompleteView(SetupCompleteView):
    """ "Two-factor sign-in is on", then "Make recovery codes": never skipped on the way
    to the page the staff member came for (django-two-factor-auth's own view redirects
    straight there, so nobody who started from /admin/ was offered recovery codes)."""

    def get(self, request, *args, **kwargs):
        return TemplateView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        following = self.request.session.pop("next", "")
        safe = url_has_allowed_host_and_scheme(
            following, {self.request.get_host()}, require_https=self.request.is_secure()
        )
        return {
            **super().get_context_data(**kwargs),
            "next_url": following if following and safe else reverse("admin:index"),
        }
