import time

from django.core.management.base import BaseCommand

from core.outbox import release_stuck, send_queued


class Command(BaseCommand):
    """Send every due email in the outbox, retrying failures with backoff.

    Safe from cron or in a loop, and safe to run twice at once: each email is
    claimed by one sender (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL; on
    SQLite writers are serialised by the database itself).
    """

    help = "Send queued emails from the outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, checking every --interval seconds."
        )
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args, loop=False, interval=30, **options):
        while True:
            release_stuck()
            total_sent = total_failed = 0
            while True:
                sent, failed = send_queued()
                total_sent += sent
                total_failed += failed
                if sent + failed == 0:
                    break
            self.stdout.write(
                f"Sent {total_sent} email(s); {total_failed} failed and will be retried."
            )
            if not loop:
                return
            time.sleep(interval)
