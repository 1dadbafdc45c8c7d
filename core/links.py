"""The site's main pages, for templates and emails of apps below the app that serves
them: `{{ links.privacy }}` in a template, `site_links()["privacy"]` in code.

The project (config, at the top) says what they are from its AppConfig.ready(), with
reverse(); an app below never names the app above. Every template gets them through the
`links` context processor.
"""

from django.core.exceptions import ImproperlyConfigured

_provider = None


def provide(function):
    """Set the function that returns {name: path}; called once, by the project."""
    global _provider
    _provider = function


def site_links():
    if _provider is None:
        raise ImproperlyConfigured("No site links: the project's AppConfig.ready() provides them.")
    return _provider()


def links(request):
    """Context processor: `links` in every template rendered with a request."""
    return {"links": site_links()}
