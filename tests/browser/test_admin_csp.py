"""The Django admin keeps working under the strict Content-Security-Policy.

Its own scripts (inlines, autocomplete, prepopulated slugs, the two-box selector,
collapsible fieldsets) must run without 'unsafe-inline' or 'unsafe-eval'.
"""

import pytest
from django.conf import settings

from education.models import Article
from exercises.models import Exercise
from tests.browser.conftest import desktop_only, sign_in_with_two_factors
from tests.factories import make_region, make_staff, make_therapist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script; the CSP does not apply to what the browser itself injects.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def admin_page(site):
    make_staff("editor", superuser=True, password="a-long-editor-password-1")
    site.errors = []
    site.on("console", lambda m: m.type == "error" and site.errors.append(m.text))
    site.on("pageerror", lambda error: site.errors.append(str(error)))
    site.add_init_script(RECORD_VIOLATIONS)
    sign_in_with_two_factors(site, site.base, "editor", "a-long-editor-password-1")
    return site


def assert_no_csp_trouble(page):
    assert page.evaluate("window.cspViolations") == []
    assert [e for e in page.errors if "Refused to" in e or "Content Security Policy" in e] == []
    assert page.errors == []


@desktop_only
def test_article_add_page_inlines_autocomplete_and_slug_work_under_the_csp(admin_page):
    page = admin_page
    make_therapist(name="Maya Okafor", slug="maya-okafor")
    make_region(name="Knee", slug="knee")
    page.goto(f"{page.base}/{settings.ADMIN_URL}education/article/add/")

    # Prepopulated slug: admin/js/prepopulate.js typed it from the title.
    page.fill("#id_title", "Sore knees on stairs")
    page.locator("#id_summary").focus()
    assert page.input_value("#id_slug") == "sore-knees-on-stairs"

    # "Add another" on both inlines: admin/js/inlines.js adds the rows.
    key_points = page.locator("#key_points-group tbody tr.form-row:not(.empty-form)")
    assert key_points.count() == 3
    page.locator("#key_points-group .add-row a").click()
    assert key_points.count() == 4
    references = page.locator("#references-group tbody tr.form-row:not(.empty-form)")
    page.locator("#references-group .add-row a").click()
    assert references.count() == 1
    # The new row can be removed again, also by script.
    page.locator("#references-group .inline-deletelink").first.click()
    assert references.count() == 0

    # Autocomplete (select2 over the admin's JSON view).
    for field in ("author", "reviewer"):
        page.locator(f".field-{field} .select2-selection").click()
        page.keyboard.type("maya")
        page.locator(".select2-results__option", has_text="Maya Okafor").click()
    # The two-box selector for regions (SelectFilter2.js).
    page.select_option("#id_regions_from", label="Knee")
    page.locator("#id_regions_add").click()

    page.fill("#id_summary", "Pain around the kneecap when you climb stairs.")
    page.fill("#id_what_it_is", "A common problem. It usually gets better with exercise.")
    for row, text in enumerate(["It is common.", "The hip matters.", "Exercise helps.", "Rest."]):
        page.fill(f"#id_key_points-{row}-text", text)
        page.fill(f"#id_key_points-{row}-order", str(row))
    page.locator("input[name=_save]").first.click()
    page.get_by_text("was added successfully").wait_for()

    article = Article.objects.get(slug="sore-knees-on-stairs")
    assert article.key_points.count() == 4
    assert article.author.name == "Maya Okafor"
    assert [r.slug for r in article.regions.all()] == ["knee"]
    assert_no_csp_trouble(page)


@desktop_only
def test_exercise_add_page_step_inlines_work_under_the_csp(admin_page):
    page = admin_page
    make_region(name="Hip", slug="hip")
    page.goto(f"{page.base}/{settings.ADMIN_URL}exercises/exercise/add/")
    steps = page.locator("#steps-group tbody tr.form-row:not(.empty-form)")
    before = steps.count()
    page.locator("#steps-group .add-row a").click()
    page.locator("#steps-group .add-row a").click()
    assert steps.count() == before + 2

    page.fill("#id_name", "Runner's march")
    page.locator("#id_purpose").focus()
    assert page.input_value("#id_slug") == "runners-march"
    page.fill("#id_purpose", "Trains standing on one leg with a level pelvis.")
    page.fill("#id_precautions", "Stop if you feel sharp pain.")
    page.locator(".field-body_regions").get_by_label("Hip").check()
    for row, text in enumerate(["Stand tall.", "Lift one knee.", "Lower slowly."][: before + 2]):
        page.fill(f"#id_steps-{row}-text", text)
        page.fill(f"#id_steps-{row}-order", str(row + 1))
    page.locator("input[name=_save]").first.click()
    page.get_by_text("was added successfully").wait_for()

    exercise = Exercise.objects.get(slug="runners-march")
    assert exercise.steps.count() == min(before + 2, 3)
    assert_no_csp_trouble(page)


def test_the_reading_grade_updates_while_the_pt_types(live_server, page, regions):
    from portal.roles import PHYSICAL_THERAPISTS
    from tests.factories import make_staff

    make_staff("maya", group=PHYSICAL_THERAPISTS, password="a-long-pt-password-1")
    sign_in_with_two_factors(
        page, live_server.url, "maya", "a-long-pt-password-1", "/admin/education/article/add/"
    )
    page.fill(
        "#id_what_it_is",
        "Patellofemoral pain syndrome constitutes a multifactorial musculoskeletal condition "
        "characterised by retropatellar discomfort exacerbated by compressive loading.",
    )
    page.locator(".reading-level", has_text="too hard").wait_for(timeout=10_000)
    page.fill("#id_what_it_is", "The knee hurts. Rest it a bit. Then move it.")
    page.locator(".reading-level", has_text="easy enough").wait_for(timeout=10_000)
