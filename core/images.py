"""One validator and one re-encoder for every uploaded image.

An upload must be a real JPEG, PNG or WebP within a byte and a pixel cap. It is
re-encoded on save (orientation applied, EXIF, GPS and comments dropped, at most
ORIGINAL_MAX_SIDE pixels on the long side) and resized WebP renditions are made so
that pages serve a `srcset` and never the original upload.
"""

import io
import warnings
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (320, 640, 960, 1280)
ORIGINAL_MAX_SIDE = 2000

FORMAT_MESSAGE = "Upload a photo in JPEG, PNG or WebP format."


def _open_checked(file):
    """Open an upload with Pillow, refusing anything that is not a safe image."""
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s MB; the limit is %(limit)s MB.",
            code="file_too_big",
            params={
                "size": round(size / 1_048_576, 1),
                "limit": round(settings.IMAGE_MAX_BYTES / 1_048_576, 1),
            },
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(FORMAT_MESSAGE, code="bad_format")
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels; the limit is "
                    "%(limit)s megapixels. Please make it smaller.",
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "limit": settings.IMAGE_MAX_PIXELS // 1_000_000,
                    },
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            "This image has far too many pixels; the limit is %(limit)s megapixels. "
            "Please make it smaller.",
            code="too_many_pixels",
            params={"limit": settings.IMAGE_MAX_PIXELS // 1_000_000},
        ) from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ValidationError(FORMAT_MESSAGE, code="bad_image") from error
    finally:
        file.seek(0)
    return image


def validate_image(file):
    """Field validator: a real JPEG, PNG or WebP within the byte and pixel caps."""
    _open_checked(file)


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue()


def reencode(file):
    """Return (clean image bytes, extension, Pillow image) with metadata removed."""
    image = _open_checked(file)
    fmt = image.format
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    image.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image carries no EXIF, GPS, ICC comment or text chunks.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return _encode(clean, fmt), ALLOWED_FORMATS[fmt], clean


def make_renditions(image, storage, base_name):
    """Save WebP copies at the standard widths; return {width: storage name}."""
    renditions = {}
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [
        min(image.width, RENDITION_WIDTHS[-1])
    ]
    for width in sorted(set(widths)):
        copy = image.copy()
        copy.thumbnail((width, width * 10), Image.Resampling.LANCZOS)
        if copy.mode in ("LA", "L"):
            copy = copy.convert("RGBA" if copy.mode == "LA" else "RGB")
        name = storage.save(f"{base_name}-{width}w.webp", ContentFile(_encode(copy, "WEBP")))
        renditions[str(width)] = {"name": name, "width": copy.width, "height": copy.height}
    return renditions


class ImageRenditionsMixin(models.Model):
    """Re-encode new uploads and keep renditions for the fields in `image_fields`.

    A model lists its image field names in `image_fields`; each needs a JSONField
    called `<field>_renditions` (see `renditions_field`).
    """

    image_fields = ("photo",)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field_name in self.image_fields:
            field_file = getattr(self, field_name)
            if field_file and not field_file._committed:
                data, ext, image = reencode(field_file.file)
                stem = PurePosixPath(field_file.name).stem[:60] or "image"
                field_file.save(f"{stem}.{ext}", ContentFile(data), save=False)
                base = str(PurePosixPath(field_file.name).with_suffix(""))
                setattr(
                    self,
                    f"{field_name}_renditions",
                    make_renditions(image, field_file.storage, base),
                )
            elif not field_file:
                setattr(self, f"{field_name}_renditions", {})
        super().save(*args, **kwargs)


def renditions_field():
    return models.JSONField(default=dict, blank=True, editable=False)
