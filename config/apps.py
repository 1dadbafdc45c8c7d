from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate

# The permissions that existed when the running `migrate` began, per database.
_permissions_before = {}


def _last_app_with_models():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.models_module][-1]


def _remember_permissions(sender, app_config=None, using="default", **kwargs):
    # Once, before the first app migrates.
    if using not in _permissions_before:
        from config.roles import existing_permission_ids

        _permissions_before[using] = existing_permission_ids(using)


def _sync_groups(sender, app_config=None, using="default", **kwargs):
    # Once, after the last app has had its permissions created.
    if app_config is not None and app_config is _last_app_with_models():
        from config.roles import existing_permission_ids, sync_groups

        before = _permissions_before.pop(using, frozenset())
        sync_groups(new_permissions=existing_permission_ids(using) - before, using=using)


class ProjectConfig(AppConfig):
    """The project itself: what ties the apps together (staff groups, the demo, the home page)."""

    name = "config"
    verbose_name = "Portal"

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        from config import checks  # noqa: F401 (registers the deploy checks)
        from config.links import site_links
        from core.links import provide

        provide(site_links)  # {{ links.ask }}… for every app's templates and emails

        if settings.STAFF_TWO_FACTOR:
            # Every admin page needs a signed-in user verified by their second factor;
            # the admin's own sign-in page sends staff to the two-factor one.
            from config.admin_site import TwoFactorAdminSite

            admin.site.__class__ = TwoFactorAdminSite

        pre_migrate.connect(_remember_permissions, dispatch_uid="config.remember_permissions")
        post_migrate.connect(_sync_groups, dispatch_uid="config.sync_groups")

        from django.db.models.signals import post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from config.invitations import invitation_used

        post_save.connect(invitation_used, sender=TOTPDevice, dispatch_uid="config.invitation_used")

        from config.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
        from core.page_cache import forget_pages_when_changed

        # A new choice for the home page reaches visitors at once.
        forget_pages_when_changed(HomePage, FeaturedArticle, FeaturedExercise, FeaturedAnswer)
