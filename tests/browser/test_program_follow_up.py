"""Keeping a patient going, in Chromium on a phone: the PT's message, email reminders and
a questionnaire answered one question a screen with the keyboard; axe on every screen,
and nothing scrolls sideways at 320 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from programs.models import ProgramMessage, ProgramQuestionnaire, Questionnaire, Reminders
from tests.browser.conftest import PHONE, third_party_requests
from tests.browser.test_accessibility import run_axe
from tests.factories import make_exercise, make_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page):
    violations, _ = run_axe(page)
    assert violations == [], (page.url, violations)
    page.set_viewport_size({"width": 320, "height": 700})
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (page.url, widths)
    page.set_viewport_size(PHONE)


def test_a_patient_reads_a_message_asks_for_reminders_and_answers_the_psfs(live_server, page):
    exercises = [make_exercise(name=name, reps=10) for name in ("Hip hike", "Wall sit")]
    program = make_program(exercises=exercises, start_date=timezone.localdate() - timedelta(days=3))
    ProgramMessage.objects.create(program=program, text="Do 2 sets instead of 3 this week.")
    psfs = ProgramQuestionnaire.objects.create(
        program=program, questionnaire=Questionnaire.objects.get(code="psfs"), every_weeks=2
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)
    base = live_server.url
    page.base, page.requests_seen = base, requests
    page.goto(f"{base}/my-program/{program.link_key}/")
    message = page.get_by_role("region", name="A message from your physical therapist")
    assert "Do 2 sets instead of 3" in message.inner_text()
    checked(page)
    with page.expect_navigation():
        message.get_by_role("button", name="Mark as read").click()
    assert page.get_by_role("region", name="A message from your physical therapist").count() == 0
    page.get_by_text("Earlier messages from your physical therapist").click()
    assert page.get_by_text("Do 2 sets instead of 3").is_visible()  # kept to look back at

    # Email reminders, by keyboard: the address, then Enter.
    page.get_by_label("Your email address").fill("pat@example.com")
    with page.expect_navigation():
        page.get_by_label("Your email address").press("Enter")
    assert "Check your email" in page.locator("#email-reminders").inner_text()
    assert Reminders.objects.get(program=program).confirmed_at is None
    key = Reminders.objects.get(program=program).key
    page.goto(f"{base}/reminders/{key}/confirm/")
    checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").press("Enter")
    assert "Your reminders are on" in page.locator("h1").inner_text()

    # The PSFS: name the activities, then one rating a screen, with the keyboard only.
    page.goto(f"{base}/my-program/{program.link_key}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Patient-Specific Functional Scale (PSFS)").click()
    checked(page)
    page.get_by_label("Activity 1").fill("Going down stairs")
    page.get_by_label("Activity 2 (optional)").fill("Kneeling")
    with page.expect_navigation():
        page.get_by_label("Activity 2 (optional)").press("Enter")
    assert "Question 1 of 2" in page.content(), page.locator("main").inner_text()
    assert page.get_by_role("group", name="Going down stairs").count() == 1
    checked(page)
    for presses in (4, 6):  # an arrow moves the choice in a radio group; Enter sends
        page.locator("input[name=value]").first.focus()
        page.keyboard.press("Space")
        for _ in range(presses):
            page.keyboard.press("ArrowRight")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert "Your answers are saved" in page.locator("main").inner_text()
    response = psfs.responses.get()
    assert response.score == 5  # (4 + 6) / 2
    assert [a.activity for a in response.answers.all()] == ["Going down stairs", "Kneeling"]
    assert third_party_requests(page) == []
