"""Ask Our Experts in a real browser: the patient by keyboard alone, the PT in the admin."""

import re

import pytest
from django.core import mail

from core.outbox import send_queued
from portal.roles import PHYSICAL_THERAPISTS
from questions.models import Question
from tests.browser.conftest import (
    axe_violations,
    desktop_only,
    phone_only,
    sign_in_with_two_factors,
    third_party_requests,
)
from tests.factories import make_article, make_question, make_staff, make_therapist
from tests.words import has_word

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _people_type_fast_in_tests(monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_SECONDS_TO_SUBMIT", 0)


@desktop_only
def test_a_patient_asks_a_question_with_the_keyboard_only(site, regions):
    site.goto(site.base + "/ask/")
    site.locator("#id_name").focus()
    site.keyboard.type("Patricia")
    site.keyboard.press("Tab")
    site.keyboard.type("not-an-email")
    site.keyboard.press("Tab")
    site.keyboard.type("My knee hurts on stairs and turns in when I squat. What can I do?")
    site.keyboard.press("Tab")  # region select: leave it
    site.keyboard.press("Tab")
    site.keyboard.press("Space")  # may publish
    site.keyboard.press("Tab")
    site.keyboard.press("Space")  # not an emergency
    site.keyboard.press("Tab")
    with site.expect_navigation():
        site.keyboard.press("Enter")  # send
    # The error is shown next to its field, and the question text is kept.
    assert "Please check your email address" in site.locator("#div_id_email").inner_text()
    assert "turns in when I squat" in site.locator("#id_text").input_value()
    assert axe_violations(site) == []

    site.locator("#id_email").fill("")
    site.locator("#id_email").focus()
    site.keyboard.type("pat@example.com")
    site.locator("#id_not_an_emergency").focus()
    if not site.locator("#id_not_an_emergency").is_checked():
        site.keyboard.press("Space")
    site.keyboard.press("Tab")
    with site.expect_navigation(url="**/ask/thanks/"):
        site.keyboard.press("Enter")
    code = site.locator(".reference-code").inner_text()
    assert code == Question.objects.get().reference
    assert axe_violations(site) == []
    assert third_party_requests(site) == []


@desktop_only
def test_a_pt_drafts_sends_and_publishes_and_the_patient_reads_the_private_page(site, regions):
    """Clicks from the admin index: to a sent answer 7, to a published one 5 more (counted
    below as `clicks`); axe on each new page, at phone and desktop width."""
    make_article(title="Knock knees and kneecap pain", slug="knock-knees")
    user = make_staff("maya", group=PHYSICAL_THERAPISTS, password="a-long-pt-password-1")
    make_therapist(name="Maya Okafor", credentials="PT, DPT", user=user)
    question = make_question(
        published=False,
        name="Patricia",
        email="pat@example.com",
        may_publish=True,
        region=regions["knee"],
        text="My knees turn in when I walk down stairs and the kneecap aches. Why?",
    )
    errors = []
    site.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    sign_in_with_two_factors(site, site.base, "maya", "a-long-pt-password-1")
    site.get_by_text("1 question waiting for an answer").wait_for()
    clicks = 0
    site.get_by_role("link", name="question waiting for an answer").click()
    site.get_by_role("link", name=question.reference).click()
    clicks += 2
    site.fill("#id_things_to_know", "This is common.\nThe hip is often the cause.\nExercise helps.")
    site.fill("#id_answer", "Make your **hip** muscles stronger.")
    # The related-articles autocomplete (select2) works under the strict CSP.
    site.locator(".field-related_articles .select2-selection").click()
    site.keyboard.type("knock")
    site.locator(".select2-results__option", has_text="Knock knees").click()
    site.locator("input[name=_continue]").first.click()
    clicks += 3
    site.get_by_text("Next step: send the answer to the patient").wait_for()
    assert mail.outbox == [] and send_queued() == (0, 0)  # a draft sends nothing

    site.get_by_role("link", name="Send to patient…").click()
    clicks += 1
    site.get_by_text("This is exactly what Patricia receives").wait_for()
    assert "Make your hip muscles stronger." in site.locator(".answer-preview").inner_text()
    assert axe_violations(site) == []
    site.get_by_role("button", name="Send to patient").click()
    clicks += 1
    site.get_by_text("Sent: Patricia gets an email").wait_for()
    assert clicks == 7
    send_queued()
    (email,) = mail.outbox
    for word in ("hip", "knee", "knees", "kneecap", "stairs"):
        assert not has_word(email.body, word), word

    site.fill("#id_public_title", "Why do my knees turn in on stairs?")
    site.fill("#id_public_text", "My knees turn in on stairs and my kneecap aches. Why?")
    site.fill("#id_slug", "knees-turn-in-on-stairs")
    site.locator("input[name=_continue]").first.click()
    site.get_by_role("link", name="Publish…").click()
    clicks += 2  # (typing the public text aside)
    site.get_by_text("This is the public page as visitors will see it").wait_for()
    assert axe_violations(site) == []
    site.get_by_role("button", name="Publish").click()
    site.get_by_text("Published:").wait_for()
    site.locator(".messagelist").get_by_role(
        "link", name="/questions/knees-turn-in-on-stairs/"
    ).click()
    clicks += 2
    assert clicks == 11
    body = site.locator("main").inner_text()
    assert "Make your hip muscles stronger." in body
    assert "Answered by Maya Okafor, PT, DPT" in body
    assert "Patricia" not in body and "pat@example.com" not in body
    assert "Knock knees and kneecap pain" in body
    assert [e for e in errors if re.search("Content Security Policy|Refused", e)] == []

    # The patient, signed out, opens the link in the email.
    site.context.clear_cookies()
    link = re.search(r"https?://[^/\s]+(/answers/[^/\s]+/)", email.body).group(1)
    site.requests_seen.clear()
    site.goto(site.base + link)
    main = site.locator("main").inner_text()
    assert "Hello Patricia, here is your answer" in main
    assert "Make your hip muscles stronger." in main and "emergency department now" in main
    assert axe_violations(site) == []
    assert third_party_requests(site) == []


# A 390 x 844 phone with its keyboard up shows about the top 470 px of the page.
ABOVE_THE_KEYBOARD = {"width": 390, "height": 470}

VISIBLE = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.top > -1 && box.bottom < innerHeight + 1 && box.height > 0;
}"""


@phone_only
@pytest.mark.parametrize("box_at", ["start", "end"])
def test_while_a_patient_types_on_a_phone_the_answers_that_may_help_show_above_the_keyboard(
    site, settings, box_at
):
    """Seen on a phone: the list came under the box, behind the keyboard. It now comes
    above the box, which stays put, wherever the browser scrolled the box to (the top
    or the bottom of what the keyboard leaves)."""
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    site.goto(site.base + "/ask/")
    site.locator("#id_text").click()
    site.set_viewport_size(ABOVE_THE_KEYBOARD)
    site.locator("#id_text").evaluate(
        "(box, at) => box.scrollIntoView({block: at, behavior: 'instant'})", box_at
    )
    site.keyboard.type("My knees turn in on the stairs and the front of my knee hurts.", delay=5)
    suggestions = site.locator("#ask-suggestions")
    suggestions.get_by_role("link", name="Why do my knees turn in").wait_for()

    assert site.evaluate(VISIBLE, "#ask-suggestions"), "the list is out of sight"
    assert site.evaluate(VISIBLE, "#id_text"), "the box went under the keyboard"
    assert site.evaluate("document.activeElement.id") == "id_text"  # typing goes on
    assert suggestions.get_by_role("link").count() == 3  # what fits above the box
    status = site.locator("#ask-suggestions-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "3 answers may help: listed just before the question box."
    # From the box, Shift+Tab reaches them.
    site.keyboard.press("Shift+Tab")
    assert site.evaluate("document.activeElement.closest('#ask-suggestions') !== null")
    assert axe_violations(site) == []
    assert third_party_requests(site) == []


@phone_only
def test_sent_too_fast_with_a_mistyped_email_the_patient_sees_the_hint_before_it_is_kept(
    site, monkeypatch
):
    """Seen on a phone: "sent too fast" and "Did you mean sam@gmail.com?" came on one page,
    below the first screen, both saying "press Send again"; pressing it stored
    sam@gmail.con. Now the hint is the first thing on the page, and the address is kept as
    typed only when sent again after a page that asked about nothing else."""
    site.goto(site.base + "/ask/")
    site.get_by_label("Your first name").fill("Sam")
    site.get_by_label("Your email").fill("sam@gmail.con")
    site.get_by_label("Your question").fill("My knee hurts on the stairs. What can I do?")
    site.locator("#id_not_an_emergency").check()
    monkeypatch.setattr("core.antispam.MIN_SECONDS_TO_SUBMIT", 3600)  # too fast, whatever
    with site.expect_navigation():
        site.get_by_role("button", name="Send my question").click()

    summary = site.locator("#form-errors")
    assert site.evaluate(VISIBLE, "#form-errors"), "the summary is below the first screen"
    assert "Did you mean sam@gmail.com? If so, please correct it." in summary.inner_text()
    assert (
        "Please check your answers, then press Send again."
        in site.locator("#ask-form").inner_text()
    )
    assert "If sam@gmail.con is right" not in site.locator("main").inner_text()
    assert axe_violations(site) == []

    monkeypatch.setattr("core.antispam.MIN_SECONDS_TO_SUBMIT", 0)
    with site.expect_navigation():
        site.get_by_role("button", name="Send my question").click()  # as the speed note said
    assert not Question.objects.exists()
    assert "If sam@gmail.con is right, press Send again." in summary.inner_text()
    summary.get_by_role("link", name="Your email").click()
    site.wait_for_function(VISIBLE, arg="#id_email")

    with site.expect_navigation(url="**/ask/thanks/"):
        site.get_by_role("button", name="Send my question").click()
    assert Question.objects.get().email == "sam@gmail.con"
