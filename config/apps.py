from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package: settings, URLs, WSGI, the deploy checks. An installed app
    only for its migrations, which created the tables the portal app now owns (the
    history of databases made before the move; see portal/migrations/0001)."""

    name = "config"
    verbose_name = "Project"

    def ready(self):
        from config import checks  # noqa: F401 (registers the deploy checks)
        from config.links import site_links
        from core.links import provide

        provide(site_links)  # {{ links.ask }}… for every app's templates and emails
