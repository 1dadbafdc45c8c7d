"""Small factory functions for test data. The demo content is for people, not tests."""

import io
import itertools

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clinic.models import BodyRegion, Therapist

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


def make_region(**fields):
    slug = fields.pop("slug", unique("region"))
    return BodyRegion.objects.create(name=fields.pop("name", slug.title()), slug=slug, **fields)


def make_therapist(**fields):
    slug = fields.pop("slug", unique("therapist"))
    return Therapist.objects.create(
        name=fields.pop("name", "Sam Park"),
        slug=slug,
        credentials=fields.pop("credentials", "PT, DPT"),
        **fields,
    )


def make_staff(username=None, *, group=None, superuser=False, password="a-long-test-password"):
    user = User.objects.create_user(
        username=username or unique("staff"),
        password=password,
        is_staff=True,
        is_superuser=superuser,
        email="staff@example.com",
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def image_file(name="photo.jpg", size=(800, 600), fmt="JPEG", exif=None, **save_args):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (120, 160, 200))
    if exif is not None:
        save_args["exif"] = exif
    image.save(buffer, fmt, **save_args)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def make_article(*, regions=(), key_points=3, **fields):
    from django.utils import timezone

    from education.models import Article, KeyPoint

    slug = fields.pop("slug", unique("article"))
    author = fields.pop("author", None) or make_therapist()
    article = Article.objects.create(
        slug=slug,
        title=fields.pop("title", f"Article {slug}"),
        summary=fields.pop("summary", "A short summary of the problem."),
        what_it_is=fields.pop("what_it_is", "It is a common problem. It often gets better."),
        author=author,
        reviewer=fields.pop("reviewer", author),
        status=fields.pop("status", Article.Status.PUBLISHED),
        publish_at=fields.pop("publish_at", timezone.now() - timezone.timedelta(days=1)),
        **fields,
    )
    article.regions.set(regions)
    KeyPoint.objects.bulk_create(
        KeyPoint(article=article, order=i, text=f"Point {i}.") for i in range(key_points)
    )
    return article


def make_clinic(*, hours=None, **fields):
    """A clinic; `hours` is {weekday: [(opens, closes), ...]}, default Monday to Friday 8-18."""
    from datetime import time

    from clinic.models import Clinic, OpeningHours

    slug = fields.pop("slug", unique("clinic"))
    clinic = Clinic.objects.create(
        name=fields.pop("name", f"Clinic {slug}"),
        slug=slug,
        street_address=fields.pop("street_address", "1 Main Street"),
        city=fields.pop("city", "Riverbend"),
        state=fields.pop("state", "IL"),
        postal_code=fields.pop("postal_code", "60999"),
        phone=fields.pop("phone", "(312) 555-0100"),
        **fields,
    )
    if hours is None:
        hours = {day: [(time(8), time(18))] for day in range(5)}
    OpeningHours.objects.bulk_create(
        OpeningHours(clinic=clinic, weekday=day, opens=opens, closes=closes)
        for day, intervals in hours.items()
        for opens, closes in intervals
    )
    return clinic


def make_appointment_request(**fields):
    from django.utils import timezone

    from clinic.models import AppointmentRequest

    fields.setdefault("name", "Pat Doe")
    fields.setdefault("phone", "(312) 555-0199")
    fields.setdefault("consented_at", timezone.now())
    return AppointmentRequest.objects.create(**fields)


def make_equipment(**fields):
    slug = fields.pop("slug", unique("equipment"))
    from exercises.models import Equipment

    return Equipment.objects.create(name=fields.pop("name", slug.title()), slug=slug, **fields)


def make_exercise(*, regions=(), equipment=(), steps=("Stand tall.", "Lift one knee."), **fields):
    """A published exercise with steps; pass status="draft" for a draft."""
    from exercises.models import Exercise, ExerciseStep

    slug = fields.pop("slug", unique("exercise"))
    fields.setdefault("name", slug.replace("-", " ").title())
    fields.setdefault("purpose", "Makes the side of the hip stronger.")
    fields.setdefault("precautions", "Stop if you feel sharp pain.")
    fields.setdefault("status", Exercise.Status.PUBLISHED)
    if fields.get("video_url"):
        fields.setdefault("transcript", "A person stands and lifts one knee.")
    exercise = Exercise.objects.create(slug=slug, **fields)
    exercise.body_regions.set(regions)
    exercise.equipment.set(equipment)
    ExerciseStep.objects.bulk_create(
        ExerciseStep(exercise=exercise, order=order, text=text)
        for order, text in enumerate(steps, start=1)
    )
    return exercise


def make_question(*, published=True, **fields):
    """A question; published (anonymised, answered by a therapist, with a public page) unless
    told otherwise, when it waits in the queue. The asker's data is easy to search a page for."""
    from django.utils import timezone

    from questions.models import Question

    now = timezone.now()
    slug = fields.pop("slug", unique("question"))
    defaults = {
        "name": "Secret Name",
        "email": "secret@example.com",
        "text": "Original private words: my knee hurts when I climb stairs.",
        "may_publish": True,
    }
    if published:
        defaults |= {
            "status": Question.Status.PUBLISHED,
            "answer": "Make your hip muscles stronger and go easy on stairs for a while.",
            "things_to_know": "It is common.\nIt gets better.\nExercise helps.",
            "public_title": f"Question {slug}?",
            "public_text": "Why does my knee hurt on stairs?",
            "slug": slug,
            "answered_at": now - timezone.timedelta(days=1),
            "published_at": now - timezone.timedelta(minutes=1),
        }
        if "answered_by" not in fields:
            defaults["answered_by"] = make_therapist()
    return Question.objects.create(**(defaults | fields))


def answer_form_data(question, **overrides):
    """The question's admin form as a PT fills it in: a complete answer, nothing public."""
    data = {
        "region": question.region_id or "",
        "assigned_to": question.assigned_to_id or "",
        "things_to_know": "Knee pain like this is common.\nThe hip is often the cause.\nExercise helps.",
        "answer": "Try a **hip hike** every day.",
        "answered_by": question.answered_by_id or "",
        "related_articles": [],
        "related_exercises": [],
        "public_title": question.public_title,
        "public_text": question.public_text,
        "slug": question.slug or "",
        "decline_reason": "",
        # The answer's references (an inline): none unless the test adds some.
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


SIGN_IN_URL = "/admin/account/login/"


def make_totp_device(user):
    """The user's authenticator app, set up and confirmed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def totp_code(device):
    """The code the authenticator app shows now."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in(client, username, password, *, code=None, next_url="/admin/", **extra):
    """The two-factor sign-in as a browser posts it: the password step, then (when the
    page asks for it and `code` is given) the authenticator code."""
    url = f"{SIGN_IN_URL}?next={next_url}"
    response = client.post(
        url,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
        **extra,
    )
    asks_for_code = response.status_code == 200 and b'name="token-otp_token"' in response.content
    if code is not None and asks_for_code:
        response = client.post(
            url, {"login_view-current_step": "token", "token-otp_token": code}, **extra
        )
    return response


def make_program(*, exercises=(), therapist=None, logs=(), **fields):
    """A home exercise program for a patient labelled "Pat D." with these exercises.

    logs: (days ago, item number, pain, effort[, comment]) tuples."""
    from datetime import timedelta

    from django.utils import timezone

    from programs.models import ExerciseLog, Program, ProgramExercise

    today = timezone.localdate()
    fields.setdefault("label", "Pat D.")
    fields.setdefault("start_date", today - timedelta(days=10))
    program = Program.objects.create(prescribed_by=therapist, **fields)
    items = [
        ProgramExercise.objects.create(program=program, exercise=exercise, order=number)
        for number, exercise in enumerate(exercises or [make_exercise()], start=1)
    ]
    for days_ago, number, pain, effort, *comment in logs:
        ExerciseLog.objects.create(
            comment=comment[0] if comment else "",
            program=program,
            item=items[number],
            exercise_id=items[number].exercise_id,
            day=today - timedelta(days=days_ago),
            pain=pain,
            effort=effort,
        )
    return program


def make_article_translation(article, *, language="es", **fields):
    """A published Spanish translation of `article`, reviewed by another therapist."""
    from education.models import ArticleTranslation

    fields.setdefault("title", f"Artículo {article.slug}")
    fields.setdefault("summary", "Un resumen corto del problema.")
    fields.setdefault("what_it_is", "Es un problema común. A menudo mejora.")
    fields.setdefault("key_points", "Punto uno.\nPunto dos.")
    fields.setdefault("published", True)
    return ArticleTranslation.objects.create(
        article=article,
        language=language,
        reviewer=fields.pop("reviewer", None) or make_therapist(name="Ana Ruiz"),
        **fields,
    )


def make_exercise_translation(exercise, *, language="es", **fields):
    """A published Spanish translation of `exercise`."""
    from exercises.models import ExerciseTranslation

    fields.setdefault("name", f"Ejercicio {exercise.slug}")
    fields.setdefault("purpose", "Fortalece el lado de la cadera.")
    fields.setdefault("steps", "Párese derecho.\nLevante una rodilla.")
    fields.setdefault("precautions", "Pare si siente un dolor agudo.")
    fields.setdefault("published", True)
    return ExerciseTranslation.objects.create(
        exercise=exercise,
        language=language,
        reviewer=fields.pop("reviewer", None) or make_therapist(name="Ana Ruiz"),
        **fields,
    )
