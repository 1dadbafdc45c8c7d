"""Home exercise programs: a physical therapist picks exercises and doses for one patient,
who follows them behind a private link and logs how each went.

The patient's label, email and logs are personal health data: never in search, the
sitemap, a cache or a log line, and erased with the program after the retention period.
"""

import re
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from exercises.models import Dose, Exercise, dose_lines

DEFAULT_WEEKS = 6
# iCalendar's day codes, Monday first (date.weekday()'s order): the calendar file's days and
# the email reminders' days.
DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def new_link_key():
    return secrets.token_urlsafe(32)


def default_end_date():
    return timezone.localdate() + timedelta(weeks=DEFAULT_WEEKS)


# A program runs for weeks or months; these bounds catch a mistyped year.
LONGEST = timedelta(days=366)
EARLIEST_START = date(2000, 1, 1)


class ProgramQuerySet(models.QuerySet):
    def with_progress(self, today=None):
        """Items (with their exercises), the last 28 days of logs, and the questionnaires
        with their rounds (a score worse than the first is a flag), in four more queries."""
        from programs.progress import WINDOW_DAYS

        since = (today or timezone.localdate()) - timedelta(days=WINDOW_DAYS)
        return self.prefetch_related(
            models.Prefetch("items", queryset=ProgramExercise.objects.select_related("exercise")),
            models.Prefetch("logs", queryset=ExerciseLog.objects.filter(day__gt=since)),
            models.Prefetch(
                "questionnaires",
                queryset=ProgramQuestionnaire.objects.select_related("questionnaire"),
            ),
            "questionnaires__responses",
        )

    def needing_attention(self, today=None):
        """The programs with a flag, in one query whatever their number (the admin's
        dashboard and its "Needs attention" filter): running, or ended in the last week,
        and either a flag its logs raised (stored at each log and each night in
        `flags_emailed`, see programs.services.tell_about_new_flags) or nothing logged
        for QUIET_DAYS while it runs (worked out here, as it comes with time)."""
        from programs.progress import FLAGGED_AFTER_END_DAYS, QUIET_DAYS

        today = today or timezone.localdate()
        last_log = ExerciseLog.objects.filter(program=models.OuterRef("pk")).order_by("-day")
        since = Greatest(
            "start_date",
            Coalesce(models.Subquery(last_log.values("day")[:1]), "start_date"),
            Coalesce(TruncDate("reviewed_at"), "start_date"),
        )
        raised_by_logs = ~models.Q(flags_emailed="") & ~models.Q(flags_emailed="quiet")
        quiet = models.Q(
            start_date__lte=today,
            end_date__gte=today,
            has_items=True,
            quiet_since__lte=today - timedelta(days=QUIET_DAYS),
        )
        return (
            self.filter(end_date__gte=today - timedelta(days=FLAGGED_AFTER_END_DAYS))
            .alias(
                quiet_since=since,
                has_items=models.Exists(
                    ProgramExercise.objects.filter(program=models.OuterRef("pk"))
                ),
            )
            .filter(raised_by_logs | quiet)
        )

    def past_retention(self, today=None):
        """Programs whose end was longer ago than the retention period: to be erased."""
        today = today or timezone.localdate()
        return self.filter(
            end_date__lt=today - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
        )


class Program(models.Model):
    """One patient's home exercise program."""

    label = models.CharField(
        "patient",
        max_length=60,
        help_text="How the clinic knows the patient: a first name and initial, or a chart "
        "number. Nothing more is needed, and it is never shown to anyone else.",
    )
    email = models.EmailField(
        blank=True,
        help_text="Optional. Only to send the patient their link; never shown on the page.",
    )
    # db_default: the previous release's code inserts programs without it.
    language = models.CharField(
        "the patient's language",
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        db_default="en",
        help_text="Their link, its email and printout open in it; exercises not yet "
        "translated show in English.",
    )
    prescribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programs",
        help_text="The physical therapist who looks after this program.",
    )
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(
        default=default_end_date,
        help_text="The last day of the program. The link works until the retention period "
        "after it has passed; then the program and its logs are erased.",
    )
    review_date = models.DateField(
        null=True, blank=True, help_text="When you plan to look at it again with the patient."
    )
    note = models.TextField(
        "note to the patient",
        max_length=600,
        blank=True,
        help_text="Shown at the top of their page, e.g. “Do these after your walk.”",
    )
    link_key = models.CharField(max_length=64, unique=True, default=new_link_key, editable=False)
    link_revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Flags are worked out from the logs after this moment (see programs.progress).
    reviewed_at = models.DateTimeField("flags cleared at", null=True, blank=True, editable=False)
    # The kinds of flag (programs.progress.FLAG_RULES) open at the last log or nightly
    # check, which its PT has been told of: a kind not in it emails the PT once
    # (programs.services.tell_about_new_flags). The dashboard counts programs by it
    # (ProgramQuerySet.needing_attention).
    # db_default: the previous release's code, still running during an upgrade, inserts
    # programs without this column (expand, then contract).
    flags_emailed = models.CharField(max_length=100, blank=True, editable=False, db_default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = "home exercise program"
        permissions = [("export_program", "Can export home exercise programs and their logs")]

    def __str__(self):
        # Never the patient's label: this is written to the admin's log of changes, which
        # no retention purge reaches (the list shows the label in its own column).
        return f"Program {self.pk or 'new'}"

    def patient_url(self, language=None):
        """The patient's private page, in `language` (else the patient's). Not
        `get_absolute_url`: the admin would then offer "View on site" (/admin/r/…), which
        any staff member may follow, PT or not."""
        with translation.override(language or self.language):
            return reverse("programs:program", args=[self.link_key])

    def clean(self):
        errors = {}
        start, end, review = self.start_date, self.end_date, self.review_date
        if start and not EARLIEST_START <= start <= timezone.localdate() + LONGEST:
            errors["start_date"] = "Check the year: this start date is too far back or ahead."
        elif start and end and end < start:
            errors["end_date"] = "The program must end on or after its start."
        elif start and end and end > start + LONGEST:
            errors["end_date"] = "A program runs for a year at most: make a new one after that."
        if review and start and end and not start <= review <= end:
            errors["review_date"] = "Choose a review date from the start to the end of the program."
        if errors:
            raise ValidationError(errors)

    @property
    def audit_label(self):
        # The audit trail names the program by its number, never by the patient's label.
        return f"program {self.pk}"

    @property
    def link_expires_on(self):
        """The last day the patient's link works (the program's end plus the retention period)."""
        return self.end_date + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)

    def link_works(self, today=None):
        today = today or timezone.localdate()
        return self.link_revoked_at is None and today <= self.link_expires_on

    def is_running(self, today=None):
        today = today or timezone.localdate()
        return self.start_date <= today <= self.end_date

    @property
    def reminders_on(self):
        """Whether the patient gets email reminders (asked for and confirmed)."""
        return Reminders.objects.filter(program=self, confirmed_at__isnull=False).exists()


class ProgramExercise(Dose):
    """One exercise of a program, with the dose for this patient (empty: the exercise's own)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(
        Exercise,
        on_delete=models.PROTECT,
        related_name="+",
        # Not limited to published exercises: a program keeps one that was set to draft
        # later. A new choice must be published (the admin's form and autocomplete).
    )
    order = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(
        "note for this exercise",
        max_length=200,
        blank=True,
        help_text="e.g. “Only go as low as it does not hurt.”",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "exercise"

    def __str__(self):
        return self.exercise.name if self.exercise_id else "exercise"

    def _own_or_default(self, field):
        own = getattr(self, field)
        return own if own is not None else getattr(self.exercise, field)

    def dose(self):
        """This patient's dose: what the PT set here, the exercise's default for the rest."""
        return dose_lines(
            *(
                self._own_or_default(field)
                for field in ("sets", "reps", "hold_seconds", "times_per_day", "days_per_week")
            )
        )

    @property
    def steps_anchor(self):
        """The link to this exercise's steps on the patient's page."""
        return f"#steps-{self.pk}"

    @property
    def days_a_week(self):
        """How many days a week the patient is asked to do it (every day if nobody said)."""
        return self._own_or_default("days_per_week") or 7


class ExerciseLog(models.Model):
    """The patient says they did one exercise on one day, with their pain and effort."""

    class Effort(models.TextChoices):
        # In the page's language: the patient picks one on their program's page.
        EASY = "easy", pgettext_lazy("effort", "Easy")
        RIGHT = "right", pgettext_lazy("effort", "About right")
        HARD = "hard", pgettext_lazy("effort", "Too hard")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="logs")
    # The program's exercise; empty once the PT has taken it out of the program, when the
    # log stays, with its exercise, for the PT's record.
    item = models.ForeignKey(
        ProgramExercise, on_delete=models.SET_NULL, null=True, blank=True, related_name="logs"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    pain = models.PositiveSmallIntegerField(
        "pain during it (0-10)", validators=[MaxValueValidator(10)]
    )
    effort = models.CharField(max_length=5, choices=Effort.choices)
    comment = models.CharField(max_length=300, blank=True)
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day", "logged_at"]
        verbose_name = "log"
        constraints = [
            # One log per exercise per day: sending it again that day changes it.
            models.UniqueConstraint(fields=["item", "day"], name="one_log_per_exercise_a_day"),
            models.CheckConstraint(condition=models.Q(pain__lte=10), name="pain_0_to_10"),
        ]

    def __str__(self):
        # No pain or comment: this is shown wherever the log is named (a delete page).
        return f"program {self.program_id}, {self.day}"


class Reminders(models.Model):
    """Email reminders the patient asked for on their page: on the days and at the time
    they chose, in their time zone, once they followed the link of the first email
    (double opt-in). Stopping them erases this row, and the address with it; so does
    erasing the program.

    The emails hold no health text (programs.reminders)."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="reminders")
    email = models.EmailField()
    # iCalendar's day codes, as the calendar form's: "MO,WE,FR".
    days = models.CharField(max_length=20)
    time = models.TimeField()
    time_zone = models.CharField(max_length=64)
    # The language of the page they asked from: the emails and pages of the link.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    # The secret of the confirmation and stop links (a new one with each new request).
    key = models.CharField(max_length=64, unique=True, default=new_link_key, editable=False)
    asked_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The patient's own date of the last email: never more than one a day.
    last_sent_on = models.DateField(null=True, blank=True)
    # The day their quiet stretch began when the gentle nudge went: one nudge a stretch.
    nudged_for = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "email reminders"
        verbose_name_plural = "email reminders"

    def __str__(self):
        return f"reminders for program {self.program_id}"  # never the address

    @property
    def day_codes(self):
        return [code for code in self.days.split(",") if code]


class ProgramMessage(models.Model):
    """A short word from the PT to the patient (after a flag, a change of dose): shown at
    the top of the patient's page until they mark it read, and announced by email, with
    no text, when the patient asked for reminders."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="messages")
    text = models.TextField(
        "message to the patient",
        max_length=600,
        help_text="Shown at the top of their page until they mark it read, e.g. “Do 2 sets "
        "instead of 3 this week.” If they get email reminders, an email tells them there is "
        "a message, without its text.",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    written_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When the email that says there is a message went (or was queued).
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-written_at", "-pk"]
        verbose_name = "message to the patient"
        verbose_name_plural = "messages to the patient"

    def __str__(self):
        # Never the text: this names the message in the admin's log of changes.
        return f"message {self.pk or 'new'} on program {self.program_id}"


# --- Outcome questionnaires ------------------------------------------------------------


class Questionnaire(models.Model):
    """An outcome measure a PT can give a program's patient: the built-in NPRS, PSFS and
    LEFS (programs/instruments.py, with their terms of use and sources), or a clinic's own licensed
    one, added here without code. Scored when complete: the sum or the mean of the answers.
    """

    class Scoring(models.TextChoices):
        SUM = "sum", "Sum of the answers"
        MEAN = "mean", "Mean of the answers"

    name = models.CharField(max_length=200, help_text="As the PT and the patient see it.")
    short_name = models.CharField(max_length=20, help_text="For tables and exports, e.g. LEFS.")
    code = models.SlugField(unique=True, help_text="A short identifier used in the FHIR export.")
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language of its wording: give a patient one in theirs. A translation of "
        "a published questionnaire must be its validated version.",
    )
    instructions = models.TextField(help_text="Shown to the patient before the questions.")
    scale_min = models.SmallIntegerField("lowest answer", default=0)
    scale_max = models.SmallIntegerField("highest answer", default=10)
    answer_labels = models.TextField(
        blank=True,
        help_text="What answers mean, one a line: “0 = No pain”. Answers without a line show "
        "their number only.",
    )
    patient_names_items = models.PositiveSmallIntegerField(
        "activities the patient names",
        default=0,
        help_text="0 for fixed questions. For the PSFS, 3: the patient names up to 3 activities "
        "the first time and rates the same ones each time after.",
    )
    scoring = models.CharField(max_length=4, choices=Scoring.choices, default=Scoring.SUM)
    higher_is_better = models.BooleanField(
        default=True, help_text="Untick for scales where a higher score is worse (pain)."
    )
    minimal_important_change = models.DecimalField(
        "minimal clinically important difference",
        max_digits=6,
        decimal_places=1,
        help_text="The change in score that matters to a patient; a score worse than the first "
        "by this much or more is flagged.",
    )
    source = models.CharField(
        max_length=400, help_text="The publication of the instrument and of its MCID."
    )
    terms_of_use = models.CharField(
        max_length=400, help_text="Who allows its use, and how (public domain, free, licensed)."
    )
    is_active = models.BooleanField("offered to PTs", default=True)

    class Meta:
        ordering = ["short_name", "language"]

    def __str__(self):
        return self.name

    @property
    def score_range(self):
        low, high = self.scale_min, self.scale_max
        items = self.patient_names_items or len(self.items.all())
        if self.scoring == self.Scoring.SUM:
            return low * items, high * items
        return low, high

    def labels(self):
        """{value: label} from answer_labels."""
        labels = {}
        for line in self.answer_labels.splitlines():
            value, sep, label = line.partition("=")
            if sep and re.fullmatch(r"-?[0-9]{1,4}", value.strip()):
                labels[int(value)] = label.strip()
        return labels

    def clean(self):
        if self.scale_min is not None and self.scale_max is not None:
            if self.scale_max <= self.scale_min:
                raise ValidationError({"scale_max": "The highest answer must be above the lowest."})
            if self.scale_max - self.scale_min > 100:
                raise ValidationError({"scale_max": "A scale has at most 101 answers."})
        for line in filter(str.strip, self.answer_labels.splitlines()):
            value, sep, label = line.partition("=")
            if not sep or not re.fullmatch(r"-?[0-9]{1,4}", value.strip()) or not label.strip():
                raise ValidationError({"answer_labels": f"Write “number = label”: “{line}”."})
            if not self.scale_min <= int(value) <= self.scale_max:
                raise ValidationError({"answer_labels": f"{value.strip()} is outside the scale."})


class QuestionnaireItem(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "question"

    def __str__(self):
        return self.text


class ProgramQuestionnaire(models.Model):
    """A questionnaire a PT gave a program: due at the start, then every 2 or 4 weeks."""

    class Every(models.IntegerChoices):
        ONCE = 0, "Once, at the start"
        TWO_WEEKS = 2, "At the start, then every 2 weeks"
        FOUR_WEEKS = 4, "At the start, then every 4 weeks"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questionnaires")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    every_weeks = models.PositiveSmallIntegerField(
        "how often", choices=Every.choices, default=Every.FOUR_WEEKS
    )
    starts_on = models.DateField(
        default=timezone.localdate,
        help_text="The first is due on this day (or the program's start, if later).",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "outcome questionnaire"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "questionnaire"], name="one_questionnaire_once_a_program"
            )
        ]

    def __str__(self):
        return f"questionnaire {self.pk or 'new'} on program {self.program_id}"

    def first_due(self):
        return max(self.starts_on, self.program.start_date)

    @property
    def has_questions(self):
        """A patient is offered it only when it has questions (or names its activities);
        `question_count` comes from programs.outcomes' querysets."""
        questionnaire = self.questionnaire
        if questionnaire.patient_names_items:
            return True
        count = getattr(self, "question_count", None)
        return bool(count if count is not None else questionnaire.items.exists())

    def due_on(self, today=None):
        """The day the current round fell due (None before the first or after the end)."""
        today = today or timezone.localdate()
        first, end = self.first_due(), self.program.end_date
        if today < first or first > end or today > end:
            return None
        if not self.every_weeks:
            return first
        rounds = (min(today, end) - first).days // (7 * self.every_weeks)
        return first + timedelta(weeks=rounds * self.every_weeks)


class QuestionnaireResponse(models.Model):
    """One round of a questionnaire: its answers are saved one by one, and it is scored
    when the last is in."""

    assignment = models.ForeignKey(
        ProgramQuestionnaire, on_delete=models.CASCADE, related_name="responses"
    )
    due_on = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "due_on"], name="one_response_a_round")
        ]

    def __str__(self):
        return f"response {self.pk} to questionnaire {self.assignment_id}"


class QuestionnaireAnswer(models.Model):
    """One answer: to a fixed question, or (PSFS) to an activity the patient named."""

    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers"
    )
    position = models.PositiveSmallIntegerField()
    item = models.ForeignKey(
        QuestionnaireItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    activity = models.CharField(max_length=100, blank=True)
    value = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "position"], name="one_answer_a_question")
        ]

    def __str__(self):
        return f"answer {self.position} of response {self.response_id}"


# --- Remote therapeutic monitoring ------------------------------------------------------


class ReviewTime(models.Model):
    """Minutes a PT spent on a program outside a visit (reading logs and scores, writing to
    the patient, changing doses): the monthly record for remote therapeutic monitoring
    counts them with the days the patient sent data (programs.monitoring)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="review_times")
    day = models.DateField(default=timezone.localdate)
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text="The page suggests the time you have had it open.",
    )
    note = models.CharField(
        "what you did",
        max_length=200,
        blank=True,
        help_text="e.g. “Read logs and scores, lowered the wall sit.” No patient details.",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["day", "pk"]
        verbose_name = "time spent reviewing"
        verbose_name_plural = "time spent reviewing"

    def __str__(self):
        return f"{self.minutes} min on program {self.program_id}, {self.day}"
