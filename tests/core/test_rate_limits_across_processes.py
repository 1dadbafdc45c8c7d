"""Rate limits counted across app processes.

With REDIS_URL (CI's PostgreSQL + Redis pass) several gunicorn workers share one count:
two real Python processes are started here and their calls add up. Without it the site
is documented as ONE process (README, "One process or many"): the count lives in that
process's memory, so the single-process limit is tested instead, and so is the fact that
a second process would not see it (which is why that mode must stay one process).
Nothing here is skipped in either pass.
"""

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.test import RequestFactory

from core.antispam import over_limit

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = "198.51.100.23"

# Runs in a fresh interpreter with the same settings module and environment as the tests.
CALLS = """
import json, sys
import django
django.setup()
from django.test import RequestFactory
from core.antispam import over_limit
from core.middleware import ClientAddressMiddleware

group, address, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
results = []
for _ in range(calls):
    request = RequestFactory().post("/ask/", REMOTE_ADDR=address)
    ClientAddressMiddleware(lambda r: None)(request)
    results.append(over_limit(request, group))
print(json.dumps(results))
"""


def separate_redis_url(url):
    """The same Redis on a database of its own: other test workers empty theirs between tests."""
    return urlunsplit(urlsplit(url)._replace(path="/15"))


def calls_in_another_process(group, calls):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "LOG_LEVEL": "WARNING"}
    if settings.REDIS_URL:
        env["REDIS_URL"] = separate_redis_url(settings.REDIS_URL)
    result = subprocess.run(
        [sys.executable, "-c", CALLS, group, ADDRESS, str(calls)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def group():
    # A group of its own, so that parallel test runs sharing the Redis never count together.
    return f"test-two-processes-{uuid.uuid4().hex}"


@pytest.fixture(autouse=True)
def _limits_on(settings):
    settings.RATELIMIT_ENABLE = True


if settings.REDIS_URL:

    def test_two_processes_sharing_redis_count_together(group):
        first = calls_in_another_process(group, 3)
        second = calls_in_another_process(group, 3)
        assert first == [False, False, False]
        assert second == [False, False, True]  # the 6th call across both is limited

    def test_two_processes_at_the_same_time_let_exactly_five_through(group):
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = list(pool.map(lambda _: calls_in_another_process(group, 5), range(2)))
        allowed = [limited for run in runs for limited in run].count(False)
        assert allowed == 5, runs

else:

    def test_one_process_limits_the_sixth_call(group):
        request = RequestFactory().post("/ask/", REMOTE_ADDR=ADDRESS)
        request.META["CLIENT_ADDRESS"] = ADDRESS
        assert [over_limit(request, group) for _ in range(6)] == [False] * 5 + [True]

    def test_in_a_separate_process_the_limit_holds_too(group):
        assert calls_in_another_process(group, 6) == [False] * 5 + [True]

    def test_without_redis_a_second_process_keeps_its_own_count(group):
        # Why the embedded default must run as one process: counts are not shared.
        assert calls_in_another_process(group, 3) == [False] * 3
        assert calls_in_another_process(group, 3) == [False] * 3

    def test_the_shared_cache_checks_are_silenced_only_without_redis():
        assert settings.CACHES["ratelimit"]["BACKEND"].endswith("LocMemCache")
        assert "django_ratelimit.E003" in settings.SILENCED_SYSTEM_CHECKS


def test_with_redis_the_rate_limits_use_it_and_no_check_is_silenced():
    """Also runs without REDIS_URL: a subprocess with REDIS_URL set shows the production set-up."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": settings.REDIS_URL or "redis://127.0.0.1:6379/3",
    }
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CACHES['ratelimit']['BACKEND'], s.SILENCED_SYSTEM_CHECKS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django_redis.cache.RedisCache", "[]"]
