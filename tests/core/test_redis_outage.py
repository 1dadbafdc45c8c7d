"""Redis away: the site keeps serving pages, keeps the patient's question and lets staff in.

The settings are those of production with REDIS_URL pointed at a port where nothing
listens (checked in a fresh process below), in both CI passes.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core import mail

from config.settings import redis_caches
from core.outbox import send_queued
from questions.models import Question
from tests.factories import make_article, make_staff, make_totp_device, sign_in, totp_code
from tests.questions.test_ask import QUESTION_TEXT, ask_data

pytestmark = pytest.mark.django_db

NOBODY_LISTENS = "redis://127.0.0.1:9/0"
WITH_REDIS = {
    "REDIS_URL": NOBODY_LISTENS,
    "CACHES": redis_caches(NOBODY_LISTENS),
    "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
    "RATELIMIT_FAIL_OPEN": True,
}


def test_these_are_the_settings_production_gets_with_redis_url():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        f"print(json.dumps({{name: getattr(s, name) for name in {list(WITH_REDIS)}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "REDIS_URL": NOBODY_LISTENS,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == WITH_REDIS


@pytest.fixture
def redis_down(settings):
    for name, value in WITH_REDIS.items():
        setattr(settings, name, value)
    settings.RATELIMIT_ENABLE = True
    settings.PAGE_CACHE_SECONDS = 3600


def test_content_pages_are_built_from_the_database(client, regions, redis_down):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Knock knees" in response.content.decode()
    assert client.get("/articles/").status_code == 200


def test_a_question_asked_is_kept_and_acknowledged(
    client, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ask/", ask_data())
    send_queued()
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.text == QUESTION_TEXT
    assert question.reference in client.get(response["Location"]).content.decode()
    assert [message.to for message in mail.outbox] == [["pat@example.com"]]


def test_staff_can_sign_in_and_work(client, redis_down):
    user = make_staff(username="pt", password="a-long-enough-password-42", superuser=True)
    device = make_totp_device(user)
    response = sign_in(client, "pt", "a-long-enough-password-42", code=totp_code(device))
    assert response.status_code == 302
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Log out" in page.content.decode()


def test_the_health_check_says_the_cache_failed_and_the_process_lives(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200  # degraded, not dead: a balancer keeps the server
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failed"}
    assert client.get("/readyz").status_code == 200


@pytest.fixture
def frozen_redis(settings):
    """A Redis that accepts connections and never answers, as a stopped (SIGSTOP) one does.

    Yields the list of connections it has accepted: each is a cache call that waited
    for its timeout.
    """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []

    def accept():
        with contextlib.suppress(OSError):  # the listener closed at the end of the test
            while True:
                accepted.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    settings.REDIS_URL = url
    settings.CACHES = redis_caches(url)
    settings.PAGE_CACHE_SECONDS = 3600
    yield accepted
    listener.close()
    for connection in accepted:
        connection.close()


def test_a_frozen_redis_is_asked_once_then_left_alone_and_logged_once(
    client, regions, frozen_redis, caplog
):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    for _ in range(6):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200 and "Knock knees" in response.content.decode()
    # Without the breaker every cache call of every page connects and waits its timeout
    # (about 6 s for the first page alone); with it, the first failure stops the asking.
    assert len(frozen_redis) == 1
    outage_lines = [r for r in caplog.records if "Redis is not answering" in r.getMessage()]
    assert len(outage_lines) == 1
    assert not any(r.exc_info for r in caplog.records)  # no traceback per call
