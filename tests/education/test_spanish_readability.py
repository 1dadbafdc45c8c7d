"""The Spanish a patient reads is easy to read: INFLESZ 65 or more ("bastante fácil"),
the Spanish yardstick beside the English grade 8 (education.readability).

INFLESZ is a formula for texts: one short sentence ("Pare si le duele.") swings it by
tens of points either way, so it is taken on each text a patient reads as a whole (an
article's section, an exercise's steps, an answer), and on each app's interface
catalogue, never sentence by sentence as the English grade is.
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from core.markdown import plain_text
from education.readability import SPANISH_TARGET, spanish_reading_ease

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = False  # content only, no staff accounts
    call_command("seed_demo", verbosity=0)


def hard(texts):
    """{where: score} of the texts below the target."""
    scores = {where: spanish_reading_ease(plain_text(text)) for where, text in texts.items()}
    return {where: score for where, score in scores.items() if score < SPANISH_TARGET}


def test_the_spanish_demo_content_is_easy_to_read(demo):
    from education.models import Article, ArticleTranslation
    from exercises.models import ExerciseTranslation
    from questions.models import QuestionTranslation

    texts = {}
    for article in ArticleTranslation.objects.all():
        for key, _ in Article.SECTIONS:
            texts[f"{article.article.slug} {key}"] = getattr(article, key)
        texts[f"{article.article.slug} key points"] = article.key_points
        texts[f"{article.article.slug} warning signs"] = article.red_flags
    for exercise in ExerciseTranslation.objects.all():
        texts[f"{exercise.exercise.slug} steps"] = exercise.steps
        texts[f"{exercise.exercise.slug} whole"] = " ".join(
            [exercise.purpose, exercise.steps, exercise.precautions, exercise.progression]
        )
        texts[f"{exercise.exercise.slug} transcript"] = exercise.transcript
    for answer in QuestionTranslation.objects.all():
        for field in ("public_text", "things_to_know", "answer", "red_flags"):
            texts[f"{answer.question.slug} {field}"] = getattr(answer, field)

    assert len([t for t in texts if t.startswith("knock-knees")]) >= 8
    assert len(ExerciseTranslation.objects.all()) >= 6
    assert not hard(texts)


def test_the_spanish_interface_is_easy_to_read():
    base = Path(settings.BASE_DIR)
    catalogues = [
        path
        for path in base.glob("**/locale/es/LC_MESSAGES/django.po")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    texts = {}
    for path in catalogues:
        entries = polib.pofile(str(path))
        # Sentences only: labels, dates and formats are not prose.
        words = [entry.msgstr for entry in entries if entry.msgstr.count(" ") >= 3]
        texts[str(path.relative_to(base))] = ".\n".join(words)

    assert len(texts) >= 8
    assert not hard(texts)
