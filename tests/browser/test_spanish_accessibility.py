"""The Spanish pages (/es/) held to the English pages' accessibility bar.

The same walk as test_accessibility.py, with the demo content and its Spanish: every
Spanish page type on a phone with the WCAG 2.0/2.1/2.2 A and AA axe rules (zero
violations, at least 50 rules run), no request to another origin and no console error;
<html lang="es"> on each; English text shown on a Spanish page (an article not
translated yet) marked lang="en" (WCAG 3.1.2 Language of Parts, which axe cannot see);
and no sideways scrolling at 320 px and at 200% zoom, Spanish words being longer than
English ones.
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import phone_only, third_party_requests
from tests.browser.test_accessibility import SMALL_SCREENS, run_axe, watch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SPANISH_PAGE_TYPES = {
    "home": "/es/",
    "article-list": "/es/articles/",
    "article-detail": "/es/articles/knock-knees/",
    "article-untranslated": "{untranslated_article}",
    "exercise-list": "/es/exercises/",
    "exercise-detail": "/es/exercises/hip-hike/",
    "exercise-print": "/es/exercises/hip-hike/print/",
    "ask-form": "/es/ask/",
    "ask-form-with-errors": "/es/ask/",
    "ask-thanks": "/es/ask/",
    "question-list": "/es/questions/",
    "question-detail": "{translated_question}",
    "question-untranslated": "{untranslated_question}",
    "private-answer": "{private_answer}",
    "clinic-list": "/es/clinics/",
    "clinic-detail": "/es/clinics/riverside/",
    "booking-form": "/es/book/",
    "booking-form-with-errors": "/es/book/?from=/es/articles/knock-knees/",
    "booking-thanks": "/es/book/thanks/?clinic=riverside",
    "search-results": "/es/search/?q=rodilla",
    "not-found": "/es/no-such-page/",
}

# The narrowest screens the English test uses (320px, 200% zoom): a page that fits them
# fits a 390px phone too.
SPANISH_SCREENS = SMALL_SCREENS


@pytest.fixture
def spanish_demo(settings, monkeypatch):
    """The demo with its Spanish (knock-knees, the exercises and one answer are
    translated, the other articles and answers are not), and the private answer page of a
    patient who asked in Spanish (/es/answers/<key>/)."""
    from django.utils import timezone, translation

    from clinic.models import Therapist
    from education.models import Article
    from exercises.models import Exercise
    from questions.demo_es import QUESTIONS
    from questions.models import Question
    from tests.factories import make_article, make_question

    settings.DEBUG = False
    monkeypatch.setattr("core.antispam.MIN_SECONDS_TO_SUBMIT", 0)
    call_command("seed_demo", verbosity=0)

    def english_only(rows):
        return rows.exclude(translations__language="es", translations__published=True)

    articles = english_only(Article.objects.published()).order_by("slug")
    questions = english_only(Question.objects.published()).order_by("slug")
    exercises = english_only(Exercise.objects.published())
    # Should the demo one day have everything in Spanish, something still in English.
    if not articles.exists():
        make_article(
            slug="shoulder-pain-at-night",
            title="Shoulder pain at night",
            summary="Shoulder pain that wakes you at night is common and often gets better.",
            what_it_is="The muscles around the shoulder get sore when they do more than usual.",
        )
    if not questions.exists():
        make_question(
            public_title="Why does my shoulder hurt at night?",
            public_text="My shoulder hurts when I lie on it at night.",
        )
    assert articles.exists() and questions.exists()
    assert not english_only(Article.objects.filter(slug="knock-knees")).exists()
    assert not english_only(Exercise.objects.filter(slug="hip-hike")).exists()

    now = timezone.now()
    asked_in_spanish = make_question(
        published=False,
        language="es",
        status=Question.Status.ANSWERED,
        name="Ana López",
        text="Me duele la rodilla cuando subo escaleras. ¿Qué puedo hacer?",
        things_to_know="Es común.\nSuele mejorar.\nEl ejercicio ayuda.",
        answer="Gracias por su pregunta. Haga **elevaciones de cadera** cada día.",
        answered_by=Therapist.objects.get(slug="daniel-reyes"),
        answered_at=now,
        answer_sent_at=now,
        private_key="pagina-privada-de-prueba-0123456789",
    )
    with translation.override("es"):
        every_page = [
            row.get_absolute_url()
            for model in (Article, Exercise, Question)
            for row in model.objects.published().order_by("pk")
        ]
    return {
        # Every article, exercise and answer in Spanish, translated or not.
        "content_pages": every_page,
        "untranslated_article": f"/es/articles/{articles.first().slug}/",
        "translated_question": f"/es/questions/{next(iter(QUESTIONS))}/",
        "untranslated_question": f"/es/questions/{questions.first().slug}/",
        "private_answer": asked_in_spanish.private_url(),
        # The English titles a Spanish page may show: what is not translated yet.
        "english_titles": [
            *(a.title for a in articles),
            *(q.public_title for q in questions),
            *(e.name for e in exercises),
        ],
    }


def open_spanish_page_type(page, base, name, demo):
    """Go to a Spanish page type as a Spanish-speaking patient would reach it."""
    path = SPANISH_PAGE_TYPES[name].format(**demo)
    assert path.startswith("/es/"), path
    response = page.goto(base + path)
    if name == "ask-form-with-errors":
        with page.expect_navigation():
            page.get_by_role("button", name="Enviar mi pregunta").click()
        assert page.locator(".invalid-feedback, .alert-danger").count() > 0
    elif name == "ask-thanks":
        page.get_by_label("Su nombre").fill("Ana")
        page.get_by_label("Su correo electrónico").fill("ana@example.com")
        page.get_by_label("Su pregunta").fill(
            "Me duele la rodilla cuando subo escaleras. ¿Qué puedo hacer?"
        )
        page.locator("#id_not_an_emergency").check()
        with page.expect_navigation(url="**/es/ask/thanks/"):
            page.get_by_role("button", name="Enviar mi pregunta").click()
        assert page.locator(".reference-code").count() == 1
    elif name == "booking-form-with-errors":
        with page.expect_navigation():
            page.get_by_role("button", name="Enviar mi solicitud").click()
        assert page.get_by_text("Denos un teléfono o un correo electrónico").count()
    else:
        assert response.status == (404 if name == "not-found" else 200), path
    if name == "search-results":
        assert page.locator(".search-result").count() > 0, "nothing found for “rodilla”"
    page.wait_for_load_state("networkidle")
    return path


HTML_LANG = "document.documentElement.getAttribute('lang')"


# On a phone, where the longer Spanish words crowd the page most; the desktop layout of
# the same templates is checked in English (test_accessibility.py).
@phone_only
def test_every_spanish_page_type_passes_axe_and_says_it_is_in_spanish(site, spanish_demo):
    failures = {}
    for name in SPANISH_PAGE_TYPES:
        site.requests_seen.clear()
        watch(site)
        open_spanish_page_type(site, site.base, name, spanish_demo)
        violations, rules = run_axe(site)
        print(f"\naxe: {len(rules)} WCAG A/AA rules checked on Spanish {name}")
        problems = violations + site.problems + third_party_requests(site)
        if len(rules) < 50:  # the rule set really ran
            problems.append(f"only {len(rules)} axe rules ran")
        if site.evaluate(HTML_LANG) != "es":
            problems.append(f'<html lang="{site.evaluate(HTML_LANG)}">, not "es"')
        if problems:
            failures[name] = problems
        site.remove_listener("console", site.console_listener)
        site.remove_listener("pageerror", site.error_listener)
        site.remove_listener("response", site.response_listener)
    assert failures == {}


# --- Language of parts: English text on a Spanish page ------------------------------

LANGUAGE_OF = "element => element.closest('[lang]')?.getAttribute('lang')"


def test_an_untranslated_articles_english_text_is_marked_english(page, live_server, spanish_demo):
    from education.models import Article

    path = spanish_demo["untranslated_article"]
    article = Article.objects.get(slug=path.split("/")[-2])
    page.goto(live_server.url + path)
    main = page.locator("main")

    assert page.evaluate(HTML_LANG) == "es"
    # The note saying the page is not translated yet is in Spanish, in the page's language.
    note = main.locator(".translation-missing")
    assert note.count() == 1
    assert note.evaluate(LANGUAGE_OF) == "es"
    assert "todavía no está en español" in note.inner_text()

    # The article's own words are English and say so: title, summary, key points, sections.
    assert main.locator("h1").inner_text() == article.title
    english = {
        "title": main.locator("h1"),
        "summary": main.locator("p.lead"),
        "key points": main.locator(".things-to-know ol"),
        **{
            f"section {n}": section
            for n, section in enumerate(
                main.locator(
                    "section[aria-labelledby^='section-'] > h2 + div,"
                    " section[aria-labelledby^='section-'] details.more > div"
                ).all(),
                start=1,
            )
        },
    }
    assert len(english) >= 4  # title, summary, key points and at least one section
    marked = {part: element.evaluate(LANGUAGE_OF) for part, element in english.items()}
    assert marked == dict.fromkeys(english, "en")
    # The interface around it stays Spanish.
    assert main.locator("#things-to-know").evaluate(LANGUAGE_OF) == "es"


ENGLISH_TITLES_MARKED = """([titles]) => [...document.querySelectorAll('main a[href]')]
  .filter(link => titles.includes(link.textContent.trim()))
  .flatMap(link => {
    const card = link.closest('.card');
    const parts = [link, ...(card ? card.querySelectorAll('.card-body p:not(.meta)') : [])];
    return parts.map(part => ({
      title: link.textContent.trim(),
      part: part.tagName.toLowerCase() + (part.className ? '.' + part.className : ''),
      text: part.textContent.trim().slice(0, 50),
      lang: part.closest('[lang]')?.getAttribute('lang'),
    }));
  })"""


def test_english_titles_and_summaries_on_spanish_pages_are_marked_english(
    page, live_server, spanish_demo
):
    """The lists and links of a Spanish page show the English title (and, on a card, the
    summary) of what is not translated yet: a screen reader must read it as English. On
    the lists and search, and on every article, exercise and answer page (their links to
    related pages)."""
    titles = spanish_demo["english_titles"]
    shown, unmarked = {}, {}
    lists = ("home", "article-list", "exercise-list", "question-list", "search-results")
    paths = [SPANISH_PAGE_TYPES[name] for name in lists] + spanish_demo["content_pages"]
    for path in paths:
        assert path.startswith("/es/"), path
        page.goto(live_server.url + path)
        parts = page.evaluate(ENGLISH_TITLES_MARKED, [titles])
        shown[path] = len(parts)
        wrong = [part for part in parts if part["lang"] != "en"]
        if wrong:
            unmarked[path] = wrong
    # The check saw English titles where the demo has them to show.
    assert shown["/es/articles/"] and shown["/es/questions/"], shown
    assert unmarked == {}


# --- Small screens: Spanish words are longer ----------------------------------------


@pytest.mark.parametrize("screen", SPANISH_SCREENS)
def test_no_spanish_page_type_scrolls_sideways(browser, live_server, spanish_demo, screen):
    context = browser.new_context(**SPANISH_SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    too_wide = {}
    for name in SPANISH_PAGE_TYPES:
        open_spanish_page_type(page, live_server.url, name, spanish_demo)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth,"
            " [...document.querySelectorAll('body *')]"
            "   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
            "   .slice(0, 3).map(e => e.tagName + '.' + e.className)]"
        )
        if widths[0] > widths[1]:  # [page width, screen width, what sticks out]
            too_wide[name] = widths
    context.close()
    assert too_wide == {}
