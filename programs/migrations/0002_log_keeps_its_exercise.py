"""A log names its exercise, and outlives the program's exercise being taken out; a
program's exercise may be one that was set to draft after it was chosen."""

import django.db.models.deletion
from django.db import migrations, models


def name_each_logs_exercise(apps, schema_editor):
    ExerciseLog = apps.get_model("programs", "ExerciseLog")
    ProgramExercise = apps.get_model("programs", "ProgramExercise")
    item = ProgramExercise.objects.filter(pk=models.OuterRef("item_id"))
    ExerciseLog.objects.update(exercise_id=models.Subquery(item.values("exercise_id")[:1]))


def drop_logs_of_exercises_taken_out(apps, schema_editor):
    """Backwards, a log needs its program's exercise again: the ones kept without are lost."""
    apps.get_model("programs", "ExerciseLog").objects.filter(item=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0007_checked_by"),
        ("programs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="exerciselog",
            name="exercise",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="exercises.exercise",
            ),
        ),
        migrations.RunPython(name_each_logs_exercise, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="exerciselog",
            name="exercise",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="exercises.exercise",
            ),
        ),
        migrations.AlterField(
            model_name="exerciselog",
            name="item",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="logs",
                to="programs.programexercise",
            ),
        ),
        migrations.AlterField(
            model_name="programexercise",
            name="exercise",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="exercises.exercise",
            ),
        ),
        migrations.RunPython(migrations.RunPython.noop, drop_logs_of_exercises_taken_out),
    ]
