"""Articles and exercises in Spanish: a reviewed translation per language, shown under
/es/, the English text under a Spanish note where there is none yet, never a mix."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_article,
    make_article_translation,
    make_exercise,
    make_exercise_translation,
    make_region,
    make_staff,
)

pytestmark = pytest.mark.django_db


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_a_translated_article_is_spanish_under_es_and_names_its_other_language(client):
    article = make_article(title="Knock knees", slug="knock-knees")
    make_article_translation(article, title="Rodillas en X", reviewer=None)

    english = client.get("/articles/knock-knees/").content.decode()
    spanish = client.get("/es/articles/knock-knees/").content.decode()

    assert '<html lang="en">' in english and '<html lang="es">' in spanish
    assert "Rodillas en X" in spanish and "Knock knees" not in spanish
    assert "Punto uno." in spanish and "Point 0." not in spanish
    assert "Ana Ruiz" in spanish  # who reviewed the translation
    assert alternates(english)["es"].endswith("/es/articles/knock-knees/")
    assert alternates(spanish)["en"].endswith("/articles/knock-knees/")
    assert alternates(spanish)["x-default"] == alternates(english)["en"]
    assert 'href="/articles/knock-knees/" hreflang="en"' in spanish  # the switcher


def test_an_article_not_yet_in_spanish_shows_the_english_under_a_spanish_note(client):
    make_article(title="Flat feet", slug="flat-feet")

    english = client.get("/articles/flat-feet/").content.decode()
    spanish = client.get("/es/articles/flat-feet/").content.decode()

    assert "es" not in alternates(english)  # no Spanish version is announced
    assert "todavía no está traducida" in english  # the switcher says so, in Spanish
    assert "Flat feet" in spanish
    assert "todavía no está en español" in spanish
    assert 'lang="en"' in spanish.split("<main", 1)[1]  # the English text is marked English


def test_a_draft_translation_is_not_shown(client):
    article = make_article(title="Knock knees", slug="knock-knees")
    make_article_translation(article, title="Rodillas en X", published=False)

    spanish = client.get("/es/articles/knock-knees/").content.decode()

    assert "Rodillas en X" not in spanish and "Knock knees" in spanish


def test_spanish_lists_show_each_row_in_spanish_where_it_can_with_a_fixed_number_of_queries(
    client,
):
    knee = make_region(slug="knee", name="Knee")
    for number in range(3):
        make_article_translation(make_article(regions=[knee]), title=f"Artículo {number}")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url, HTTP_CACHE_CONTROL="no-cache")
        return len(queries), page.content.decode()

    few, page = count("/es/articles/")
    assert "Artículo 0" in page
    for _ in range(8):
        make_article_translation(make_article(regions=[knee]))
        make_article(regions=[knee])  # and some with no translation
    many, page = count("/es/articles/")
    assert many == few


def test_an_exercise_in_spanish_shows_its_spanish_steps_and_precautions(client):
    exercise = make_exercise(slug="hip-hike", name="Hip hike")
    make_exercise_translation(exercise, name="Elevación de cadera")

    spanish = client.get("/es/exercises/hip-hike/").content.decode()
    printout = client.get("/es/exercises/hip-hike/print/").content.decode()

    for page in (spanish, printout):
        assert "Elevación de cadera" in page and "Hip hike" not in page
        assert "Levante una rodilla." in page and "Lift one knee." not in page
        assert "Pare si siente un dolor agudo." in page


def test_a_row_shown_in_spanish_is_never_saved_over_the_english():
    from exercises.models import Exercise

    exercise = make_exercise(name="Hip hike")
    make_exercise_translation(exercise, name="Elevación de cadera")
    shown = Exercise.objects.filter(pk=exercise.pk).translated("es").get()

    assert shown.name == "Elevación de cadera"
    with pytest.raises(ValueError):
        shown.save()
    assert Exercise.objects.get(pk=exercise.pk).name == "Hip hike"


def test_staff_see_which_articles_lack_spanish_or_have_newer_english(client):

    staff = make_staff(superuser=True)
    client.force_login(staff)
    missing = make_article(title="Nothing in Spanish")
    current = make_article(title="Spanish up to date")
    make_article_translation(current)
    outdated = make_article(title="English changed since")
    make_article_translation(outdated)
    outdated.what_it_is = "A new English paragraph."
    outdated.save()

    def listed(state):
        page = client.get(f"/admin/education/article/?translation=es-{state}")
        return page.content.decode()

    page = listed("missing")
    assert missing.title in page and current.title not in page
    page = listed("outdated")
    assert outdated.title in page and current.title not in page and missing.title not in page
    page = client.get("/admin/education/article/").content.decode()
    assert "Spanish: English is newer" in page and "Spanish: up to date" in page


def test_the_sitemap_lists_each_page_in_the_languages_it_is_written_in(client):
    translated = make_article(slug="knock-knees")
    make_article_translation(translated)
    make_article(slug="flat-feet")

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/es/articles/knock-knees/</loc>" in sitemap
    assert '<xhtml:link rel="alternate" hreflang="es" href="http://' in sitemap
    assert "/articles/flat-feet/</loc>" in sitemap
    assert "/es/articles/flat-feet/" not in sitemap


def test_the_spanish_feed_has_the_articles_written_in_spanish(client):
    make_article_translation(make_article(title="Knock knees"), title="Rodillas en X")
    make_article(title="Flat feet")

    spanish = client.get("/es/feeds/articles/").content.decode()
    english = client.get("/feeds/articles/").content.decode()

    assert "Rodillas en X" in spanish and "Flat feet" not in spanish
    assert "Knock knees" in english and "Flat feet" in english and "Rodillas" not in english
    assert 'xml:lang="es"' in spanish or "<language>es</language>" in spanish


def test_the_page_cache_keeps_each_language_apart(client, page_cache):
    article = make_article(title="Knock knees", slug="knock-knees")
    make_article_translation(article, title="Rodillas en X")

    for _ in range(2):
        english = client.get("/articles/knock-knees/")
        spanish = client.get("/es/articles/knock-knees/")

    assert english["X-Page-Cache"] == "hit" and spanish["X-Page-Cache"] == "hit"
    assert "Rodillas en X" not in english.content.decode()
    assert "Rodillas en X" in spanish.content.decode()
    assert english["Content-Language"] == "en" and spanish["Content-Language"] == "es"


def test_the_spanish_home_page_shows_spanish_cards_and_says_which_are_english(client):
    make_article_translation(make_article(title="Knock knees"), title="Rodillas en X")
    make_article(title="Flat feet")

    home = client.get("/es/").content.decode()

    assert "Rodillas en X" in home and "Knock knees" not in home
    assert "Flat feet" in home and "En inglés" in home


def test_the_forms_offer_the_body_regions_in_the_page_language(client, regions):
    for page in ("/es/ask/", "/es/book/"):
        html = client.get(page).content.decode()
        assert ">Rodilla</option>" in html and ">Knee</option>" not in html
    assert ">Knee</option>" in client.get("/ask/").content.decode()


def test_an_exercise_page_in_spanish_names_its_conditions_in_spanish(client):
    from education.models import Condition, ConditionTranslation

    exercise = make_exercise(slug="hip-hike")
    make_exercise_translation(exercise)
    condition = Condition.objects.create(
        name="Weak hip muscles", slug="hip-weakness", region=make_region()
    )
    condition.exercises.add(exercise)
    ConditionTranslation.objects.create(
        condition=condition, language="es", name="Músculos de la cadera débiles"
    )

    spanish = client.get("/es/exercises/hip-hike/").content.decode()
    english = client.get("/exercises/hip-hike/").content.decode()

    assert "Músculos de la cadera débiles" in spanish and "Weak hip muscles" not in spanish
    assert "Weak hip muscles" in english


def test_the_site_tagline_is_spanish_on_spanish_pages_until_the_clinic_writes_its_own(client):
    from core.models import SiteBrand

    assert "Respuestas claras de fisioterapeutas" in client.get("/es/").content.decode()
    brand = SiteBrand.get_solo()
    brand.tagline = "Riverbend PT, since 1998."
    brand.save()
    assert "Riverbend PT, since 1998." in client.get("/es/").content.decode()


def test_vocabulary_values_are_read_as_stored_in_any_language(regions):
    from django.utils import translation

    from clinic.models import BodyRegion

    with translation.override("es"):
        names = set(BodyRegion.objects.values_list("name", flat=True).iterator())
        shown = {region.name for region in BodyRegion.objects.iterator()}
    assert "Knee" in names  # values are the stored (English) words
    assert "Rodilla" in shown and "Knee" not in shown


def test_a_clinics_own_english_texts_are_marked_english_on_its_spanish_page(client):
    from tests.factories import make_clinic

    clinic = make_clinic(directions="Free parking behind the building.")

    spanish = client.get(f"/es/clinics/{clinic.slug}/").content.decode()
    english = client.get(f"/clinics/{clinic.slug}/").content.decode()

    assert '<p lang="en">Free parking behind the building.' in spanish
    assert "<p>Free parking behind the building." in english


def test_a_spanish_translation_refuses_a_dose_in_its_steps_as_the_english_does():
    from django.core.exceptions import ValidationError

    from exercises.demo_es import EXERCISES

    translation = make_exercise_translation(make_exercise())
    translation.steps = "Levante la cadera.\nHaga dos series de 10 repeticiones."
    with pytest.raises(ValidationError):
        translation.full_clean()
    translation.steps = "Levante la cadera.\nBaje despacio."
    translation.progression = "Cuando sea fácil, agregue una serie."  # "una serie": a set
    translation.full_clean()
    for spanish in EXERCISES.values():  # the demo's Spanish gives no dose either
        translation.steps = "\n".join(spanish["steps"])
        translation.progression = spanish["progression"]
        translation.full_clean()
