"""The site's own address (SITE_URL) for every absolute link the site writes.

Pages, the sitemap, the feed, emails and the page cache use the configured address,
never the Host header a request claims: `Host: site.example.org:1`, `:2`, … would
otherwise each get (and store) a page of their own.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


def absolute_url(path):
    """`path` (starting with /) on the site's configured address."""
    return f"{settings.SITE_URL}{path}"


def absolute_media_url(name):
    """The address of a stored file (an image) for a link preview or an email: the
    storage's own when it is absolute (a bucket), else on the site's address."""
    from django.core.files.storage import default_storage

    url = default_storage.url(name)
    return url if urlsplit(url).scheme else absolute_url(url)


class SiteAddressSitemap(Sitemap):
    """A sitemap section whose URLs are on SITE_URL, whatever the request's host, in each
    language a page is written in, with its other languages as alternates (a section's
    items from core.translations.with_languages() list only theirs)."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        if hasattr(item, "published_translations"):
            from core.translations import languages_of

            return languages_of(item)
        return super().get_languages_for_item(item)

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
