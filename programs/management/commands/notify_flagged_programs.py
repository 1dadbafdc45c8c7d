"""Email PTs about home exercise programs with a flag they have not been told of yet.

A log raises its flags at once (programs.services.log_exercise); this daily job raises
the one that comes with time, "nothing logged for 7 days", and anything a log missed.
Run it once a day (README, "Production"); running it twice, or on two servers at once,
emails nobody twice.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from programs.models import Program
from programs.progress import FLAGGED_AFTER_END_DAYS
from programs.services import tell_about_new_flags


class Command(BaseCommand):
    help = "Email PTs about home exercise programs with a new flag (run daily)."

    def handle(self, *args, **options):
        today = timezone.localdate()
        programs = (
            Program.objects.filter(end_date__gte=today - timedelta(days=FLAGGED_AFTER_END_DAYS))
            .select_related("prescribed_by")
            .with_progress(today)
            .order_by("pk")
        )
        emailed = sum(
            tell_about_new_flags(program, today=today)
            for program in programs.iterator(chunk_size=200)
        )
        self.stdout.write(f"Home exercise programs: {emailed} PT email(s) about new flags.")
