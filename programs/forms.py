import unicodedata

from django import forms
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programs.models import DAY_CODES, ExerciseLog

PAIN_WORDS = {
    0: pgettext_lazy("pain scale", "no pain"),
    1: pgettext_lazy("pain scale", "barely there"),
    2: pgettext_lazy("pain scale", "mild"),
    3: pgettext_lazy("pain scale", "mild, you can ignore it"),
    4: pgettext_lazy("pain scale", "moderate, you notice it"),
    5: pgettext_lazy("pain scale", "moderate"),
    6: pgettext_lazy("pain scale", "moderate, hard to ignore"),
    7: pgettext_lazy("pain scale", "strong"),
    8: pgettext_lazy("pain scale", "strong, hard to think of anything else"),
    9: pgettext_lazy("pain scale", "very strong"),
    10: pgettext_lazy("pain scale", "the worst you can imagine"),
}


# Line and paragraph separators, and the overrides that turn text around.
_NOT_IN_A_LINE = {
    "\u2028",
    "\u2029",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}


def _unreadable(character):
    return unicodedata.category(character) == "Cc" or character in _NOT_IN_A_LINE


class LogForm(forms.Form):
    """ "I did it today": the pain during it on the 0-10 scale and how hard it felt."""

    pain = forms.TypedChoiceField(
        label=_("Pain during it"),
        choices=[
            (value, format_lazy("{}: {}", value, words)) for value, words in PAIN_WORDS.items()
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how much it hurt, from 0 (no pain) to 10.")},
    )
    effort = forms.ChoiceField(
        label=_("How hard it felt"),
        choices=ExerciseLog.Effort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how hard it felt.")},
    )
    comment = forms.CharField(
        label=_("Anything to tell your physical therapist? (optional)"),
        max_length=300,
        required=False,
        widget=forms.TextInput,
    )

    def clean_comment(self):
        # One line for the PT to read: a control character (a bell, a terminal colour), a
        # line break or a text-direction override becomes a space. Emoji and joiners stay.
        comment = self.cleaned_data["comment"]
        return "".join(" " if _unreadable(c) else c for c in comment).strip()


# iCalendar's day codes, Monday first, with Django's own weekday names in the page's language.
WEEKDAYS = [(code, capfirst(WEEKDAY_NAMES[number])) for number, code in enumerate(DAY_CODES)]


class CalendarForm(forms.Form):
    """The days and time of the reminders the patient's own calendar will give."""

    days = forms.MultipleChoiceField(
        label=_("On these days"),
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    time = forms.TimeField(
        label=pgettext_lazy("reminder time", "At"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": _("Write the time like 18:00."),
            "required": _("Write the time like 18:00."),
        },
    )

    def clean_days(self):
        return list(dict.fromkeys(self.cleaned_data["days"]))  # MO, MO: once


class RemindersForm(CalendarForm):
    """Email reminders: the address, and the days and time (in the chosen time zone)."""

    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        error_messages={
            "required": _("Write your email address."),
            "invalid": _("Check your email address: it should look like name@example.com."),
        },
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    def __init__(self, *args, keep_email="", **kwargs):
        from programs.reminders import time_zone_choices

        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        # Reminders already on: an empty address keeps theirs (the page never shows it).
        self.keep_email = keep_email
        self.fields["email"].required = not keep_email

    def clean_email(self):
        return self.cleaned_data["email"] or self.keep_email
