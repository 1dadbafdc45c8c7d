from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_groups(sender, app_config=None, **kwargs):
    from django.apps import apps

    # Run once, after the last app has had its permissions created.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config is with_models[-1]:
        from clinic.roles import sync_groups

        sync_groups()


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        post_migrate.connect(_sync_groups, dispatch_uid="clinic.sync_groups")

        from django.db.models.signals import post_delete, post_save

        from clinic.cta import forget_main_clinic
        from clinic.models import Clinic

        for signal in (post_save, post_delete):
            signal.connect(forget_main_clinic, sender=Clinic, dispatch_uid="clinic.forget_main")

        # Any content change forgets the cached pages. Connected without a sender so
        # that clinic needs to import neither exercises nor education.
        from django.db.models.signals import m2m_changed

        from clinic.page_cache import content_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid="clinic.page_cache")
