"""Which programs need a PT's look, as one query (the admin's dashboard and its "Needs
attention" filter): the same programs as the flags worked out one program at a time."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programs.models import Program
from programs.progress import progress
from programs.services import log_exercise, mark_reviewed
from tests.factories import make_program

pytestmark = pytest.mark.django_db


def scenarios(exercises):
    """Programs in every state the flags know, by name."""
    today = timezone.localdate()
    within = [(days, 0, 2, "right") for days in range(1, 9)]
    made = {
        "severe": make_program(exercises=exercises, logs=[*within, (0, 1, 8, "right")]),
        "sharp words": make_program(
            exercises=exercises, logs=[*within, (0, 1, 2, "right", "a sharp pain")]
        ),
        "above the rule twice": make_program(
            exercises=exercises, logs=[(2, 0, 5, "right"), (1, 0, 2, "right"), (0, 0, 5, "right")]
        ),
        "too hard twice": make_program(
            exercises=exercises, logs=[*within[:3], (1, 2, 2, "hard"), (0, 2, 3, "hard")]
        ),
        "quiet a week": make_program(exercises=exercises, logs=[(8, 0, 2, "right")]),
        "quiet since the start": make_program(
            exercises=exercises, start_date=today - timedelta(days=9)
        ),
        "going well": make_program(exercises=exercises, logs=within),
        "just started": make_program(exercises=exercises, start_date=today - timedelta(days=2)),
        "starts next week": make_program(exercises=exercises, start_date=today + timedelta(days=7)),
        "ended two weeks ago with pain 9": make_program(
            exercises=exercises,
            start_date=today - timedelta(days=40),
            end_date=today - timedelta(days=14),
            logs=[(15, 0, 9, "right")],
        ),
        "ended two days ago, quiet": make_program(
            exercises=exercises,
            start_date=today - timedelta(days=40),
            end_date=today - timedelta(days=2),
            logs=[(20, 0, 2, "right")],
        ),
    }
    reviewed = make_program(exercises=exercises, logs=[*within, (1, 1, 9, "right")])
    mark_reviewed(reviewed)
    made["severe, then reviewed"] = reviewed
    return made


def flagged_one_by_one(today=None):
    programs = Program.objects.with_progress()
    return {p.pk for p in programs if progress(p, today).flags}


def test_the_query_finds_the_programs_the_flags_find(exercises):
    programs = scenarios(exercises)
    call_command("notify_flagged_programs", stdout=None)  # the nightly job
    found = set(Program.objects.needing_attention().values_list("pk", flat=True))
    assert found == flagged_one_by_one()
    names = {name for name, program in programs.items() if program.pk in found}
    assert names == {
        "severe",
        "sharp words",
        "above the rule twice",
        "too hard twice",
        "quiet a week",
        "quiet since the start",
    }


def test_a_log_counts_at_once_and_a_review_clears_it(exercises):
    program = make_program(exercises=exercises, logs=[(1, 0, 2, "right")])
    assert not Program.objects.needing_attention().exists()
    log_exercise(program.items.all()[1], pain=9, effort="right")  # no nightly job between
    assert list(Program.objects.needing_attention()) == [program]
    mark_reviewed(program)
    assert not Program.objects.needing_attention().exists()


def test_a_week_without_logs_counts_without_the_nightly_job(exercises, time_machine):
    program = make_program(exercises=exercises, logs=[(0, 0, 2, "right")])
    assert not Program.objects.needing_attention().exists()
    time_machine.move_to(timezone.now() + timedelta(days=7))
    assert list(Program.objects.needing_attention()) == [program]


def test_the_dashboard_costs_the_same_queries_for_3_or_60_programs(client, pt, exercises):
    def dashboard_queries():
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/admin/").content.decode()
        return len(queries), page

    for _ in range(3):
        make_program(exercises=exercises, logs=[(0, 0, 8, "right")])
    call_command("notify_flagged_programs", stdout=None)
    dashboard_queries()  # the first visit of the session
    few, page = dashboard_queries()
    assert "<strong>3</strong> home exercise programs to look at" in page
    for _ in range(57):
        make_program(exercises=exercises, logs=[(0, 0, 8, "right")])
    call_command("notify_flagged_programs", stdout=None)
    many, page = dashboard_queries()
    assert "<strong>60</strong> home exercise programs to look at" in page
    assert many == few
