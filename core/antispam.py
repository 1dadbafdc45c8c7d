"""What every public form shares against bots and floods: a honeypot, a time check, rate limits.

Only the honeypot drops a submission silently (a bot gets the normal thank-you page and
nothing is saved): no person fills a field they cannot see. A form sent faster than a
person types (phone autofill does it) or from a tab left open for days comes back with
everything as typed and a message to press Send again; people who send too much get the
form back too, with when to try again. Nobody is thanked for something that was not kept.
"""

import time
import uuid

import phonenumbers
from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

# A person needs at least this long to fill in a form; a bot posts at once.
MIN_SECONDS_TO_SUBMIT = 3
MAX_SECONDS_TO_SUBMIT = 60 * 60 * 24
_SALT = "core.antispam.started"


def start_token(seconds_ago=0):
    """The signed time a form was shown (`seconds_ago` seconds back, for tests and
    benchmarks) and a random id of that one form, which makes a repeated POST of it
    recognisable as the same submission."""
    return signing.dumps([time.time() - seconds_ago, uuid.uuid4().hex], salt=_SALT)


def _read_start_token(token):
    """(time, form id) from a start token; the id is None in a token from before ids."""
    value = signing.loads(token, salt=_SALT)
    if isinstance(value, list) and len(value) == 2:
        return float(value[0]), uuid.UUID(value[1])
    return float(value), None


class SpamCheckFormMixin(forms.Form):
    """Adds a hidden honeypot and a signed start time to a form.

    After `is_valid()`, `looks_like_a_bot` says whether to drop the submission silently.
    A form sent too fast or too late is invalid, with a message, and carries a new start
    time when it is shown again.
    """

    @property
    def field_error_count(self):
        """How many fields have an error: what the error summary at the top of a patient's
        form counts and links (templates/includes/error_summary.html)."""
        return len([name for name in self.errors if name != forms.forms.NON_FIELD_ERRORS])

    TOO_FAST = _("Please check your answers, then press Send again.")
    TOO_OLD = _(
        "This page was open for a long time. Please check your answers, then press Send again."
    )

    # Named like a field bots love to fill; hidden from people with CSS and aria-hidden.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update(
            {"autocomplete": "off", "tabindex": "-1", "class": "honeypot-input"}
        )
        if not self.is_bound:
            self.initial["started"] = start_token()

    @property
    def looks_like_a_bot(self):
        return bool(self.data.get(self.add_prefix("website")))

    def clean(self):
        cleaned = super().clean()
        if self.looks_like_a_bot:
            return cleaned  # dropped silently by the view, whatever else is wrong
        problem = self._timing_problem()
        if problem:
            # Added, not raised, so the form's own checks still speak; shown again with a
            # fresh start time, so that pressing Send again works.
            self.add_error(None, problem)
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = start_token()
        return cleaned

    @property
    def submission_id(self):
        """The id of the rendered form this submission came from (None if it has none)."""
        try:
            return _read_start_token(self.data.get(self.add_prefix("started"), ""))[1]
        except (signing.BadSignature, TypeError, ValueError, AttributeError):
            return None

    def _timing_problem(self):
        try:
            started, _ = _read_start_token(self.data.get(self.add_prefix("started"), ""))
            elapsed = time.time() - started
        except (signing.BadSignature, TypeError, ValueError, AttributeError):
            return self.TOO_FAST  # a form without a start time we made: show it again
        if elapsed < MIN_SECONDS_TO_SUBMIT:
            return self.TOO_FAST
        if elapsed > MAX_SECONDS_TO_SUBMIT:
            return self.TOO_OLD
        return None


def normalized_email(email):
    """The mailbox an address reaches, for counting: case and "+tags" do not make a new one
    (`Pat+1@Example.com` and `pat@example.com` are the same person's)."""
    local, _, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def normalized_phone(phone):
    """A phone number as E.164 (`+13125550199`), for counting: "(312) 555-0199",
    "312.555.0199" and "+1 312 555 0199" are one number. Read by libphonenumber with the
    clinic's PHONE_REGION; a number it cannot read is counted by its digits."""
    try:
        number = phonenumbers.parse(phone, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in phone if ch.isdigit())
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def over_limit(request, group, *, email=None, rate="5/h", address_rate=None):
    """Count this submission against the per-email and per-address limits.

    Returns True when the email address is over `rate`, or the client address over
    `address_rate` (default `rate`). Forms set a generous address rate: a clinic's
    Wi-Fi or a mobile carrier puts many patients behind one address.
    """
    if not settings.RATELIMIT_ENABLE:
        return False
    limited = is_ratelimited(
        request, group=group, key="ip", rate=address_rate or rate, increment=True
    )
    if email:
        limited |= is_ratelimited(
            request,
            group=f"{group}-email",
            key=lambda _group, _request: normalized_email(email),
            rate=rate,
            increment=True,
        )
    return limited


OVER_LIMIT = _(
    "You have sent several of these in the last hour. Please wait an hour, then press Send "
    "again: everything you typed is kept here."
)


def form_over_limit(view, form):
    """A FormView's answer over a rate limit: the form again, as typed, saying when to retry."""
    form.add_error(None, OVER_LIMIT)
    response = view.form_invalid(form)
    response.status_code = 429
    response["Retry-After"] = "3600"
    return response
