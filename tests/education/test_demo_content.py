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


def outside_folds(page):
    """The page without its folded parts (<details class="more">): what shows at once."""
    return re.sub(r'<details class="more">.*?</details>', "", page, flags=re.S)


def test_the_must_fix_safety_points_are_on_the_pages(demo, client):
    knock_knees = client.get("/articles/knock-knees/").content.decode()
    assert "In young children, knock knees are normal" in knock_knees
    assert "Exercise does not change the shape of the bones" in knock_knees
    assert "slipped growth plate" in knock_knees
    assert "/exercises/wall-sit/" in knock_knees  # thigh exercises, with the hip ones
    hip = client.get("/articles/hip-weakness/").content.decode()
    emergency = hip.split("go to the emergency department now if you have:", 1)[1]
    assert "urine or stool" in emergency.split("</ul>", 1)[0]
    # The side-of-hip (gluteal tendon) advice shows at once, never behind "Read more".
    shown = outside_folds(hip)
    assert "<blockquote>" in shown
    for words in (
        "Pain on the outside of the hip?",
        "Do not lie on the sore side.",
        "Do not cross your legs.",
        "Wait with the clamshell, the side-lying leg raise and the hip hike.",
        "Start with the side-hip hold.",
    ):
        assert words in shown, words
    things_to_know = hip.split('id="things-to-know"', 1)[1].split("</section>", 1)[0]
    assert "Pain on the outside of the hip?" in things_to_know
    assert "Do not lie on that side" in things_to_know
    # So does the knock-knees advice to work thigh and hip together, and the pain scale.
    knock_knees_shown = outside_folds(knock_knees)
    assert "thigh and hip muscles stronger, together" in knock_knees_shown
    assert "How much pain is okay?" in knock_knees_shown
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
    from core import safety

    for article in Article.objects.all():
        groups = article.red_flag_groups()
        # Most urgent first, each urgency once.
        order = [safety.heading(urgency) for urgency in safety.URGENCY]
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


def test_a_warning_sign_line_may_name_its_urgency(settings):
    settings.EMERGENCY_NUMBER = "112"
    article = Article(red_flags="Emergency: a weak leg\n- a hot knee\nsoon: numb toes\n\n")
    assert article.red_flag_groups() == [
        ("Call 112 or go to the emergency department now if you have:", ["A weak leg"]),
        ("See a doctor or go to urgent care today if you have:", ["A hot knee"]),
        ("See your doctor within a few days if you have:", ["Numb toes"]),
    ]
    assert article.red_flag_list == ["A weak leg", "A hot knee", "Numb toes"]


def test_every_demo_source_fits_its_field_on_postgresql_too():
    from education.demo import SOURCES
    from education.models import Reference

    longest = Reference._meta.get_field("citation").max_length
    assert all(len(citation) <= longest for citation, _ in SOURCES.values())


# The clinical review of 2026-12-04 and issue #30: what the demo pages must say.

CHILD_LIMP_PAGES = [
    "/articles/knock-knees/",
    "/articles/runners-knee/",
    "/articles/it-band-pain/",
    "/articles/hip-weakness/",
    "/questions/why-do-my-knees-turn-in-and-hurt/",
    "/questions/my-hip-drops-when-i-walk/",
]


def _box(page, heading):
    """The warning signs listed under one heading of a page's "When to get help" box."""
    return page.split(heading, 1)[1].split("</ul>", 1)[0] if heading in page else ""


@pytest.mark.parametrize("url", CHILD_LIMP_PAGES)
def test_a_limping_child_or_teen_is_sent_to_a_doctor_today_with_its_source(demo, client, url):
    from core import safety

    page = client.get(url).content.decode()
    today = _box(page, safety.heading("today"))
    assert "A child or teen (about 8 to 16) with a limp" in today
    assert "hip, groin, thigh or knee" in today
    assert "the soft part near the end of a child&#x27;s bone, where it grows" in today
    emergency = _box(page, safety.heading("emergency"))
    assert "who cannot walk on the leg" in emergency
    section = page.split('id="references-heading"', 1)[1].split("</section>", 1)[0]
    assert "Slipped capital femoral epiphysis: diagnosis and management" in section
    assert "American Family Physician. 2017;95(12):779-784" in section


def test_kneecap_pain_is_not_promised_to_go_away(demo, client):
    from education.demo import KNEECAP_OUTLOOK

    pages = [
        client.get(url).content.decode()
        for url in (
            "/articles/knock-knees/",
            "/articles/runners-knee/",
            "/questions/why-do-my-knees-turn-in-and-hurt/",
        )
    ]
    for page in pages:
        assert KNEECAP_OUTLOOK in page
        assert "often gets better with the right exercise, but can come back" in page
        for promise in (
            "usually gets better.",
            "Most people feel better within 6 to 12 weeks",
            "Most runners feel better in 6 to 12 weeks",
            "help most people within 6 to 12 weeks",
        ):
            assert promise not in page


def test_the_side_hip_hold_is_one_dose_everywhere_as_the_trial_protocol_gives_it(demo, client):
    from exercises.models import Exercise

    hold = Exercise.objects.get(slug="side-hip-hold")
    assert hold.name == "Side-hip hold (belt)" and hold.difficulty == "easy"
    assert [e.slug for e in hold.equipment.all()] == ["belt"]
    assert [r.slug for r in hold.body_regions.all()] == ["hip"]
    # LEAP protocol (Mellor 2016, Table 3), week 1 lying on the back: hold 5-10 s,
    # 3-5 times, twice a day.
    assert 5 <= hold.hold_seconds <= 10 and 3 <= hold.reps <= 5 and hold.times_per_day == 2
    assert "LEAP" in hold.checked_against
    said = "hold for 5 to 10 seconds. Do this 3 to 5 times, twice a day."
    article = client.get("/articles/hip-weakness/").content.decode()
    answer = client.get("/questions/my-hip-drops-when-i-walk/").content.decode()
    for page in (article, answer):
        assert said in page
        assert "about a quarter of your strength" in page
        assert "/exercises/side-hip-hold/" in page
        assert "30 to 45 seconds" not in page and "five times a day" not in page
        assert "the LEAP trial" in page  # its protocol is cited
    conditions = {c.slug for c in hold.conditions.all()}
    assert {"hip-weakness", "side-hip-pain"} <= conditions


def test_weak_hips_page_says_to_wait_with_the_moves_that_squeeze_the_tendon(demo, client):
    from education.models import ExerciseCaution

    cautions = ExerciseCaution.objects.filter(article__slug="hip-weakness")
    assert {(c.exercise.slug, c.kind) for c in cautions} == {
        ("clamshell", "delay"),
        ("side-lying-leg-raise", "delay"),
        ("hip-hike", "delay"),
    }
    assert all(len(c.note) <= 200 and "side-hip hold" in c.note for c in cautions)
    from exercises.models import Exercise

    for slug in ("clamshell", "side-lying-leg-raise", "hip-hike"):
        precautions = Exercise.objects.get(slug=slug).precautions
        assert "If the outside of your hip hurts (over the bony point), skip this one." in (
            precautions
        ), slug
        assert "Do not lie on the sore side." in precautions, slug
        assert "hip replacement" in precautions, slug


def test_kneecap_pain_lists_the_thigh_exercise_and_plain_names(demo, client):
    from education.models import Condition

    kneecap = Condition.objects.get(slug="patellofemoral-pain")
    assert "wall-sit" in {e.slug for e in kneecap.exercises.all()}
    assert kneecap.name.startswith("Kneecap pain")
    page = client.get("/exercises/wall-sit/").content.decode()
    assert "Kneecap pain (patellofemoral pain)" in page


def test_claims_stay_within_their_sources(demo, client):
    from questions.models import Question

    texts = " ".join(
        [client.get(a.get_absolute_url()).content.decode() for a in Article.objects.all()]
        + [q.answer for q in Question.objects.published()]
    )
    for unsupported in (
        "Weak hips can lead to knee, hip and back pain",
        "or cause knee pain",
        "because the shin and knee turn in when the foot rolls in",
        "hip strength that protects the knee",
        "Strong hips help keep the knee in line",
        "why they matter for your knees and back",
        "keep your knee from drifting inward",
    ):
        assert unsupported not in texts, unsupported
    # Hands-on treatment, always with its limits.
    for where in ("/articles/knock-knees/", "/questions/why-do-my-knees-turn-in-and-hurt/"):
        page = client.get(where).content.decode()
        assert "by hand" in page
        assert "can ease pain for a short time alongside exercise, but does not fix it" in page
    runners = client.get("/articles/runners-knee/").content.decode()
    assert "These exercises make your thigh and hip muscles stronger." in runners
    assert "Strong thigh and hip muscles, built up together, help most runners." in runners


def test_doses_and_starting_points_agree(demo, client):
    from exercises.models import Exercise
    from programs import demo as programs_demo

    answer = client.get("/questions/why-do-my-knees-turn-in-and-hurt/").content.decode()
    assert "good places to start" not in answer
    assert "Start with the wall sit and the hip hike" in answer
    step_down = Exercise.objects.get(slug="step-down")
    assert "Try a higher step only if your physical therapist says so." in step_down.progression
    assert "use a higher step" not in step_down.progression
    wall_sit = Exercise.objects.get(slug="wall-sit")
    steps = " ".join(step.text for step in wall_sit.steps.all())
    assert "about 30 cm (12 inches)" in steps and "one foot" not in steps
    assert "halfway to level" in wall_sit.progression
    # The demo program asks for what the exercise page says, day for day.
    defaults = dict(Exercise.objects.values_list("slug", "days_per_week"))
    for slug, days, _ in programs_demo.EXERCISES:
        assert days == defaults[slug], slug
    for slug in ("knock-knees", "hip-weakness"):
        assert "3 days a week" in outside_folds(client.get(f"/articles/{slug}/").content.decode())


def test_heel_pain_names_taping_and_what_to_ask_about_without_a_promise(demo, client):
    heel = client.get("/articles/heel-pain/").content.decode()
    assert "tape your foot" in heel
    assert "If it has not settled after a few months, ask about shockwave treatment" in heel
    assert "and for some people longer" in heel
    assert "Management of plantar heel pain: a best practice guide" in heel
    answer = client.get("/questions/is-it-safe-to-run-with-heel-pain/").content.decode()
    assert "tape your foot" in answer


def test_adults_whose_knees_start_to_turn_in_see_a_doctor(demo, client):
    page = client.get("/articles/knock-knees/").content.decode()
    assert "see a doctor if your knees start to turn in" in page
    assert "Arthritis or an old injury can cause it." in page
    signs = Article.objects.get(slug="knock-knees").red_flag_list
    assert any("turn in as an adult" in sign for sign in signs)


def test_the_knee_answer_has_the_articles_warning_signs(demo):
    from questions.models import Question

    answer = Question.objects.get(slug="why-do-my-knees-turn-in-and-hurt")
    signs = " ".join(sign for _, group in answer.red_flag_groups() for sign in group)
    for sign in (
        "swells up fast",
        "locks",
        "cannot put weight",
        "fever",
        "hot, red knee",
        "A child or teen",
        "giving way",
    ):
        assert sign in signs, sign
    # The warning signs live in the box, not in the answer's own words.
    for question in Question.objects.published():
        assert question.red_flags, question.slug
        assert "urgent care" not in question.answer and "911" not in question.answer


def test_hard_words_are_explained_where_they_are_first_used(demo, client):
    from exercises.models import Exercise
    from questions.models import Question

    pages = {
        a.slug: a.plain_body() + " " + " ".join(a.red_flag_list) for a in Article.objects.all()
    }
    pages.update({q.slug: f"{q.answer} {q.red_flags}" for q in Question.objects.published()})
    for where, text in pages.items():
        if "stress fracture" in text:
            assert "stress fracture (a small crack in the bone from overuse)" in text, where
        if "growth plate" in text:
            assert "the soft part near the end of a child's bone, where it grows" in text, where
        assert "soft tissue" not in text, where
    # The pelvis, one way everywhere.
    everything = " ".join(
        [a.summary + a.plain_body() for a in Article.objects.all()]
        + [q.answer for q in Question.objects.published()]
        + [e.transcript for e in Exercise.objects.all()]
    )
    assert "the bowl of bone at your hips" in everything
    assert "the bowl of bone at the base of your spine" not in everything
    assert "bowl of bone at the hips" not in everything
    hip_answer = Question.objects.get(slug="my-hip-drops-when-i-walk").answer
    first = hip_answer.index("pelvis")
    assert hip_answer[first:].startswith("pelvis (the bowl of bone at your hips)")
    clamshell = Exercise.objects.get(slug="clamshell")
    assert "deep hip rotators" not in clamshell.target_muscles
    assert "small muscles deep in the hip that turn the leg out" in clamshell.target_muscles
