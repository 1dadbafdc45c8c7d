import copy
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

# With REDIS_URL, every test worker (and every other test run on the same Redis) gets
# keys of its own: clearing a cache must not wipe another worker's sessions or counts.
_RUN = f"test-{uuid.uuid4().hex[:8]}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_keys():
    if not settings.REDIS_URL:
        yield
        return
    own = copy.deepcopy(settings.CACHES)
    for config in own.values():
        config["KEY_PREFIX"] = f"{config.get('KEY_PREFIX', '')}-{_RUN}"
    with override_settings(CACHES=own):
        yield


def clear_own_keys(cache):
    """Empty `cache`, but on Redis only this run's keys (clear() would FLUSHDB for everyone)."""
    if hasattr(cache, "delete_pattern"):  # django-redis: the pattern gets the key prefix
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Staff passwords hashed with a fast hasher: the real one takes a second per user by design."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_caches(_own_cache_keys):
    """Each test starts with empty caches: no rate-limit count or cached page leaks across,
    and no Redis outage another test made (the circuit breaker is shut)."""
    from core.cache import breaker

    breaker.reset()
    for cache in caches.all():
        clear_own_keys(cache)
    yield
    breaker.reset()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The page cache is off unless a test asks for it (`page_cache` fixture), so that
    query counts and page contents are the view's own; tests/core/test_page_cache.py
    checks the cache itself."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def regions(db):
    from clinic.demo import seed_regions
    from clinic.models import BodyRegion

    seed_regions()
    return {region.slug: region for region in BodyRegion.objects.all()}


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """`force_login` stands for a whole staff sign-in: password and second factor.

    It marks the session verified by a recovery-code device of the user's own, as
    django-otp does after a real sign-in. The sign-in itself (password, TOTP code,
    recovery codes, lockout) is tested in tests/core/test_two_factor.py and in a browser.
    """
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    sign_in = Client.force_login

    def force_login(self, user, backend=None):
        sign_in(self, user, backend)
        if user.is_staff:
            device, _ = StaticDevice.objects.get_or_create(user=user, name="tests")
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


ROOT = Path(__file__).resolve().parents[1]


# --- gunicorn as the README runs it, for the tests of what crosses its logs and sockets.

GUNICORN_SETUP = """
import django
django.setup()
from exercises.models import Exercise
from programs.models import Program
program = Program.objects.create(label="Jo")
program.items.create(exercise=Exercise.objects.create(
    name="Hip hike", slug="hip-hike", purpose="x", precautions="x", status="published"), order=1)
print(program.link_key, program.items.get().pk)
"""


def pytest_collection_modifyitems(items):
    # A test on gunicorn_site runs on that site's own SQLite file whatever DATABASE_URL says.
    for item in items:
        if "gunicorn_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.own_database)


@pytest.fixture
def gunicorn_site(tmp_path):
    """gunicorn started as the README says (gunicorn.conf.py read), on its own SQLite
    database with a home program of one exercise (tests.servers.Site)."""
    from tests.servers import Site, free_port, start

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=120)
    made = subprocess.run(
        [sys.executable, "-c", GUNICORN_SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    key, item = made.stdout.split()
    log = tmp_path / "access.log"
    # The README's command, with the access log most process managers add.
    command = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--workers", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--access-logfile", str(log)]
    process = start(command, ready="Booting worker", cwd=ROOT, env=env)
    site = Site(f"http://127.0.0.1:{port}", key, item, log, process)
    yield site
    site.stop()
