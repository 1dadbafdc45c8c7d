from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from questions.notifications import send_digest


class Command(BaseCommand):
    """The daily email to PTs of how many new questions wait (QUESTION_NOTIFICATIONS=daily).

    Run it once a day (cron, a systemd timer); it counts the questions of the last 24 hours.
    """

    help = "Email each physical therapist how many new questions wait for an answer."

    def handle(self, *args, **options):
        told = send_digest(since=timezone.now() - timedelta(days=1))
        self.stdout.write(f"Told {told} therapist(s).")
