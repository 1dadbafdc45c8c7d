from django.apps import AppConfig


class SearchConfig(AppConfig):
    """One search over the site's public pages; the apps that own them register them
    (search.indexing.register, from their own AppConfig.ready())."""

    name = "search"
    verbose_name = "Site search"
