"""The demo content a new install shows: plain language, reviewed, complete."""

import re

import pytest
from django.core.management import call_command

from core.markdown import plain_text
from education.models import Article
from education.readability import TARGET_GRADE, reading_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = False  # content only, no staff accounts
    call_command("seed_demo")


def test_every_demo_article_reads_at_grade_8_or_lower(demo):
    articles = list(Article.objects.all())
    assert len(articles) >= 5
    for article in articles:
        text = f"{article.summary} {article.plain_body()}"
        assert reading_grade(text) <= TARGET_GRADE, article.slug
        assert article.reading_grade <= TARGET_GRADE, article.slug


def test_the_knock_knees_article_is_public_and_complete(demo, client):
    article = Article.objects.get(slug="knock-knees")
    assert 3 <= article.key_points.count() <= 6
    assert article.reviewer != article.author
    assert article.red_flag_list
    response = client.get("/articles/knock-knees/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "hip" in content and "foot" in content
    assert "Reviewed by" in content


def _patient_texts():
    """Every text of the demo a patient reads, by where it is."""
    from education.models import Article
    from exercises.models import Exercise
    from questions.models import Question

    texts = {}
    for article in Article.objects.all():
        texts[f"{article.slug}: summary"] = article.summary
        texts[f"{article.slug}: things to know"] = " ".join(
            point.text for point in article.key_points.all()
        )
        texts[f"{article.slug}: red flags"] = ". ".join(article.red_flag_list)
    for exercise in Exercise.objects.all():
        texts[f"{exercise.slug}: purpose"] = exercise.purpose
        texts[f"{exercise.slug}: steps"] = " ".join(step.text for step in exercise.steps.all())
        texts[f"{exercise.slug}: precautions"] = exercise.precautions
    for question in Question.objects.published():
        texts[f"{question.slug}: things to know"] = " ".join(question.key_points)
        texts[f"{question.slug}: answer"] = plain_text(question.answer)
    return texts


def test_every_text_a_patient_reads_is_at_grade_8_or_lower(demo):
    grades = {where: reading_grade(text) for where, text in _patient_texts().items()}
    assert len(grades) > 40
    assert {where: g for where, g in grades.items() if g > TARGET_GRADE} == {}


def test_the_must_fix_safety_points_are_on_the_pages(demo, client):
    knock_knees = client.get("/articles/knock-knees/").content.decode()
    assert "In young children, knock knees are normal" in knock_knees
    assert "Exercise does not change the shape of the bones" in knock_knees
    assert "slipped growth plate" in knock_knees
    assert "/exercises/wall-sit/" in knock_knees  # thigh exercises, with the hip ones
    hip = client.get("/articles/hip-weakness/").content.decode()
    emergency = hip.split("go to the emergency department now if you have:", 1)[1]
    assert "urine or stool" in emergency.split("</ul>", 1)[0]
    assert "Pain on the outside of the hip" in hip
    flat = client.get("/articles/flat-feet/").content.decode()
    assert "diabetes or numb feet" in flat and "even without pain" in flat
    for slug in ("hip-hike", "clamshell", "wall-sit", "calf-raise"):
        page = client.get(f"/exercises/{slug}/").content.decode()
        assert "Stop if it goes above 3 or feels sharp" in page, slug
        assert "does not settle within a day" not in page


def test_the_knock_knees_booking_box_speaks_of_the_knee(demo, client):
    import re

    page = client.get("/articles/knock-knees/").content.decode()
    booking = re.findall(r'href="(/book/\?from=/articles/knock-knees/[^"]*)"', page)
    assert any("region=knee" in link for link in booking), booking
    assert not any("region=hip" in link for link in booking), booking


def test_references_support_their_page_and_answers_cite_theirs(demo, client):
    from questions.models import Question

    def cited(page):
        section = page.split('id="references-heading"', 1)[1].split("</section>", 1)[0]
        return re.findall(r"<li>(?:<a [^>]+>)?([^<]+)", section)

    knee_guideline = "Patellofemoral pain: clinical practice guidelines"
    for slug in ("knock-knees", "runners-knee"):
        refs = cited(client.get(f"/articles/{slug}/").content.decode())
        assert any("Part 2: recommended physical interventions" in r for r in refs), slug
        assert any("2018 Consensus statement on exercise therapy" in r for r in refs), slug
    for slug in ("flat-feet", "hip-weakness", "heel-pain"):
        refs = cited(client.get(f"/articles/{slug}/").content.decode())
        assert refs and not any(knee_guideline in r for r in refs), slug
    flat_feet = cited(client.get("/articles/flat-feet/").content.decode())
    assert any("Diabetic foot problems" in r for r in flat_feet)
    for question in Question.objects.published():
        refs = cited(client.get(question.get_absolute_url()).content.decode())
        assert refs, question.slug
    # Full titles, and what each page was checked against, kept for staff.
    for article in Article.objects.prefetch_related("references"):
        assert article.checked_against, article.slug
        assert all(len(r.citation) > 30 and r.url for r in article.references.all()), article.slug
    assert all(q.checked_against for q in Question.objects.published())
    from exercises.models import Exercise

    assert all(e.checked_by and e.checked_against for e in Exercise.objects.all())


def test_articles_and_answers_give_the_same_dose_as_the_exercise_page(demo, client):
    from exercises.models import Exercise

    hike = Exercise.objects.get(slug="hip-hike")
    assert hike.dose_summary() == "2 sets of 10, hold 2 seconds, 3 days a week"
    for url in ("/exercises/hip-hike/", "/articles/knock-knees/", "/exercises/"):
        page = client.get(url).content.decode()
        assert "3 days a week" in page, url
    article = client.get("/articles/knock-knees/").content.decode()
    assert f"Usual dose: {hike.dose_summary()}" in article
    assert "two or three times a week" not in article


def test_warning_signs_say_how_soon_in_the_same_words_on_every_page(demo, client):
    from education.models import RED_FLAG_URGENCY

    for article in Article.objects.all():
        groups = article.red_flag_groups()
        # Most urgent first, each urgency once.
        order = list(RED_FLAG_URGENCY.values())
        assert [order.index(u) for u, _ in groups] == sorted({order.index(u) for u, _ in groups})
        for _, signs in groups:
            for sign in signs:
                # How soon is said once, by the heading the sign sits under.
                assert not re.search(r"\b(today|now|soon|emergency)\b", sign, re.I), sign
        page = client.get(article.get_absolute_url()).content.decode()
        for urgency, _ in article.red_flag_groups():
            assert urgency in page
    for slug in ("knock-knees", "runners-knee", "it-band-pain", "heel-pain", "flat-feet"):
        flags = " ".join(Article.objects.get(slug=slug).red_flag_list)
        assert "cannot put weight" in flags, slug
    for slug in ("runners-knee", "it-band-pain", "heel-pain", "hip-weakness"):
        assert "stress fracture" in " ".join(Article.objects.get(slug=slug).red_flag_list), slug
    heel = Article.objects.get(slug="heel-pain").red_flag_list
    assert any("stiffness in your back or in several joints" in sign for sign in heel)
    # Answers and article text use the same three urgencies, never a vague "soon".
    from questions.models import Question

    texts = [q.answer for q in Question.objects.published()]
    texts += [a.plain_body() for a in Article.objects.all()]
    assert not any(re.search(r"see a doctor soon", text, re.I) for text in texts)


def test_the_knock_knees_answer_says_whether_it_goes_away_on_its_own(demo, client):
    page = client.get("/questions/why-do-my-knees-turn-in-and-hurt/").content.decode()
    assert "Will it go away on its own?" in page and "6 to 12 weeks" in page
    runners = client.get("/articles/runners-knee/").content.decode()
    assert "Knee braces and sleeves are not advised" in runners
    flat = client.get("/articles/flat-feet/").content.decode()
    assert "In children, flat feet are normal." in flat


def test_a_warning_sign_line_may_name_its_urgency():
    article = Article(red_flags="Emergency: a weak leg\n- a hot knee\nsoon: numb toes\n\n")
    assert article.red_flag_groups() == [
        ("Call 911 or go to the emergency department now if you have:", ["A weak leg"]),
        ("See a doctor or go to urgent care today if you have:", ["A hot knee"]),
        ("See your doctor within a few days if you have:", ["Numb toes"]),
    ]
    assert article.red_flag_list == ["A weak leg", "A hot knee", "Numb toes"]


def test_every_demo_source_fits_its_field_on_postgresql_too():
    from education.demo import SOURCES
    from education.models import Reference

    longest = Reference._meta.get_field("citation").max_length
    assert all(len(citation) <= longest for citation, _ in SOURCES.values())
