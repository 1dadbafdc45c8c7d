"""Run a daily job once a day, whatever the number of servers whose timers start it.

    manage.py run_once_a_day purge_personal_data

The first server to start the job that day writes its DailyRun row (a unique job and
day) and runs it; any other finds the row and does nothing. A job that fails gives its
day back, so the next timer (or a person) can run it again.
"""

import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import DailyRun


class Command(BaseCommand):
    help = "Run a management command at most once a day across every server."

    def add_arguments(self, parser):
        parser.add_argument("job", help="the management command, e.g. purge_personal_data")
        parser.add_argument("args", nargs="*", help="its arguments")

    def handle(self, job, *args, **options):
        day = timezone.localdate()
        try:
            with transaction.atomic():
                run = DailyRun.objects.create(job=job, day=day, host=socket.gethostname()[:100])
        except IntegrityError:
            other = DailyRun.objects.filter(job=job, day=day).first()
            where = f" on {other.host}" if other and other.host else ""
            self.stdout.write(f"{job}: already run on {day}{where}; nothing to do.")
            return
        try:
            call_command(job, *args, stdout=self.stdout, stderr=self.stderr)
        except BaseException:
            run.delete()  # the day is free again for a retry
            raise
