from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The site-wide pieces every app uses: outbox, images, security, anti-spam, page cache,
    and the clinic's brand."""

    name = "core"
    verbose_name = "Site"

    def ready(self):
        from core import brand  # noqa: F401 (forgets the cached brand when it is saved)
        from core.models import SiteBrand
        from core.page_cache import forget_pages_when_changed

        # Every page names the brand's stylesheet version: a new brand, new pages.
        forget_pages_when_changed(SiteBrand)
