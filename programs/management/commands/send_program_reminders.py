"""Queue the email reminders that are due (programs.reminders): run every 15 minutes.

The deploy kit's clinic-reminders.timer runs it on every server; `make run` runs it with
`--loop` beside the site. Running it twice, or on two servers at once, sends each
reminder once: each patient's day is taken by one conditional UPDATE. The outbox's
worker sends what it queues.
"""

import contextlib
import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from programs.reminders import send_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Queue the home exercise reminders that are due (run every 15 minutes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, every --interval seconds."
        )
        parser.add_argument("--interval", type=float, default=900)

    def handle(self, *args, loop=False, interval=900, **options):
        while True:
            try:
                queued = send_due()
            except DatabaseError as error:
                if not loop:
                    raise
                logger.error("send_program_reminders: the database is unavailable: %s", error)
                with contextlib.suppress(DatabaseError):
                    connections.close_all()
            else:
                if queued or not loop:
                    self.stdout.write(f"Home exercise reminders: {queued} email(s) queued.")
            if not loop:
                return
            time.sleep(interval)
