import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _caches_per_test_worker(worker_id):
    """Each pytest-xdist worker keeps its own keys in a shared Redis.

    Sessions live in the cache when REDIS_URL is set, so one worker must never wipe
    another's: the prefix below is what `_fresh_caches` clears.
    """
    per_worker = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}-test-{worker_id}"}
        for alias, config in settings.CACHES.items()
    }
    with override_settings(CACHES=per_worker):
        yield


def _clear(cache):
    prefix = getattr(cache, "key_prefix", "")
    if settings.REDIS_URL and prefix:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: no rate-limit count or cached page leaks across."""
    for cache in caches.all():
        _clear(cache)
    yield


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The page cache is off unless a test asks for it (`page_cache` fixture), so that
    query counts and page contents are the view's own; tests/clinic/test_page_cache.py
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
