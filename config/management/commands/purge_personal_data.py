from django.conf import settings
from django.core.management.base import BaseCommand

from clinic.services import erase_old_appointment_requests
from core import audit
from core.models import AccessRecord
from questions.services import erase_personal_data, questions_past_retention


class Command(BaseCommand):
    """Erase askers' and booking patients' personal data once the retention period has passed.

    For every question closed more than PERSONAL_DATA_RETENTION_DAYS ago: the name and
    email are erased, and the original text too unless the question was published
    (the public page shows only the edited public text). Run it daily from cron.
    """

    help = "Erase askers' names and emails after the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        due = list(questions_past_retention())
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if dry_run:
            self.stdout.write(
                f"Would erase personal data from {len(due)} question(s) closed over {days} days ago."
            )
            return
        texts = 0
        for question in due:
            if question.status != question.Status.PUBLISHED:
                texts += 1
            erase_personal_data(question)
            audit.record(None, AccessRecord.Action.ERASE, question, detail="retention period over")
        self.stdout.write(
            f"Erased the name and email from {len(due)} question(s) closed over {days} days ago "
            f"(and the original text from {texts} that were not published)."
        )
        requests = erase_old_appointment_requests()
        self.stdout.write(
            f"Erased the contact details from {requests} appointment request(s) finished "
            f"over {days} days ago."
        )
