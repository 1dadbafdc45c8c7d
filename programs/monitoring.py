"""The monthly record for remote therapeutic monitoring (RTM): per program and calendar
month, the days the patient sent data (an exercise logged, a questionnaire answered) and
the minutes PTs recorded reviewing it (ReviewTime).

US payers count RTM days of data in two bands since 2026 (2 to 15 days, and 16 or more)
and treatment management time in steps (10 to 19 minutes, then 20 minutes and each 20
after). The record gives the counts and the bands; which codes a clinic bills is its
own decision, made from its payer's current rules.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models.functions import TruncDate
from django.utils import timezone

from programs.models import ExerciseLog, QuestionnaireResponse, ReviewTime


def days_band(count):
    if count >= 16:
        return "16 or more days"
    if count >= 2:
        return "2 to 15 days"
    return "fewer than 2 days"


def minutes_band(minutes):
    if minutes >= 20:
        steps = minutes // 20
        return f"20 minutes or more ({steps} full 20-minute step{'s' if steps > 1 else ''})"
    if minutes >= 10:
        return "10 to 19 minutes"
    return "under 10 minutes"


@dataclass
class Month:
    first_day: date
    data_days: list = field(default_factory=list)
    reviews: list = field(default_factory=list)

    @property
    def days(self):
        return len(self.data_days)

    @property
    def minutes(self):
        return sum(review.minutes for review in self.reviews)

    @property
    def days_band(self):
        return days_band(self.days)

    @property
    def minutes_band(self):
        return minutes_band(self.minutes)


def _month(day):
    return day.replace(day=1)


def monthly_record(program, today=None):
    """[Month], oldest first, from the program's start to its end or today (3 queries)."""
    today = today or timezone.localdate()
    last = min(today, program.end_date)
    months, month = {}, _month(program.start_date)
    while month <= _month(max(last, program.start_date)):
        months[month] = Month(month)
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    logged = set(ExerciseLog.objects.filter(program=program).values_list("day", flat=True))
    answered = QuestionnaireResponse.objects.filter(assignment__program=program).annotate(
        started_on=TruncDate("started_at"), completed_on=TruncDate("completed_at")
    )
    days = logged
    for started_on, completed_on in answered.values_list("started_on", "completed_on"):
        days |= {started_on} | ({completed_on} if completed_on else set())
    for day in sorted(days):
        if _month(day) in months:
            months[_month(day)].data_days.append(day)
    for review in ReviewTime.objects.filter(program=program).select_related("by"):
        months.setdefault(_month(review.day), Month(_month(review.day))).reviews.append(review)
    return [months[key] for key in sorted(months)]
