"""“Did you mean …?” for a likely mistyped email domain (`gmail.con`, `yaho.com`).

The answer to a question or a booking goes to the address the patient types; one wrong
letter and it never arrives. A likely slip is pointed out on the form, with the address
we think was meant. Pressing Send again with the address unchanged keeps it as typed: a
suggestion, never a refusal (plenty of real domains look like typos). That counts only
after a page on which the suggestion was the one thing to check: a form that came back
for another reason too (sent too fast, a field left empty) asks for Send again for that
reason, and a patient pressing it has not decided about their address.
"""

from django import forms
from django.utils.translation import gettext
from rapidfuzz import process
from rapidfuzz.distance import OSA

# The mail providers most patients use. A domain one or two slips away from one of these
# (a letter missing, doubled, swapped or wrong) is probably that one.
COMMON_DOMAINS = (
    "aol.com",
    "att.net",
    "bellsouth.net",
    "charter.net",
    "comcast.net",
    "cox.net",
    "earthlink.net",
    "fastmail.com",
    "gmail.com",
    "gmx.com",
    "googlemail.com",
    "hotmail.co.uk",
    "hotmail.com",
    "icloud.com",
    "live.com",
    "mac.com",
    "mail.com",
    "me.com",
    "msn.com",
    "outlook.com",
    "proton.me",
    "protonmail.com",
    "sbcglobal.net",
    "verizon.net",
    "yahoo.co.uk",
    "yahoo.com",
    "ymail.com",
    "zoho.com",
)
COMMON_ENDINGS = ("com", "net", "org", "edu", "gov", "us")
# Real endings one slip away from a common one: never "corrected".
REAL_NEAR_ENDINGS = frozenset({"co", "cm", "om", "cam", "ne", "et", "nl", "or", "ed", "ee"})


def _closest(word, choices, longest_slip):
    match = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=longest_slip)
    return match[0] if match else None


def suggest_email(address):
    """The address probably meant, or None when `address` looks as intended."""
    local, at, domain = (address or "").strip().rpartition("@")
    domain = domain.lower()
    if not (local and at and domain) or domain in COMMON_DOMAINS:
        return None
    # Short domains are too easily one slip from another real one: allow one slip there.
    meant = _closest(domain, COMMON_DOMAINS, 2 if len(domain) >= 9 else 1)
    if meant is None:
        name, dot, ending = domain.rpartition(".")
        if name and dot and ending not in COMMON_ENDINGS and ending not in REAL_NEAR_ENDINGS:
            better = _closest(ending, COMMON_ENDINGS, 1)
            meant = f"{name}.{better}" if better else None
    return f"{local}@{meant}" if meant else None


class EmailTypoCheckMixin(forms.Form):
    """Points out a likely mistyped domain in the form's `email` field.

    The address shown with the suggestion, when the suggestion was all there was to check,
    is kept in a hidden field: sent again unchanged, it is taken as typed.
    """

    email_as_typed = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        self._email_suggestion = None
        if getattr(self, "looks_like_a_bot", False):
            return cleaned
        email = cleaned.get("email")
        meant = suggest_email(email) if email else None
        if meant and self.data.get(self.add_prefix("email_as_typed")) != email:
            self._email_suggestion = (email, meant)
        return cleaned

    def full_clean(self):
        super().full_clean()
        if not getattr(self, "_email_suggestion", None):
            return
        email, meant = self._email_suggestion
        # Decided once every other check (the subclass's own clean too) has spoken.
        alone = not self.errors
        data = self.data.copy()
        if alone:
            message = gettext(
                "Did you mean %(meant)s? If so, please correct it. "
                "If %(email)s is right, press Send again."
            ) % {"meant": meant, "email": email}
            data[self.add_prefix("email_as_typed")] = email
        else:
            # Shown with other things to fix: pointed out, not yet taken as seen.
            message = gettext("Did you mean %(meant)s? If so, please correct it.") % {
                "meant": meant
            }
            data[self.add_prefix("email_as_typed")] = ""
        self.data = data
        self.add_error("email", message)
