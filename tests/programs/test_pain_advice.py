"""What a log says back follows the pain rule, and what the PT is told follows the flags.

Pain 0-3 and not too hard: "Saved" and praise. 4-6 or too hard: advice from the pain rule
and the clinic's phone, no praise and no "make it harder". 7 or more, or a comment that
says sharp: the same, plus when to get help now and a call-the-clinic box, and the PT is
emailed once for each new kind of flag.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.outbox import send_queued
from education.readability import TARGET_GRADE, reading_grade
from programs import services
from programs.models import Program
from programs.progress import progress
from tests.factories import make_exercise, make_program

pytestmark = pytest.mark.django_db

PRAISE = "Well done"


@pytest.fixture(autouse=True)
def _at_noon(time_machine):
    """Each test runs from noon today, far from midnight: a log made just before midnight
    would be yesterday's by the time the page that shows it is read."""
    time_machine.move_to(timezone.localtime().replace(hour=12, minute=0, second=0))


@pytest.fixture
def program(pt):
    hike = make_exercise(
        name="Hip hike",
        progression="When it feels easy, hold a little longer.",
        precautions="Always hold on to something.",
        sets=2,
        reps=10,
    )
    march = make_exercise(name="Runner's march", reps=10)
    return make_program(exercises=[hike, march], therapist=pt, start_date=timezone.localdate())


def log(client, program, item, pain, effort="right", comment=""):
    response = client.post(
        f"/my-program/{program.link_key}/done/{item.pk}/",
        {"pain": str(pain), "effort": effort, "comment": comment},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    # The part of the page about this one exercise.
    return page.split(f'id="item-{item.pk}"', 1)[1].split('class="program-item"', 1)[0]


def emails_to_the_pt():
    send_queued()
    return [email for email in mail.outbox if email.to == ["maya@clinic.example.com"]]


@pytest.mark.parametrize(("pain", "effort"), [(0, "easy"), (2, "right"), (3, "right")])
def test_within_the_pain_rule_the_patient_is_praised_and_may_progress(
    client, program, pain, effort
):
    item = program.items.first()
    part = log(client, program, item, pain, effort)
    assert PRAISE in part
    assert "To make it harder" in part
    assert "Stop this exercise for today" not in part
    assert emails_to_the_pt() == []


@pytest.mark.parametrize(
    ("pain", "effort", "says"),
    [
        (4, "right", "more than the 3 out of 10 we advise"),
        (6, "easy", "more than the 3 out of 10 we advise"),
        (1, "hard", "You said it was too hard"),
    ],
)
def test_above_the_pain_rule_the_patient_gets_advice_and_the_phone_not_praise(
    client, program, pain, effort, says
):
    item = program.items.first()
    part = log(client, program, item, pain, effort)
    assert PRAISE not in part
    assert "To make it harder" not in part  # no progression on a day it hurt
    assert says in part
    assert "Stop this exercise for today" in part
    assert "(312) 555-0134" in part  # the clinic's phone (CLINIC_PHONE without a clinic)
    assert "emergency department" not in part
    # One log above the rule is not yet a flag: two of the last three are.
    assert emails_to_the_pt() == []
    # The advice stays with today's log, not only right after sending it.
    page = client.get(f"/my-program/{program.link_key}/").content.decode()
    assert says in page and PRAISE not in page


@pytest.mark.parametrize(
    ("pain", "effort", "comment", "says"),
    [
        (8, "hard", "Sharp pain under the kneecap on the way down", "8 out of 10"),
        (9, "right", "", "9 out of 10"),
        (2, "right", "my leg went numb", "Sharp pain, numbness or a leg that gives way"),
    ],
)
def test_severe_pain_gets_help_now_a_call_box_and_one_email_to_the_pt(
    client, program, pain, effort, comment, says
):
    item = program.items.first()
    part = log(client, program, item, pain, effort, comment)
    assert PRAISE not in part and "To make it harder" not in part
    assert "Please stop this exercise today" in part and says in part
    assert "Call us today" in part and "(312) 555-0134" in part
    assert "Call 911 or go to the emergency department now" in part
    [email] = emails_to_the_pt()
    assert f"/admin/programs/program/{program.pk}/change/" in email.body
    assert not re.search(r"\b(pain|numb|sharp|hip hike)\b", email.body + email.subject, re.I)
    # Logging it again the same day changes the log, and emails nobody again.
    log(client, program, item, pain, effort, comment)
    assert len(emails_to_the_pt()) == 1


def test_pain_above_the_rule_on_two_of_the_last_three_logs_of_one_exercise_is_a_flag(program):
    hike, march = program.items.all()
    today = timezone.localdate()
    services.log_exercise(hike, pain=5, effort="right", day=today - timedelta(days=2))
    services.log_exercise(march, pain=5, effort="right", day=today - timedelta(days=2))
    services.log_exercise(hike, pain=2, effort="right", day=today - timedelta(days=1))
    # One each, on two exercises: not yet.
    assert progress(Program.objects.with_progress().get()).flags == []
    assert emails_to_the_pt() == []
    services.log_exercise(hike, pain=4, effort="right", day=today)
    [flag] = progress(Program.objects.with_progress().get()).flags
    assert flag.kind == "above_rule"
    assert "2 of the last 3 logs of one exercise" in flag.reason
    assert len(emails_to_the_pt()) == 1


def test_severe_pain_after_a_quiet_week_still_emails_the_pt(pt):
    """The review's probe: a program already flagged as quiet emailed nobody at pain 9."""
    program = make_program(
        exercises=[make_exercise()],
        therapist=pt,
        start_date=timezone.localdate() - timedelta(days=12),
        logs=[(10, 0, 2, "right")],
    )
    call_command("notify_flagged_programs")
    assert len(emails_to_the_pt()) == 1  # nothing logged for 10 days
    services.log_exercise(program.items.get(), pain=9, effort="hard")
    assert len(emails_to_the_pt()) == 2  # a new kind of flag: severe pain


def test_each_new_kind_of_flag_emails_once_until_the_pt_clears_them(program):
    hike, march = program.items.all()
    today = timezone.localdate()
    services.log_exercise(hike, pain=8, effort="right", day=today - timedelta(days=1))
    assert len(emails_to_the_pt()) == 1
    services.log_exercise(march, pain=9, effort="right", day=today - timedelta(days=1))
    assert len(emails_to_the_pt()) == 1  # severe again: the PT was told
    services.log_exercise(march, pain=2, effort="hard", day=today)
    services.log_exercise(hike, pain=2, effort="hard", day=today)
    assert len(emails_to_the_pt()) == 1  # too hard once per exercise: no flag
    services.log_exercise(hike, pain=1, effort="hard", day=today - timedelta(days=2))
    assert len(emails_to_the_pt()) == 2  # hike too hard twice: a new kind
    services.mark_reviewed(Program.objects.get())
    services.log_exercise(hike, pain=7, effort="right", day=today)
    assert len(emails_to_the_pt()) == 3  # after the PT cleared the flags, it starts again


def test_the_daily_job_raises_the_quiet_flag_once_even_when_run_twice(pt):
    start = timezone.localdate()
    program = make_program(exercises=[make_exercise()], therapist=pt, start_date=start)
    services.log_exercise(program.items.get(), pain=1, effort="right")
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        call_command("notify_flagged_programs")
        assert emails_to_the_pt() == []
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        call_command("notify_flagged_programs")
        call_command("notify_flagged_programs")  # a second server, or a rerun
        assert len(emails_to_the_pt()) == 1
        # The patient logs again: the quiet flag goes, and nobody is emailed for that.
        services.log_exercise(Program.objects.get().items.get(), pain=1, effort="right")
        assert len(emails_to_the_pt()) == 1
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        call_command("notify_flagged_programs")
        assert len(emails_to_the_pt()) == 2  # quiet again, a week later: told again


def test_a_pt_without_flag_emails_is_not_emailed_but_the_flag_shows(client, program, settings):
    settings.PROGRAM_FLAG_EMAILS = False
    log(client, program, program.items.first(), 9)
    assert emails_to_the_pt() == []
    assert "pain 9/10 logged" in client.get("/admin/programs/program/").content.decode()


def _sentences(html):
    text = re.sub(r"<[^>]+>", "\n", html)
    parts = re.split(r"(?<=[.!?:])\s+|\n+", text)
    return [part.strip() for part in parts if len(part.split()) >= 3]


@pytest.mark.parametrize(
    ("pain", "effort", "comment"),
    [(5, "right", ""), (2, "hard", ""), (8, "hard", "sharp"), (2, "right", "numb")],
)
def test_every_sentence_of_the_advice_reads_at_grade_8_or_lower(
    client, program, pain, effort, comment
):
    item = program.items.first()
    part = log(client, program, item, pain, effort, comment)
    advice = part.split('class="pain-advice', 1)[1].split("<form", 1)[0]
    sentences = _sentences(advice)
    assert len(sentences) >= 5
    assert {s: reading_grade(s) for s in sentences if reading_grade(s) > TARGET_GRADE} == {}
