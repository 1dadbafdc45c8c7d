"""The sitemap sections, registered by each app under its own key.

Apps add themselves here from their AppConfig.ready(), so this module (and the
root URLconf) imports none of them.
"""

sitemaps = {}


def register(name, sitemap_class):
    sitemaps[name] = sitemap_class
