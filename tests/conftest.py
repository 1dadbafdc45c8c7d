import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: no rate-limit count or cached page leaks across."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def regions(db):
    from clinic.demo import seed_regions
    from clinic.models import BodyRegion

    seed_regions()
    return {region.slug: region for region in BodyRegion.objects.all()}
