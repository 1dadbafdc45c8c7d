"""The benchmark's data set, made fast with bulk_create (no save() per row).

Runs inside a configured Django process (see bench/run.py).
"""

import io
import itertools
import random
import time
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from clinic.models import BodyRegion, Therapist
from core.markdown import render_markdown
from education.models import Article, Condition, KeyPoint
from exercises.models import Equipment, Exercise, ExerciseStep
from questions.models import Question

BODY = (
    "Knee pain under the kneecap is common in people who run, climb stairs or squat. "
    "It often comes from how the hip and foot control the knee. **Strong hip muscles** "
    "keep the knee in line.\n\n- Pain going up or down stairs\n- Pain after sitting\n"
)
ANSWER = "Start with a **hip hike** every day. Stop if the pain is sharp, and see a PT."


def _image(seed):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (40 + seed * 10 % 200, 120, 160)).save(buffer, "JPEG")
    return SimpleUploadedFile(f"bench-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _through(field, rows):
    model = field.remote_field.through
    model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)


def add_articles(count, *, start=0, regions=None, exercises=None, therapists=None):
    """`count` published articles with 3 key points, 2 regions and 3 exercises each."""
    regions = regions or list(BodyRegion.objects.all())
    exercises = exercises or list(Exercise.objects.values_list("pk", flat=True)[:500])
    therapists = therapists or list(Therapist.objects.all())
    now = timezone.now()
    rendered = {key: render_markdown(BODY) for key, _ in Article.SECTIONS}
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"Knee pain {n}: what helps",
                slug=f"bench-article-{n}",
                summary="Why the knee hurts and what you can do at home.",
                **{key: BODY for key, _ in Article.SECTIONS},
                rendered=rendered,
                reading_grade=7,
                reading_minutes=4,
                author=therapists[n % len(therapists)],
                reviewer=therapists[(n + 1) % len(therapists)],
                next_review_due=now.date() + timedelta(days=700),
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(minutes=n),
            )
            for n in range(start, start + count)
        ],
        batch_size=500,
    )
    KeyPoint.objects.bulk_create(
        [KeyPoint(article=a, order=i, text=f"Key point {i}.") for a in articles for i in range(3)],
        batch_size=2000,
    )
    _through(
        Article.regions.field,
        [
            {"article_id": a.pk, "bodyregion_id": regions[(i + k) % len(regions)].pk}
            for i, a in enumerate(articles)
            for k in range(2)
        ],
    )
    if exercises:
        _through(
            Article.exercises.field,
            [
                {"article_id": a.pk, "exercise_id": exercises[(i * 3 + k) % len(exercises)]}
                for i, a in enumerate(articles)
                for k in range(3)
            ],
        )
    return articles


def generate(*, articles=1000, exercises=500, published=5000, waiting=10000, stdout=print):
    started = time.monotonic()
    call_command("seed_demo", "--no-users", verbosity=0)
    regions = list(BodyRegion.objects.all())
    therapists = list(Therapist.objects.all())
    equipment = list(Equipment.objects.all())
    rng = random.Random(10)  # noqa: S311 - repeatable test data

    new_exercises = Exercise.objects.bulk_create(
        [
            Exercise(
                name=f"Bench exercise {n}",
                slug=f"bench-exercise-{n}",
                purpose="Makes the side of the hip stronger.",
                sets=3,
                reps=10,
                difficulty=rng.choice(list(Exercise.Difficulty.values)),
                precautions="Stop if you feel sharp pain.",
                status=Exercise.Status.PUBLISHED,
            )
            for n in range(exercises)
        ],
        batch_size=500,
    )
    ExerciseStep.objects.bulk_create(
        [
            ExerciseStep(exercise=e, order=i, text=f"Step {i}: stand tall and breathe.")
            for e in new_exercises
            for i in range(1, 6)
        ],
        batch_size=2000,
    )
    _through(
        Exercise.body_regions.field,
        [
            {"exercise_id": e.pk, "bodyregion_id": regions[(i + k) % len(regions)].pk}
            for i, e in enumerate(new_exercises)
            for k in range(2)
        ],
    )
    _through(
        Exercise.equipment.field,
        [
            {"exercise_id": e.pk, "equipment_id": equipment[i % len(equipment)].pk}
            for i, e in enumerate(new_exercises)
        ],
    )
    exercise_ids = [e.pk for e in new_exercises]
    new_articles = add_articles(
        articles, regions=regions, exercises=exercise_ids, therapists=therapists
    )
    conditions = Condition.objects.bulk_create(
        [
            Condition(name=f"Condition {n}", slug=f"bench-condition-{n}", region=regions[n % 6])
            for n in range(50)
        ]
    )
    _through(
        Article.conditions.field,
        [
            {"article_id": a.pk, "condition_id": conditions[i % len(conditions)].pk}
            for i, a in enumerate(new_articles)
        ],
    )

    now = timezone.now()
    answer_html = render_markdown(ANSWER)
    questions = Question.objects.bulk_create(
        [
            Question(
                reference=f"P{n:07d}",
                name="",
                email="",
                text="My knee hurts on the stairs, what can I do about it?",
                region=regions[n % len(regions)],
                may_publish=True,
                status=Question.Status.PUBLISHED,
                things_to_know="It is common.\nThe hip matters.\nExercise helps.",
                answer=ANSWER,
                answer_html=answer_html,
                answered_by=therapists[n % len(therapists)],
                answered_at=now - timedelta(minutes=n),
                closed_at=now - timedelta(minutes=n),
                public_title=f"Why does my knee hurt on stairs ({n})?",
                public_text="My knee hurts on the stairs. What can I do?",
                slug=f"bench-question-{n}",
                published_at=now - timedelta(minutes=n),
            )
            for n in range(published)
        ],
        batch_size=1000,
    )
    _through(
        Question.related_articles.field,
        [
            {"question_id": q.pk, "article_id": new_articles[(i + k) % len(new_articles)].pk}
            for i, q in enumerate(questions)
            for k in range(2)
        ],
    )
    _through(
        Question.related_exercises.field,
        [
            {"question_id": q.pk, "exercise_id": exercise_ids[(i + k) % len(exercise_ids)]}
            for i, q in enumerate(questions)
            for k in range(2)
        ],
    )
    Question.objects.bulk_create(
        [
            Question(
                reference=f"W{n:07d}",
                name="Pat",
                email=f"pat{n}@example.com",
                text="My knee hurts on the stairs, what can I do about it?",
                region=regions[n % len(regions)],
                created_at=now - timedelta(minutes=n),
            )
            for n in range(waiting)
        ],
        batch_size=2000,
    )
    # A few real images, through the normal upload path (re-encoded, with renditions).
    for n, article in enumerate(itertools.islice(new_articles, 5)):
        article.hero_image = _image(n)
        article.hero_alt = "A person climbing stairs."
        article.save()
    for n, exercise in enumerate(itertools.islice(new_exercises, 5)):
        exercise.thumbnail = _image(n + 5)
        exercise.thumbnail_alt = "A person standing on one leg."
        exercise.save()
    stdout(
        f"data: {Article.objects.count()} articles, {Exercise.objects.count()} exercises, "
        f"{Question.objects.published().count()} published and "
        f"{Question.objects.waiting().count()} waiting questions "
        f"({time.monotonic() - started:.0f} s)"
    )
