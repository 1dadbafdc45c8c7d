"""The monthly record for remote therapeutic monitoring: days with data from the patient
and minutes PTs recorded reviewing, per calendar month, printable and as CSV."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from programs import monitoring
from programs.models import ExerciseLog, ReviewTime
from tests.factories import make_program

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}programs/program/"


def test_days_and_minutes_are_counted_per_calendar_month_in_the_payers_bands(exercises):
    program = make_program(
        exercises=exercises, start_date=date(2026, 10, 20), end_date=date(2026, 11, 30)
    )
    item = program.items.first()
    for day in [date(2026, 10, 30), date(2026, 10, 31)] + [
        date(2026, 11, day) for day in range(1, 18)
    ]:
        ExerciseLog.objects.create(program=program, item=item, exercise=item.exercise, day=day,
                                   pain=1, effort="right")  # fmt: skip
    # Two exercises on one day are one day of data.
    second = program.items.all()[1]
    ExerciseLog.objects.create(program=program, item=second, exercise=second.exercise,
                               day=date(2026, 11, 1), pain=0, effort="easy")  # fmt: skip
    ReviewTime.objects.create(program=program, day=date(2026, 11, 3), minutes=12)
    ReviewTime.objects.create(program=program, day=date(2026, 11, 20), minutes=9)
    october, november = monitoring.monthly_record(program, today=date(2026, 12, 6))
    assert (october.days, october.days_band) == (2, "2 to 15 days")
    assert (november.days, november.days_band) == (17, "16 or more days")
    assert (october.minutes, october.minutes_band) == (0, "under 10 minutes")
    assert november.minutes == 21 and november.minutes_band.startswith("20 minutes or more")


def test_the_pt_records_time_and_prints_the_record_and_downloads_it(client, pt, exercises):
    from tests.programs.test_prescribing import change_form

    program = make_program(exercises=exercises, logs=[(1, 0, 2, "right"), (2, 0, 1, "right")])
    change = client.get(f"{ADMIN}{program.pk}/change/").content.decode()
    assert "js/admin-review-time." in change and "Monthly monitoring record" in change
    data = change_form(program, label=program.label)
    today = timezone.localdate().isoformat()
    data |= {
        "review_times-TOTAL_FORMS": "1",
        "review_times-0-day": today,
        "review_times-0-minutes": "14",
        "review_times-0-note": "Read logs, lowered the wall sit.",
        "review_times-0-program": str(program.pk),
    }
    response = client.post(f"{ADMIN}{program.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    assert ReviewTime.objects.get().by == pt

    record = client.get(f"{ADMIN}{program.pk}/monitoring/").content.decode()
    assert "14</strong> (10 to 19 minutes)" in record
    assert "Read logs, lowered the wall sit." in record and "Maya" in record
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"{ADMIN}{program.pk}/monitoring.csv").content.decode())
        )
    )
    assert sum(int(row["minutes reviewed"]) for row in rows) == 14
    assert sum(int(row["days with data"]) for row in rows) == 2


def test_minutes_out_of_range_are_refused(client, pt, exercises):
    from tests.programs.test_prescribing import change_form

    program = make_program(exercises=exercises)
    data = change_form(program, label=program.label)
    data |= {
        "review_times-TOTAL_FORMS": "1",
        "review_times-0-day": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "review_times-0-minutes": "0",
        "review_times-0-program": str(program.pk),
    }
    response = client.post(f"{ADMIN}{program.pk}/change/", data)
    assert response.status_code == 200 and not ReviewTime.objects.exists()
