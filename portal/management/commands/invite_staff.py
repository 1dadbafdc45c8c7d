"""Print an invitation link for a staff account: how the first administrator (made
with createsuperuser) sets a password and an authenticator. Later colleagues are
invited from the admin (Users › "Invite")."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import user_has_device

from portal.invitations import invitation_url


class Command(BaseCommand):
    help = "Print a one-time link with which a staff account sets its password and authenticator."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active or not user.is_staff:
            raise CommandError(f"No active staff account {username!r}.")
        if user_has_device(user):
            raise CommandError(
                f"{username} has an authenticator already. For a lost phone, delete its device "
                "in the admin (or with the shell), then run this again."
            )
        self.stdout.write(
            f"Give this link to {username} only; it works once, for "
            f"{settings.STAFF_INVITATION_DAYS} days:\n{settings.SITE_URL}{invitation_url(user)}"
        )
