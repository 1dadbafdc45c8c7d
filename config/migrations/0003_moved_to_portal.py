"""The home page's choices and the staff invitations now belong to the portal app
(portal/migrations/0001_from_config). Nothing changes in the database: the tables keep
their names (db_table), and the models' content types are renamed, so that their
permissions (and the staff groups holding them) and the admin's log stay theirs."""

from django.db import migrations

MODELS = ["homepage", "featuredarticle", "featuredexercise", "featuredanswer", "staffinvitation"]


def rename_content_types(apps, schema_editor, old="config", new="portal"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        # A content type the new app already has (none, unless migrate ran half-way) wins.
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def rename_back(apps, schema_editor):
    rename_content_types(apps, schema_editor, old="portal", new="config")


class Migration(migrations.Migration):
    dependencies = [
        ("config", "0002_staff_invitations"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel("FeaturedAnswer"),
                migrations.DeleteModel("FeaturedArticle"),
                migrations.DeleteModel("FeaturedExercise"),
                migrations.DeleteModel("StaffInvitation"),
                migrations.DeleteModel("HomePage"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, rename_back, elidable=False),
    ]
