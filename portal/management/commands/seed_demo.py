from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from clinic import demo as clinic_demo
from education import demo as education_demo
from exercises import demo as exercises_demo
from portal import demo as portal_demo
from portal.roles import sync_groups
from programs import demo as programs_demo
from questions import demo as questions_demo
from search import demo as search_demo
from search.indexing import rebuild_index


class Command(BaseCommand):
    """Load the demo content: regions, clinics, therapists, articles, exercises, questions.

    Idempotent: a second run changes nothing. Demo staff accounts (with generated
    passwords, printed at the end) are made only in demo mode: DEBUG on, or --users.
    """

    help = "Load the demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--users", action="store_true", help="Create demo staff accounts even with DEBUG off."
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Never create demo staff accounts."
        )

    def handle(self, *args, users=False, no_users=False, **options):
        with_users = (settings.DEBUG or users) and not no_users
        with transaction.atomic():
            sync_groups()
            if with_users:
                portal_demo.seed_demo_users(self.stdout)
            clinic_demo.seed(self.stdout)
            exercises_demo.seed(self.stdout)
            education_demo.seed(self.stdout)
            questions_demo.seed(self.stdout)
            search_demo.seed(self.stdout)
            portal_demo.seed_home_page(self.stdout)
            if with_users:  # a made-up patient's program, with the demo PT's name on it
                programs_demo.seed(self.stdout)
            # Last, after every app's content: bulk-created rows (key points) send no signals.
            rebuild_index()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
