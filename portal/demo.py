"""The demo staff accounts, one per staff group, with generated passwords."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django_otp import user_has_device

from portal.invitations import invitation_url
from portal.roles import FRONT_DESK, PHYSICAL_THERAPISTS

# Generated passwords are kept here (git-ignored) so a second run can print them again.
CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".demo-credentials"

DEMO_USERS = [
    # username, first name, last name, superuser, group
    ("demo-admin", "Demo", "Administrator", True, None),
    ("demo-pt", "Maya", "Okafor", False, PHYSICAL_THERAPISTS),
    ("demo-pt2", "Daniel", "Reyes", False, PHYSICAL_THERAPISTS),
    ("demo-frontdesk", "Jordan", "Lee", False, FRONT_DESK),
]


def _stored_credentials():
    if not CREDENTIALS_FILE.exists():
        return {}
    pairs = (
        line.split(" ", 1) for line in CREDENTIALS_FILE.read_text().splitlines() if " " in line
    )
    return dict(pairs)


def seed_demo_users(stdout):
    """Create the demo staff accounts with generated passwords; print them."""
    stored = _stored_credentials()
    for username, first, last, superuser, group_name in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                email=f"{username}@example.com",
                password=password,
                first_name=first,
                last_name=last,
                is_staff=True,
                is_superuser=superuser,
            )
            stored[username] = password
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
    CREDENTIALS_FILE.write_text("".join(f"{u} {p}\n" for u, p in stored.items()))
    CREDENTIALS_FILE.chmod(0o600)
    if settings.STAFF_TWO_FACTOR:
        # As for a real colleague: an invitation link to choose a password and set up the
        # authenticator; a password alone never sets one up.
        stdout.write(
            "Demo staff accounts: open an account's invitation link to choose its password "
            "and set up an authenticator app (scan the QR code, or type the key into a "
            f"password manager); then sign in at {settings.SITE_URL}/{settings.ADMIN_URL}"
        )
        for username, *_ in DEMO_USERS:
            user = User.objects.get(username=username)
            if user_has_device(user):
                stdout.write(f"  {username:16} set up already: sign in")
            else:
                stdout.write(f"  {username:16} {settings.SITE_URL}{invitation_url(user)}")
        return
    stdout.write(f"Demo staff accounts (sign in at /{settings.ADMIN_URL}):")
    for username, *_ in DEMO_USERS:
        password = stored.get(username, "(set before; reset with manage.py changepassword)")
        stdout.write(f"  {username:16} {password}")


# The demo's home page: knock knees first, as a clinic would feature its own focus.
HOME_ARTICLES = ["knock-knees", "runners-knee", "heel-pain"]
HOME_EXERCISES = ["hip-hike", "runners-march", "wall-sit", "clamshell"]
HOME_ANSWERS = ["why-do-my-knees-turn-in-and-hurt", "my-hip-drops-when-i-walk"]


def seed_home_page(stdout):
    """Feature the knock-knees content on the home page, unless staff chose already."""
    from education.models import Article
    from exercises.models import Exercise
    from portal.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
    from questions.models import Question

    home = HomePage.get_solo()
    if any(m.objects.exists() for m in (FeaturedArticle, FeaturedExercise, FeaturedAnswer)):
        return
    for model, field, source, slugs in (
        (FeaturedArticle, "article", Article, HOME_ARTICLES),
        (FeaturedExercise, "exercise", Exercise, HOME_EXERCISES),
        (FeaturedAnswer, "question", Question, HOME_ANSWERS),
    ):
        by_slug = source.objects.in_bulk(slugs, field_name="slug")
        model.objects.bulk_create(
            model(home=home, order=order, **{field: by_slug[slug]})
            for order, slug in enumerate(slugs, start=1)
            if slug in by_slug
        )
    stdout.write("Home page: the knock-knees content is featured (Home page, in the admin).")
