"""A database made while the home page's choices and the staff invitations were the
config app's migrates to the portal app with nothing lost: the rows, the staff groups'
permissions on them and the admin's log of their changes."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.models import FeaturedArticle, HomePage, StaffInvitation
from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import make_article, make_staff

BEFORE = [("config", "0002_staff_invitations")]


@pytest.mark.django_db(transaction=True)
def test_the_rows_permissions_and_log_move_with_their_models():
    article = make_article()
    user = make_staff("maya")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        home = old.get_model("config", "HomePage").objects.create(pk=1)
        old.get_model("config", "FeaturedArticle").objects.create(
            home=home, article_id=article.pk, order=1
        )
        old.get_model("config", "StaffInvitation").objects.create(
            user_id=user.pk, key_digest="d" * 64
        )
        content_type = ContentType.objects.get(app_label="config", model="homepage")
        change = Permission.objects.get(content_type=content_type, codename="change_homepage")
        Group.objects.get(name=PHYSICAL_THERAPISTS).permissions.add(change)
        LogEntry.objects.create(
            user_id=user.pk, content_type=content_type, object_id="1", object_repr="Home page",
            action_flag=2,
        )  # fmt: skip
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    assert [f.article_id for f in FeaturedArticle.objects.filter(home=HomePage.get_solo())] == [
        article.pk
    ]
    assert StaffInvitation.objects.get().user == user
    moved = ContentType.objects.get_for_model(HomePage)
    assert moved.app_label == "portal"
    assert not ContentType.objects.filter(app_label="config").exists()
    assert (
        Group.objects.get(name=PHYSICAL_THERAPISTS)
        .permissions.filter(content_type=moved, codename="change_homepage")
        .exists()
    )
    assert LogEntry.objects.get().content_type == moved
