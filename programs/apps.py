from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _add_built_in_questionnaires(sender, using="default", **kwargs):
    from programs.instruments import add_built_in

    add_built_in(using=using)


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs"

    def ready(self):
        # The NPRS, PSFS and LEFS every install offers (programs/instruments.py), made by
        # `migrate` where missing, and again after a test's flush.
        post_migrate.connect(
            _add_built_in_questionnaires, sender=self, dispatch_uid="programs.questionnaires"
        )
