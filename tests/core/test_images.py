"""Every uploaded image is checked, cleaned and resized before a page can show it."""

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.images import validate_image
from tests.factories import image_file, make_therapist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def huge_png(width, height):
    """A valid PNG of width × height black pixels, a few kilobytes on disk."""
    import struct

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    raw_row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(raw_row) for _ in range(height)) + compressor.flush()
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    return SimpleUploadedFile("huge.png", png, content_type="image/png")


def gps_jpeg():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90°
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (41.0, 52.0, 30.0)
    return image_file("gps.jpg", size=(400, 200), exif=exif, comment=b"secret-comment")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: huge_png(10_000, 10_000), "megapixels"),
        (lambda: huge_png(40_000, 40_000), "megapixels"),  # past Pillow's own bomb limit
        (
            lambda: SimpleUploadedFile(
                "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'
            ),
            "JPEG, PNG or WebP",
        ),
        (lambda: SimpleUploadedFile("photo.jpg", b"this is just text"), "JPEG, PNG or WebP"),
        (lambda: image_file("anim.gif", fmt="GIF"), "JPEG, PNG or WebP"),
    ],
)
def test_unsafe_or_unreadable_uploads_are_refused_with_a_clear_message(upload, message):
    with pytest.raises(ValidationError) as error:
        validate_image(upload())
    assert message in " ".join(error.value.messages)


def test_a_file_over_the_byte_cap_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="the limit is"):
        validate_image(image_file(size=(600, 600), quality=100))


def test_saved_photos_lose_gps_and_comments_keep_orientation_and_get_renditions():
    therapist = make_therapist(photo=gps_jpeg(), photo_alt="Smiling therapist")
    therapist.refresh_from_db()
    with therapist.photo.open("rb") as stored:
        data = stored.read()
        image = Image.open(io.BytesIO(data))
        assert image.size == (200, 400)  # the EXIF rotation was applied
        assert not image.getexif()
        assert b"secret-comment" not in data and b"PhoneMaker" not in data
    assert sorted(int(w) for w in therapist.photo_renditions) == [200]
    width_320 = make_therapist(photo=image_file(size=(1600, 900)), photo_alt="x")
    assert sorted(int(w) for w in width_320.photo_renditions) == [320, 640, 960, 1280]
    assert width_320.photo_renditions["640"]["height"] == 360


def test_a_huge_original_is_stored_at_most_2000_pixels_wide():
    therapist = make_therapist(photo=image_file(size=(4000, 1000)), photo_alt="x")
    with therapist.photo.open("rb") as stored:
        assert Image.open(stored).size == (2000, 500)
