import unicodedata

from django import forms

from programs.models import ExerciseLog

PAIN_WORDS = {
    0: "no pain",
    1: "barely there",
    2: "mild",
    3: "mild, you can ignore it",
    4: "moderate, you notice it",
    5: "moderate",
    6: "moderate, hard to ignore",
    7: "strong",
    8: "strong, hard to think of anything else",
    9: "very strong",
    10: "the worst you can imagine",
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
        label="Pain during it",
        choices=[(value, f"{value}: {words}") for value, words in PAIN_WORDS.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how much it hurt, from 0 (no pain) to 10."},
    )
    effort = forms.ChoiceField(
        label="How hard it felt",
        choices=ExerciseLog.Effort.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how hard it felt."},
    )
    comment = forms.CharField(
        label="Anything to tell your physical therapist? (optional)",
        max_length=300,
        required=False,
        widget=forms.TextInput,
    )

    def clean_comment(self):
        # One line for the PT to read: a control character (a bell, a terminal colour), a
        # line break or a text-direction override becomes a space. Emoji and joiners stay.
        comment = self.cleaned_data["comment"]
        return "".join(" " if _unreadable(c) else c for c in comment).strip()


WEEKDAYS = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]


class CalendarForm(forms.Form):
    """The days and time of the reminders the patient's own calendar will give."""

    days = forms.MultipleChoiceField(
        label="On these days",
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day."},
    )
    time = forms.TimeField(
        label="At",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "invalid": "Write the time like 18:00.",
            "required": "Write the time like 18:00.",
        },
    )

    def clean_days(self):
        return list(dict.fromkeys(self.cleaned_data["days"]))  # MO, MO: once
