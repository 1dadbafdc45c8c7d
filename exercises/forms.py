"""The exercise list filters: plain GET fields, so they work without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import NO_EQUIPMENT, Exercise


class ExerciseFilterForm(forms.Form):
    """Body region, equipment and difficulty; every filter that is set applies (AND).

    The choices come from lists the view has already fetched, so validating the
    form costs no query. An unknown value is ignored rather than an error.
    """

    region = forms.ChoiceField(label=_("Body region"), required=False)
    equipment = forms.ChoiceField(label=_("Equipment"), required=False)
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        required=False,
        choices=[("", _("Any difficulty")), *Exercise.Difficulty.choices],
    )

    def __init__(self, data, *, regions, equipment):
        super().__init__(data)
        self.fields["region"].choices = [("", _("Any body region"))] + [
            (region.slug, region.name) for region in regions
        ]
        self.fields["equipment"].choices = [
            ("", _("Any or none")),
            (NO_EQUIPMENT, _("No equipment needed")),
        ] + [(item.slug, item.name) for item in equipment]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def chosen(self):
        """The filters that are set and valid, as {name: value}."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, exercises):
        chosen = self.chosen()
        if "region" in chosen:
            exercises = exercises.filter(body_regions__slug=chosen["region"])
        if chosen.get("equipment") == NO_EQUIPMENT:
            exercises = exercises.filter(equipment__isnull=True)
        elif "equipment" in chosen:
            exercises = exercises.filter(equipment__slug=chosen["equipment"])
        if "difficulty" in chosen:
            exercises = exercises.filter(difficulty=chosen["difficulty"])
        return exercises
