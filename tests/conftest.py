import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: no rate-limit count or cached page leaks across."""
    for cache in caches.all():
        cache.clear()
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
