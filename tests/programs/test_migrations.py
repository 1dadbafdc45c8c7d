"""A database made before a log named its exercise migrates forward with nothing lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from programs.models import Program
from tests.factories import make_exercise, make_program

BEFORE = [("programs", "0001_initial")]
AFTER = [("programs", "0002_log_keeps_its_exercise")]


@pytest.mark.django_db(transaction=True)
def test_each_log_gets_its_exercise_and_going_back_keeps_the_rest():
    program = make_program(exercises=[make_exercise(name="Hip hike"), make_exercise(name="Sit")])
    first, second = program.items.all()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("programs", "ExerciseLog")
        old.objects.create(program_id=program.pk, item_id=first.pk, day="2026-11-20", pain=2)
        old.objects.create(program_id=program.pk, item_id=second.pk, day="2026-11-20", pain=5)
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps.get_model("programs", "ExerciseLog")
        pairs = {(log.item_id, log.exercise_id) for log in new.objects.all()}
        assert pairs == {(first.pk, first.exercise_id), (second.pk, second.exercise_id)}
        # Back again: a log whose exercise was taken out cannot stay; the others do.
        new.objects.filter(item_id=second.pk).update(item_id=None)
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("programs", "ExerciseLog")
        assert list(old.objects.values_list("item_id", "pain")) == [(first.pk, 2)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Program.objects.count() == 1
