from django.conf import settings
from django.core.management.base import BaseCommand

from clinic.services import erase_old_appointment_requests
from core import audit, outbox
from core.models import AccessRecord
from programs.models import Program
from programs.reminders import forget_unused
from programs.services import erase_program
from questions.services import erase_personal_data, questions_past_retention


class Command(BaseCommand):
    """Erase askers', booking patients' and home exercise patients' personal data once the
    retention period has passed.

    For every question closed more than PERSONAL_DATA_RETENTION_DAYS ago: the name and
    email are erased, and the original text too unless the question was published
    (the public page shows only the edited public text). Run it daily from cron.
    """

    help = "Erase personal data (questions, bookings, home exercise programs) after the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be erased; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        due = list(questions_past_retention())
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if dry_run:
            self.stdout.write(
                f"Would erase personal data from {len(due)} question(s) closed over {days} days "
                f"ago and {Program.objects.past_retention().count()} home exercise program(s) "
                "that ended over that long ago."
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
        programs = list(Program.objects.past_retention())
        for program in programs:
            audit.record(None, AccessRecord.Action.ERASE, program, detail="retention period over")
            erase_program(program)  # the label, the email and every log with it
        self.stdout.write(
            f"Erased {len(programs)} home exercise program(s) (with their logs) that ended "
            f"over {days} days ago."
        )
        addresses = forget_unused()
        self.stdout.write(
            f"Erased {addresses} reminder address(es): never confirmed within a week, or "
            "their program has ended."
        )
        emails = outbox.forget_older_than(days)
        self.stdout.write(
            f"Erased the address and text of {emails} email(s) older than {days} days."
        )
