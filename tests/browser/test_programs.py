"""A home exercise program end to end, in Chromium: the PT builds it in the admin, the
patient logs on a phone, the PT sees adherence and the flag; the printout and axe."""

import pytest

from programs.admin import PRINTS_ON_TWO_PAGES
from programs.models import ExerciseLog, Program
from tests.browser.conftest import DESKTOP, PHONE, sign_in_with_two_factors, third_party_requests
from tests.browser.test_accessibility import run_axe
from tests.browser.test_exercises import pdf_page_count
from tests.factories import make_exercise, make_program, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-password-for-programs"


def choose_exercise(page, row, name):
    """Pick an exercise in the inline's autocomplete, by typing as a PT does."""
    page.locator(f"#items-{row} .select2-selection").click()
    page.keyboard.type(name[:4])
    page.locator(".select2-results__option", has_text=name).first.click()


def test_a_pt_prescribes_the_patient_logs_on_a_phone_and_the_pt_sees_the_flag(live_server, page):
    from portal.roles import PHYSICAL_THERAPISTS

    for name in ("Hip hike", "Runner's march", "Wall sit"):
        make_exercise(name=name, days_per_week=5, reps=10)
    make_staff("maya", group=PHYSICAL_THERAPISTS, password=PASSWORD)
    page.set_default_timeout(10_000)
    page.set_viewport_size(DESKTOP)
    base = live_server.url
    sign_in_with_two_factors(page, base, "maya", PASSWORD, "/admin/programs/program/add/")

    page.fill("#id_label", "Jo K.")
    for row, name in enumerate(("Hip hike", "Runner's march", "Wall sit")):
        choose_exercise(page, row, name)
    page.fill("#id_items-2-hold_seconds", "30")
    violations, _ = run_axe(page)
    assert violations == []
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue editing").click()
    assert page.locator(".errornote").count() == 0, page.locator("#content").inner_text()
    program = Program.objects.get()
    assert program.items.count() == 3
    link = page.locator(".field-patient_link a").first.get_attribute("href")
    assert link.endswith(f"/my-program/{program.link_key}/")
    violations, _ = run_axe(page)
    assert violations == []

    patient = page.context.browser.new_context(viewport=PHONE).new_page()
    requests = []
    patient.on("request", lambda request: requests.append(request.url))
    patient.base = base
    patient.requests_seen = requests
    patient.goto(f"{base}/my-program/{program.link_key}/")
    for number, pain in enumerate(("1", "2", "8")):
        form = patient.locator("form.log-form").nth(number)
        form.locator("label", has_text=pain).first.click()
        form.get_by_text("About right").click()
        form.get_by_role("button", name="Done today").click()
        patient.wait_for_url("**?logged=*")
        assert "Saved:" in patient.locator("[role=status]").first.inner_text()
    assert ExerciseLog.objects.count() == 3
    assert patient.get_by_text("Done today: pain 8 out of 10").is_visible()
    violations, _ = run_axe(patient)
    assert violations == []
    assert third_party_requests(patient) == []

    page.goto(f"{base}/admin/programs/program/")
    row = page.locator("#result_list tbody tr").first
    assert "pain 8/10 logged" in row.inner_text()
    assert "latest 8/10, highest 8/10" in row.inner_text()
    page.goto(f"{base}/admin/")
    assert "1 home exercise program to look at" in page.locator(".staff-dashboard").inner_text()
    violations, _ = run_axe(page)
    assert violations == []


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_program_of_six_exercises_prints_on_at_most_two_pages(live_server, page, paper):
    """Six of the demo's exercises, the longest: steps, drawing, dose and how to progress."""
    import io

    from exercises import demo
    from exercises.models import Exercise

    demo.seed(io.StringIO())
    exercises = sorted(
        Exercise.objects.prefetch_related("steps"),
        key=lambda e: -sum(len(step.text) for step in e.steps.all()) - len(e.progression),
    )
    program = make_program(
        exercises=exercises[:PRINTS_ON_TWO_PAGES],
        note="Do these after your evening walk. Call us if your knee pain gets worse.",
    )
    page.goto(f"{live_server.url}/my-program/{program.link_key}/print/")
    pdf = page.pdf(format=paper, prefer_css_page_size=True)
    assert 1 <= pdf_page_count(pdf) <= 2


def test_revoking_a_link_asks_first(live_server, page):
    from portal.roles import PHYSICAL_THERAPISTS

    program = make_program(exercises=[make_exercise(name="Hip hike")])
    make_staff("maya", group=PHYSICAL_THERAPISTS, password=PASSWORD)
    page.set_viewport_size(DESKTOP)
    change = f"/admin/programs/program/{program.pk}/change/"
    sign_in_with_two_factors(page, live_server.url, "maya", PASSWORD, change)
    revoke = page.get_by_role("button", name="Revoke the link")
    page.once("dialog", lambda dialog: dialog.dismiss())
    revoke.click()
    page.wait_for_timeout(300)
    program.refresh_from_db()
    assert program.link_revoked_at is None  # changed their mind: nothing happened
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        revoke.click()
    program.refresh_from_db()
    assert program.link_revoked_at is not None
    assert "The link no longer works." in page.locator(".messagelist").inner_text()


def test_in_forced_colours_the_chosen_pain_and_effort_stay_visibly_chosen(live_server, page):
    program = make_program(exercises=[make_exercise(name="Hip hike")])
    item = program.items.get()
    context = page.context.browser.new_context(viewport=PHONE, forced_colors="active")
    patient = context.new_page()
    patient.goto(f"{live_server.url}/my-program/{program.link_key}/")
    assert patient.evaluate("matchMedia('(forced-colors: active)').matches")
    patient.locator(f"label[for=item{item.pk}-pain-4]").click()
    patient.locator(f"label[for=item{item.pk}-effort-right]").click()

    def background(value):
        return patient.locator(f"label[for=item{item.pk}-{value}]").evaluate(
            "label => getComputedStyle(label).backgroundColor"
        )

    assert background("pain-4") != background("pain-3")
    assert background("effort-right") != background("effort-easy")
    context.close()
