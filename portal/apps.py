from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate

# The permissions that existed when the running `migrate` began, per database.
_permissions_before = {}


def _last_app_with_models():
    from django.apps import apps

    return [config for config in apps.get_app_configs() if config.models_module][-1]


def _groups_live_in(using):
    """Whether the staff groups and permissions are migrated on this database (a router
    may keep them on another one), as Django's own create_permissions asks."""
    from django.contrib.auth.models import Group, Permission
    from django.db import router

    return router.allow_migrate_model(using, Permission) and router.allow_migrate_model(
        using, Group
    )


def _remember_permissions(sender, app_config=None, using="default", **kwargs):
    # Once, before the first app migrates.
    if using not in _permissions_before and _groups_live_in(using):
        from portal.roles import existing_permission_ids

        _permissions_before[using] = existing_permission_ids(using)


def _sync_groups(sender, app_config=None, using="default", **kwargs):
    # Once, after the last app has had its permissions created.
    if app_config is not None and app_config is _last_app_with_models() and _groups_live_in(using):
        from portal.roles import existing_permission_ids, sync_groups

        before = _permissions_before.pop(using, frozenset())
        sync_groups(new_permissions=existing_permission_ids(using) - before, using=using)


class PortalConfig(AppConfig):
    """What ties the content apps together for the clinic and its staff: the home page's
    choices, the staff groups and their invitations, the two-factor admin site, the
    admin's dashboard, the demo and the retention purge."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        if settings.STAFF_TWO_FACTOR:
            # Every admin page needs a signed-in user verified by their second factor;
            # the admin's own sign-in page sends staff to the two-factor one.
            from portal.admin_site import TwoFactorAdminSite

            admin.site.__class__ = TwoFactorAdminSite

        pre_migrate.connect(_remember_permissions, dispatch_uid="portal.remember_permissions")
        post_migrate.connect(_sync_groups, dispatch_uid="portal.sync_groups")

        from django.db.models.signals import post_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from portal.invitations import invitation_used

        post_save.connect(invitation_used, sender=TOTPDevice, dispatch_uid="portal.invitation_used")

        from core.page_cache import forget_pages_when_changed
        from portal.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage

        # A new choice for the home page reaches visitors at once.
        forget_pages_when_changed(HomePage, FeaturedArticle, FeaturedExercise, FeaturedAnswer)
