"""The demo content, one sentence at a time: every sentence a patient reads is at US grade
8 or lower (the same textstat score as the admin, education.readability), and no demo
text says how to reach emergency care in its own words (core.safety owns those).

A whole text can score well while one long sentence in it, often the one that carries a
warning, does not: so each sentence is scored on its own, and a Markdown list item or a
warning-sign line counts as a sentence.
"""

import re

import pytest
from django.core.management import call_command

from education.readability import TARGET_GRADE, reading_grade

pytestmark = pytest.mark.django_db

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# What starts a line of Markdown but is not a word: quote marks, list bullets and numbers,
# a heading's hashes.
LINE_START = re.compile(r"^\s*(?:>\s*)*(?:[-*•+]\s+|\d+[.)]\s+|#+\s+)?")


def sentences(text):
    """The sentences of plain or Markdown text: each line (a paragraph, a list item, a
    warning sign) split after ".", "!" or "?"."""
    for line in (text or "").splitlines():
        line = LINE_START.sub("", line).replace("**", "").replace("__", "").strip()
        for sentence in SENTENCE_END.split(line):
            if sentence.strip():
                yield sentence.strip()


def too_hard(texts):
    """{where: [(grade, sentence)]} of the sentences above the target grade."""
    found = {}
    for where, text in texts.items():
        hard = [(reading_grade(s), s) for s in sentences(text) if reading_grade(s) > TARGET_GRADE]
        if hard:
            found[where] = hard
    return found


@pytest.fixture
def demo(settings):
    settings.DEBUG = False  # content only, no staff accounts
    call_command("seed_demo", verbosity=0)


def _safety_texts():
    """Every warning sign (articles and answers), every Things to Know, every precaution."""
    from education.models import Article
    from exercises.models import Exercise
    from questions.models import Question

    texts = {}
    for article in Article.objects.all():
        for i, sign in enumerate(article.red_flag_list, start=1):
            texts[f"{article.slug}: warning sign {i}"] = sign
        for point in article.key_points.all():
            texts[f"{article.slug}: thing to know {point.order}"] = point.text
    for question in Question.objects.published():
        for i, (_, signs) in enumerate(question.red_flag_groups()):
            for j, sign in enumerate(signs, start=1):
                texts[f"{question.slug}: warning sign {i}.{j}"] = sign
        for i, point in enumerate(question.key_points, start=1):
            texts[f"{question.slug}: thing to know {i}"] = point
    for exercise in Exercise.objects.all():
        texts[f"{exercise.slug}: precautions"] = exercise.precautions
    return texts


def _all_patient_texts():
    """Every demo text a patient reads, by where it is."""
    from education.models import Article, Condition, ExerciseCaution
    from exercises.models import Exercise
    from questions.models import Question

    texts = _safety_texts()
    for article in Article.objects.all():
        texts[f"{article.slug}: title"] = article.title
        texts[f"{article.slug}: summary"] = article.summary
        for key, _ in Article.SECTIONS:
            texts[f"{article.slug}: {key}"] = getattr(article, key)
    for caution in ExerciseCaution.objects.select_related("article", "exercise"):
        texts[f"{caution.article.slug}: caution on {caution.exercise.slug}"] = caution.note
    for condition in Condition.objects.all():
        texts[f"condition {condition.slug}"] = condition.name
    for exercise in Exercise.objects.prefetch_related("steps"):
        # Its name is a label of two or three words ("Forward step-down"), not a sentence.
        texts[f"{exercise.slug}: purpose"] = exercise.purpose
        texts[f"{exercise.slug}: works"] = exercise.target_muscles
        for step in exercise.steps.all():
            texts[f"{exercise.slug}: step {step.order}"] = step.text
        texts[f"{exercise.slug}: progression"] = exercise.progression
        texts[f"{exercise.slug}: transcript"] = exercise.transcript
    for question in Question.objects.published():
        texts[f"{question.slug}: title"] = question.public_title
        texts[f"{question.slug}: question"] = question.public_text
        texts[f"{question.slug}: answer"] = question.answer
    return texts


def test_sentences_are_split_at_stops_and_list_lines():
    text = "**Lead.** One sentence here! Two?\n\n- an item\n> - a quoted item\n1. a step"
    assert list(sentences(text)) == [
        "Lead.",
        "One sentence here!",
        "Two?",
        "an item",
        "a quoted item",
        "a step",
    ]


def test_the_sentence_check_catches_one_long_sentence_in_a_short_text():
    long_one = (
        "Take your child to a doctor if the gap between the ankles is large (more than about "
        "8 cm, or 3 inches, with the knees touching), if only one leg turns in, if it is "
        "getting worse, if the child is under 2 or over 7, or if there is pain or a limp."
    )
    text = f"Knock knees are normal. Most children have them. {long_one} It goes away."
    assert reading_grade(text) <= TARGET_GRADE  # the whole text passes...
    assert too_hard({"what it is": text})  # ...one sentence at a time it does not


def test_every_warning_sign_thing_to_know_and_precaution_reads_at_grade_8_sentence_by_sentence(
    demo,
):
    texts = _safety_texts()
    assert len(texts) > 60
    assert too_hard(texts) == {}


def test_every_sentence_a_patient_reads_in_the_demo_is_at_grade_8_or_lower(demo):
    texts = _all_patient_texts()
    assert len(texts) > 200
    assert too_hard(texts) == {}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_no_demo_text_names_the_emergency_number_or_the_emergency_department(demo):
    """How to reach emergency care is said once, by core.safety (the clinic's own number)."""
    from education import demo as education_demo
    from exercises import demo as exercises_demo
    from programs import demo as programs_demo
    from questions import demo as questions_demo

    written = [
        *_strings(education_demo.ARTICLES),
        *_strings(education_demo.CONDITIONS),
        *_strings(exercises_demo.EXERCISES),
        *_strings(questions_demo.QUESTIONS),
        *_strings(questions_demo.WAITING_QUESTIONS),
        *_strings(programs_demo.EXERCISES),
        *_strings(list(_all_patient_texts().values())),
    ]
    assert len(written) > 300
    for text in written:
        assert "911" not in text, text
        assert not re.search(r"emergency (department|room)|\bA&E\b|\bER\b", text, re.I), text
        assert not re.search(r"no referral", text, re.I), text
