import contextlib
import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from core.outbox import release_stuck, send_queued

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    """Send every due email in the outbox, retrying failures with backoff.

    `--loop` is the worker that `make run` starts beside the site and production runs
    as a service: it looks for new emails every `--interval` seconds, and a database
    that goes away (a restart, a failover) costs one log line and a wait, not the
    worker. Safe to run twice at once: each email is claimed by one sender (SELECT ...
    FOR UPDATE SKIP LOCKED on PostgreSQL; on SQLite writers are serialised by the
    database itself).
    """

    help = "Send queued emails from the outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, checking every --interval seconds."
        )
        parser.add_argument("--interval", type=float, default=2)

    def handle(self, *args, loop=False, interval=2, **options):
        database_down = False
        while True:
            try:
                sent, failed = self.send_due()
            except DatabaseError as error:
                if not loop:
                    raise
                if not database_down:
                    logger.error("send_outbox: the database is unavailable, retrying: %s", error)
                database_down = True
                with contextlib.suppress(DatabaseError):
                    connections.close_all()  # a fresh connection on the next round
            else:
                if database_down:
                    logger.warning("send_outbox: the database is back")
                database_down = False
                if sent or failed or not loop:
                    self.stdout.write(f"Sent {sent} email(s); {failed} failed and will be retried.")
            if not loop:
                return
            time.sleep(interval)

    def send_due(self):
        release_stuck()
        total_sent = total_failed = 0
        while True:
            sent, failed = send_queued()
            total_sent += sent
            total_failed += failed
            if sent + failed == 0:
                return total_sent, total_failed
