"""Uploaded images in an S3-compatible bucket that every app server shares: stored there
through the site's own image pipeline, linked at the bucket's address (link previews
too), and allowed by the CSP. Against a real S3 API server (moto's), not a mock."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from moto.server import ThreadedMotoServer

from tests.factories import image_file, make_exercise
from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "clinic-media"


@pytest.fixture
def bucket(settings):
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials).create_bucket(
        Bucket=BUCKET
    )
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": "public-read",
            },
        },
    }
    yield endpoint
    server.stop()


@pytest.mark.django_db
def test_an_image_saved_by_one_server_is_in_the_bucket_and_linked_there(client, bucket):
    exercise = make_exercise(slug="hip-hike", name="Hip hike")
    exercise.thumbnail = image_file("hip.jpg", size=(1600, 1000))
    exercise.thumbnail_alt = "A person on a step, one hip lifted."
    exercise.save()
    exercise.refresh_from_db()
    assert exercise.thumbnail_renditions
    names = [r["name"] for r in exercise.thumbnail_renditions.values()]
    # In the bucket, where a second app server (with its own MEDIA_ROOT) reads it too.
    listed = {
        o["Key"]
        for o in boto3.client("s3", endpoint_url=bucket, region_name="us-east-1")
        .list_objects_v2(Bucket=BUCKET)
        .get("Contents", [])
    }
    assert set(names) <= listed
    # Every image address on the pages is the bucket's: the card's srcset on the list,
    # and the link preview's image on the exercise page (not glued to the site's address).
    cards = client.get("/exercises/").content.decode()
    for name in names:
        assert default_storage.url(name) in cards
        assert default_storage.url(name).startswith(f"{bucket}/{BUCKET}/")
    page = client.get("/exercises/hip-hike/").content.decode()
    assert f'<meta property="og:image" content="{default_storage.url(names[-1])}"' in page
    assert f"testserver{bucket}" not in page and f"http://testserver{bucket}" not in cards
    with urllib.request.urlopen(default_storage.url(names[0]), timeout=10) as response:  # noqa: S310
        assert response.status == 200 and response.read(4) == b"RIFF"  # WebP


def test_with_a_bucket_the_settings_store_there_and_the_csp_allows_it():
    script = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.STORAGES['default']['BACKEND']);"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']);"
        "from django.urls import resolve; from django.urls.exceptions import Resolver404\n"
        "try:\n    resolve('/media/x.jpg'); print('media served here')\n"
        "except Resolver404:\n    print('no media route')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_CUSTOM_DOMAIN": "media.clinic.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    backend, img_src, media = result.stdout.splitlines()
    assert backend == "storages.backends.s3.S3Storage"
    assert "https://media.clinic.example.org" in img_src
    assert media == "no media route"
