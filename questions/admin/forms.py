"""The answer form in the admin: a draft until it is sent; once sent, complete; once
published, anonymous. With the decline form and the answer's references."""

from django import forms

from education.admin import CitationInline
from questions import services
from questions.models import AnswerReference, Question
from questions.privacy import PUBLIC_PARTS, find_identifying_text


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = "__all__"  # noqa: DJ007 - the fieldsets below choose what shows
        widgets = {
            "things_to_know": forms.Textarea(attrs={"rows": 6}),
            "answer": forms.Textarea(attrs={"rows": 14}),
            "public_text": forms.Textarea(attrs={"rows": 5}),
            "decline_reason": forms.Textarea(attrs={"rows": 3}),
            "checked_against": forms.TextInput(attrs={"size": 80}),
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        therapist = getattr(getattr(request, "user", None), "therapist", None)
        if "answered_by" in self.fields and therapist and not self.instance.answered_by_id:
            self.initial["answered_by"] = therapist.pk  # the PT who writes it

    def clean(self):
        """A question not sent yet is saved as it is: a half-written answer is a draft,
        checked when it is sent. A sent answer is what the patient reads (and, published,
        what everyone reads): an edit must keep it complete, and a public one anonymous."""
        cleaned = super().clean()
        chosen = cleaned.get("answered_by")
        if (
            chosen is not None
            and not self.instance.answered_by_id
            and not cleaned.get("answer", "").strip()
            and chosen.pk == self.initial.get("answered_by")
        ):
            # Only preselected, with no answer written (a hand-over, a linked page): the PT
            # who writes the answer is named, not whoever saved first.
            cleaned["answered_by"] = None
        if self.instance.answer_sent_at:
            try:
                services.check_key_points(cleaned.get("things_to_know", ""))
            except forms.ValidationError as error:
                self.add_error("things_to_know", error)
            if not cleaned.get("answer", "").strip():
                self.add_error("answer", "The patient has this answer: it cannot be emptied.")
        if self.instance.status == Question.Status.PUBLISHED:
            # Edits to a live page are checked as publishing is.
            edited = Question(
                name=self.instance.name,
                **{field: cleaned.get(field, "") for field, _label in PUBLIC_PARTS},
            )
            problems = [
                f"{where} contains {kind}: “{text}”. Remove it: this page is public."
                for where, kind, text in find_identifying_text(edited)
            ]
            if problems:
                raise forms.ValidationError(problems)
        return cleaned


DRAFT_NOTE = (
    "Saving keeps the answer as a draft: nothing reaches the patient until you press "
    "“Send to patient”. Write it as public text, with no greeting: the patient's page and "
    "email greet them by name."
)
SENT_NOTE = (
    "The patient has this answer: a save changes their private page at once, without a "
    "new email. Keep it complete."
)
PUBLISHED_NOTE = (
    "This answer is public: a save changes the public page and the patient's page at once. "
    "Names, emails, phone numbers, addresses and dates are refused, as when publishing."
)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why we cannot answer (the patient reads this)",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        initial=(
            "Your question needs an examination to answer safely, so we cannot answer it "
            "by email. We would be glad to see you at the clinic."
        ),
    )


class AnswerReferenceInline(CitationInline):
    model = AnswerReference
    verbose_name = "reference for the answer"
    verbose_name_plural = "References for the answer (shown under the published answer)"
