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
