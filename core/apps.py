from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The site-wide pieces every app uses: outbox, images, security, anti-spam, page cache."""

    name = "core"
    verbose_name = "Site"
