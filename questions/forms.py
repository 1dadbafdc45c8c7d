from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clinic.models import BodyRegion
from core.antispam import SpamCheckFormMixin
from core.email_typos import EmailTypoCheckMixin
from questions.models import Question


class AskForm(EmailTypoCheckMixin, SpamCheckFormMixin, forms.Form):
    """The Ask Our Experts form a patient fills in."""

    name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("We send the answer here. It is never shown on the site."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Please tell us your email, so that we can answer you.")},
    )
    text = forms.CharField(
        label=_("Your question"),
        min_length=Question.TEXT_MIN,
        max_length=Question.TEXT_MAX,
        help_text=_("Tell us where it hurts, since when, and what makes it better or worse."),
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": Question.TEXT_MAX}),
    )
    region = forms.ModelChoiceField(
        label=_("Body region (optional)"),
        queryset=BodyRegion.objects.all(),
        required=False,
        empty_label=_("Not sure / other"),
    )
    may_publish = forms.BooleanField(
        label=_(
            "You may publish my question and its answer on this site without my name or email, "
            "edited so nobody can tell it was me."
        ),
        required=False,
    )
    not_an_emergency = forms.BooleanField(
        label=_("I understand this is not for emergencies and is not a personal diagnosis."),
        error_messages={"required": _("Please confirm this before you send your question.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = gettext("Please tell us your first name.")
        self.fields["email"].error_messages["invalid"] = gettext(
            "Please check your email address, for example name@example.com."
        )
        self.fields["text"].error_messages.update(
            {
                "required": gettext("Please write your question."),
                "min_length": gettext(
                    "Please tell us a little more (at least %(limit_value)d characters)."
                ),
            }
        )
        self.helper = FormHelper()
        self.helper.form_action = "questions:ask"
        self.helper.form_id = "ask-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "name",
            "email",
            "email_as_typed",
            # Filled by static/js/ask-suggest.js as the patient types (nothing without it).
            # Above the box: on a phone the keyboard covers what is under it. The status
            # line tells screen readers that the list came, without reading it all out.
            HTML(
                '<section id="ask-suggestions" class="ask-suggestions" '
                f'data-url="{reverse("search:suggest")}" hidden></section>'
                '<p id="ask-suggestions-status" class="visually-hidden" role="status"></p>'
            ),
            Field("text"),
            "region",
            "may_publish",
            "not_an_emergency",
            Div("website", css_class="honeypot", aria_hidden="true"),
            "started",
            Submit("send", gettext("Send my question"), css_class="btn-lg"),
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\x00", "").strip()
        if len(text) < Question.TEXT_MIN:
            raise forms.ValidationError(
                gettext("Please tell us a little more (at least %(limit_value)d characters).")
                % {"limit_value": Question.TEXT_MIN}
            )
        return text
