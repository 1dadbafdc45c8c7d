"""A hostile marker in every text field of every object never reaches a page unescaped.

Staff accounts can be phished and patients type anything: whatever sits in the database,
every public page and every admin change page must show it as text, never as markup.
"""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import models
from django.utils import timezone

from clinic.models import AppointmentRequest, BodyRegion, OpeningHours
from education.models import Condition, KeyPoint, Reference
from exercises.models import ExerciseStep
from questions.models import Question
from tests.factories import (
    make_appointment_request,
    make_article,
    make_clinic,
    make_equipment,
    make_exercise,
    make_question,
    make_staff,
    make_therapist,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
MARKER = f"{SCRIPT} {ATTRIBUTE}"
# What would run if the marker came out unescaped, in any of the forms it was written.
DANGEROUS = [
    SCRIPT,
    "<img src=x onerror=alert(1)>",
    re.compile(r"<script>alert\(", re.IGNORECASE),
    re.compile(r"<img[^>]*onerror", re.IGNORECASE),
]
# Fields whose format is checked on save or that are codes, not free text.
NOT_FREE_TEXT = (models.SlugField, models.EmailField, models.URLField)
SKIP = {"video_url", "country", "source_path"}


def poison(instance, **extra):
    """Put the marker in every free-text field of `instance` (as far as its length allows)."""
    for field in instance._meta.concrete_fields:
        if (
            not isinstance(field, models.CharField | models.TextField)
            or isinstance(field, NOT_FREE_TEXT)
            or field.choices
            or not field.editable
            or field.name in SKIP
        ):
            continue
        limit = field.max_length or 10_000
        value = MARKER if len(MARKER) <= limit else (ATTRIBUTE if len(ATTRIBUTE) <= limit else "")
        if field.unique:
            value = f"{value} {instance._meta.model_name}"[:limit]
        if value:
            setattr(instance, field.name, value)
    for name, value in extra.items():
        setattr(instance, name, value)
    instance.save()
    return instance


def unescaped(content):
    text = content.decode()
    return [
        pattern if isinstance(pattern, str) else pattern.pattern
        for pattern in DANGEROUS
        if (pattern in text if isinstance(pattern, str) else pattern.search(text))
    ]


@pytest.fixture
def hostile():
    """One of everything, every text field poisoned."""
    region = poison(BodyRegion.objects.create(name="Knee", slug="knee"))
    clinic = poison(make_clinic(slug="riverside"))
    for hours in OpeningHours.objects.all():
        poison(hours)
    therapist = poison(make_therapist(slug="maya"))
    therapist.clinics.add(clinic)
    equipment = poison(make_equipment(slug="step"))
    exercise = poison(
        make_exercise(
            slug="hip-hike",
            regions=[region],
            equipment=[equipment],
            video_url="https://youtu.be/EXAMPLE0001",
        )
    )
    for step in ExerciseStep.objects.all():
        poison(step)
    article = poison(
        make_article(slug="knock-knees", regions=[region], author=therapist), status="published"
    )
    article.exercises.add(exercise)
    for point in KeyPoint.objects.all():
        poison(point)
    Reference.objects.create(article=article, order=1, citation=MARKER, url="https://example.org")
    condition = poison(
        Condition.objects.create(name="Knock knees", slug="knock-knees", region=region)
    )
    article.conditions.add(condition)
    question = poison(
        make_question(
            published=False,
            name="Pat",
            email="pat@example.com",
            text="x" * 30,
            region=region,
            may_publish=True,
        ),
        status=Question.Status.PUBLISHED,
        slug="knees-turn-in",
        answered_by=therapist,
        answered_at=timezone.now(),
        published_at=timezone.now() - timezone.timedelta(minutes=1),
    )
    question.related_articles.add(article)
    question.related_exercises.add(exercise)
    appointment = poison(
        make_appointment_request(clinic=clinic, body_region=region, email="pat@example.com")
    )
    return {
        "clinic": clinic,
        "therapist": therapist,
        "exercise": exercise,
        "article": article,
        "question": question,
        "appointment": appointment,
        "condition": condition,
        "equipment": equipment,
        "region": region,
    }


PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/knock-knees/",
    "/articles/?region=knee",
    "/exercises/",
    "/exercises/?region=knee",
    "/exercises/hip-hike/",
    "/exercises/hip-hike/print/",
    "/questions/",
    "/questions/knees-turn-in/",
    "/clinics/",
    "/clinics/riverside/",
    "/ask/?region=knee",
    "/book/?clinic=riverside&region=knee&from=/articles/knock-knees/",
    "/book/thanks/?clinic=riverside",
    "/feeds/articles/",
    "/sitemap.xml",
    "/search/?q=knee",
    "/search/?q=" + quote(MARKER),  # the query is echoed on the page
]


def test_the_marker_is_really_in_the_pages(client, hostile):
    # Guards the test: the marker reached the page, escaped.
    content = client.get("/articles/knock-knees/").content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in content


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_show_hostile_text_as_text(client, hostile, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert unescaped(response.content) == []


ADMIN_PAGES = [
    ("clinic", "clinic"),
    ("therapist", "clinic"),
    ("exercise", "exercises"),
    ("article", "education"),
    ("question", "questions"),
    ("appointment", "clinic"),
    ("condition", "education"),
    ("equipment", "exercises"),
    ("region", "clinic"),
]


@pytest.mark.parametrize(("key", "app"), ADMIN_PAGES)
def test_admin_change_and_list_pages_show_hostile_text_as_text(client, hostile, key, app):
    client.force_login(make_staff(superuser=True))
    obj = hostile[key]
    base = f"/{settings.ADMIN_URL}{app}/{obj._meta.model_name}/"
    for path in (f"{base}{obj.pk}/change/", base, f"{base}{obj.pk}/history/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert unescaped(response.content) == [], path


def test_admin_dashboard_and_report_show_hostile_text_as_text(client, hostile):
    client.force_login(make_staff(superuser=True))
    for path in ("", "clinic/appointmentrequest/report/", "questions/question/?status=published"):
        response = client.get(f"/{settings.ADMIN_URL}{path}")
        assert response.status_code == 200, path
        assert unescaped(response.content) == [], path
    assert AppointmentRequest.objects.get().name.startswith(SCRIPT)
