"""The public appointment request form."""

from copy import copy
from urllib.parse import urlsplit

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.dates import WEEKDAYS
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clinic.models import AppointmentRequest, BodyRegion, Clinic
from core.antispam import SpamCheckFormMixin
from core.email_typos import EmailTypoCheckMixin
from core.private_links import private_prefix

NEED_A_CONTACT = _("Please give us a phone number or an email address, so we can reach you.")

# The days a patient can ask for, Monday to Saturday, in the page's language (Django's own
# weekday names; the stored values and the front desk's labels are AppointmentRequest.DAYS).
PREFERRED_DAYS = [
    (code, capfirst(WEEKDAYS[number]))
    for number, (code, _label) in enumerate(AppointmentRequest.DAYS)
]


def local_path(value):
    """The path part of `value` if it is a page of this site, else "".

    Only a relative URL starting with a single "/" passes: never another host,
    scheme, or a "//host" URL. The query and fragment are dropped.
    """
    value = (value or "").strip()
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or not url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    ):
        return ""
    path = urlsplit(value).path
    if any(ord(ch) < 32 for ch in path) or len(path) > 200:
        return ""
    # A patient's private page (its key is the whole secret) is kept as its kind only:
    # "/answers/" or "/my-program/", never the key.
    return private_prefix(path) or path


def page_title(request, path):
    """The title of the public page at `path` (an article, an exercise, an answer, a
    clinic…), found as its own detail view finds it, or "" for any other page.

    Generic on purpose: the view's own queryset and slug, so that no app below needs to
    know the apps above, and a draft or an unknown slug gives ""."""
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_object"):
        return ""
    # As a visitor sees it: a PT previewing a draft never gives the front desk its title.
    visitor = copy(request)
    visitor.user = AnonymousUser()
    view = view_class()
    view.setup(visitor, *match.args, **match.kwargs)
    try:
        return str(view.get_object())[:200]
    except (Http404, AttributeError):
        return ""


class AppointmentRequestForm(EmailTypoCheckMixin, SpamCheckFormMixin, forms.Form):
    name = forms.CharField(max_length=120, label=_("Your name"))
    phone = forms.CharField(
        max_length=40,
        required=False,
        label=_("Phone"),
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "aria-describedby": "contact-hint"}
        ),
    )
    email = forms.EmailField(
        required=False,
        label=_("Email"),
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "aria-describedby": "contact-hint"}
        ),
    )
    clinic = forms.ModelChoiceField(
        queryset=Clinic.objects.active(),
        required=False,
        label=_("Preferred clinic"),
        empty_label=_("Any clinic"),
    )
    preferred_days = forms.MultipleChoiceField(
        choices=PREFERRED_DAYS,
        required=False,
        label=_("Days that suit you"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all empty if any day is fine."),
    )
    preferred_times = forms.MultipleChoiceField(
        choices=AppointmentRequest.TIMES,
        required=False,
        label=_("Times that suit you"),
        widget=forms.CheckboxSelectMultiple,
    )
    body_region = forms.ModelChoiceField(
        queryset=BodyRegion.objects.all(),
        required=False,
        label=_("Where is the problem?"),
        empty_label=_("Somewhere else, or not sure"),
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label=_("What would you like help with?"),
        help_text=_(
            "A sentence or two is enough, for example: pain under the kneecap when I climb stairs."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
    has_referral = forms.ChoiceField(
        choices=AppointmentRequest.Referral.choices,
        required=False,
        label=_("Do you have a referral from a doctor?"),
        help_text=_("You do not need one to book with us."),
        widget=forms.RadioSelect,
    )
    insurance = forms.CharField(
        max_length=120,
        required=False,
        label=_("Your insurance (if any)"),
        help_text=_("So we can check your cover before the visit."),
    )
    consent = forms.BooleanField(
        label=_("You may call or email me about this request."),
        error_messages={"required": _("Please tick this box, so we are allowed to contact you.")},
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_id = "booking-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Fieldset(
                gettext("How can we reach you?"),
                "name",
                HTML(
                    '<p class="form-text" id="contact-hint">'
                    + escape(gettext("Give a phone number, an email, or both."))
                    + "</p>"
                ),
                "phone",
                "email",
                "email_as_typed",
            ),
            Fieldset(
                gettext("When and where"),
                "clinic",
                "preferred_days",
                "preferred_times",
            ),
            Fieldset(
                gettext("About your visit"),
                "body_region",
                "reason",
                "has_referral",
                "insurance",
            ),
            "consent",
            "source",
            "started",
            Div("website", css_class="honeypot", aria_hidden="true"),
            Submit("submit", gettext("Send my request"), css_class="btn-lg"),
        )

    # One line each: the name goes into an email subject, where a newline is a header injection.
    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_insurance(self):
        return " ".join(self.cleaned_data["insurance"].split())

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and (
            sum(ch.isdigit() for ch in phone) < 7
            or any(ch not in "0123456789 +-().ext" for ch in phone.lower())
        ):
            raise forms.ValidationError(
                _("Please check this phone number. Use digits, spaces and + - ( ) only.")
            )
        return phone

    def clean_source(self):
        return local_path(self.cleaned_data.get("source"))

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("phone")
            and not cleaned.get("email")
            and not self.has_error("phone")
            and not self.has_error("email")
        ):
            raise forms.ValidationError(NEED_A_CONTACT, code="no_contact")
        return cleaned
