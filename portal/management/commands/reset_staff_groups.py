from django.core.management.base import BaseCommand

from portal.roles import GROUP_PERMISSIONS, reset_groups


class Command(BaseCommand):
    help = (
        "Set the staff groups (Physical therapists, Front desk) back to exactly the "
        "permissions the site gives them, removing any an administrator added."
    )

    def handle(self, *args, **options):
        reset_groups()
        self.stdout.write(f"Reset: {', '.join(GROUP_PERMISSIONS)}.")
