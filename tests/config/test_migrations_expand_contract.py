"""Migrations since the last release only expand the schema, so the previous release's
code keeps working on it during a rolling upgrade (UPGRADING.md): a new column is
nullable or has a database default; nothing is removed or renamed. A release that
contracts (drops what the release before it stopped using) lists that here on purpose.
"""

from django.db import models
from django.db.migrations import operations
from django.db.migrations.loader import MigrationLoader

# The last migration of each app in the previous release (40f1798). Move these forward
# when a release ships.
RELEASED = {
    "core": "0005_site_brand",
    "clinic": "0008_history",
    "exercises": "0007_checked_by",
    "education": "0011_longer_citations",
    "questions": "0006_longer_citations",
    "programs": "0002_log_keeps_its_exercise",
    "search": "0002_linked_exercises",
    "config": "0001_home_page",
    "portal": None,  # an app of this release: every migration of it is new
}
# Contractions allowed in this release: (app, migration, operation description).
CONTRACTIONS = set()
DESTRUCTIVE = (
    operations.RemoveField,
    operations.DeleteModel,
    operations.RenameField,
    operations.RenameModel,
)


def _unreleased():
    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files, not the database
    released = set()
    for app, name in RELEASED.items():
        if name:
            released |= set(loader.graph.forwards_plan((app, name)))
    return [
        migration
        for key, migration in loader.graph.nodes.items()
        if key[0] in RELEASED and key not in released
    ]


def test_migrations_since_the_last_release_only_expand():
    problems = []
    for migration in _unreleased():
        for operation in migration.operations:
            where = (migration.app_label, migration.name, operation.describe())
            if isinstance(operation, DESTRUCTIVE) and where not in CONTRACTIONS:
                problems.append(where)
            if isinstance(operation, operations.AddField):
                field = operation.field
                if not (
                    field.null
                    or field.many_to_many
                    or field.has_db_default()
                    or isinstance(field, models.ManyToManyField)
                ):
                    problems.append((*where, "a NOT NULL column without db_default"))
    assert problems == []


def test_the_check_sees_this_releases_migrations():
    names = {(m.app_label, m.name) for m in _unreleased()}
    assert ("programs", "0003_flags_emailed") in names
    assert ("questions", "0007_answer_red_flags") in names
