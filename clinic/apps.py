from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from clinic.cta import forget_main_clinic
        from clinic.models import BodyRegion, Clinic, OpeningHours, Therapist
        from core.page_cache import forget_pages_when_changed

        for signal in (post_save, post_delete):
            signal.connect(forget_main_clinic, sender=Clinic, dispatch_uid="clinic.forget_main")
        # Appointment requests are on no public page.
        forget_pages_when_changed(BodyRegion, Clinic, OpeningHours, Therapist)
