"""What every public form shares against bots and floods: a honeypot, a time check, rate limits.

Bots are dropped silently (they get the normal thank-you page and nothing is saved);
people who send too much get the kind 429 page.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django_ratelimit.core import is_ratelimited

# A person needs at least this long to fill in a form; a bot posts at once.
MIN_SECONDS_TO_SUBMIT = 3
MAX_SECONDS_TO_SUBMIT = 60 * 60 * 24
_SALT = "core.antispam.started"


def start_token(seconds_ago=0):
    """The signed time a form was shown, `seconds_ago` seconds back (tests and benchmarks)."""
    return signing.dumps(time.time() - seconds_ago, salt=_SALT)


class SpamCheckFormMixin(forms.Form):
    """Adds a hidden honeypot and a signed start time to a form.

    After `is_valid()`, `looks_like_a_bot` says whether to drop the submission.
    """

    # Named like a field bots love to fill; hidden from people with CSS and aria-hidden.
    website = forms.CharField(required=False, label="Leave this field empty")
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
        if self.data.get(self.add_prefix("website")):
            return True
        try:
            started = signing.loads(self.data.get(self.add_prefix("started"), ""), salt=_SALT)
            elapsed = time.time() - float(started)
        except (signing.BadSignature, TypeError, ValueError):
            return True
        return not (MIN_SECONDS_TO_SUBMIT <= elapsed <= MAX_SECONDS_TO_SUBMIT)


def over_limit(request, group, *, email=None, rate="5/h"):
    """Count this submission against the per-address (and per-email) limits.

    Returns True when the client or the email address is over `rate`.
    """
    if not settings.RATELIMIT_ENABLE:
        return False
    limited = is_ratelimited(request, group=group, key="ip", rate=rate, increment=True)
    if email:
        limited |= is_ratelimited(
            request,
            group=f"{group}-email",
            key=lambda _group, _request: email.strip().lower(),
            rate=rate,
            increment=True,
        )
    return limited
