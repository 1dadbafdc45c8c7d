from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_groups(sender, app_config=None, **kwargs):
    from django.apps import apps

    # Run once, after the last app has had its permissions created.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config is with_models[-1]:
        from config.roles import sync_groups

        sync_groups()


class ProjectConfig(AppConfig):
    """The project itself: what ties the apps together (staff groups, the demo, the home page)."""

    name = "config"
    verbose_name = "Portal"

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        from config import checks  # noqa: F401 (registers the deploy checks)

        if settings.STAFF_TWO_FACTOR:
            # Every admin page needs a signed-in user verified by their second factor;
            # the admin's own sign-in page sends staff to the two-factor one.
            from config.admin_site import TwoFactorAdminSite

            admin.site.__class__ = TwoFactorAdminSite

        post_migrate.connect(_sync_groups, dispatch_uid="config.sync_groups")

        from django.db.models.signals import post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from config.invitations import invitation_used

        post_save.connect(invitation_used, sender=TOTPDevice, dispatch_uid="config.invitation_used")

        from config.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
        from core.page_cache import forget_pages_when_changed

        # A new choice for the home page reaches visitors at once.
        forget_pages_when_changed(HomePage, FeaturedArticle, FeaturedExercise, FeaturedAnswer)
