"""The staff groups every install has, and what each may do in the admin.

Kept in sync after every `migrate` (see ClinicConfig.ready), so a new model's
permissions reach the groups without a manual step. Permissions are named as
"app_label.codename" strings: this module imports no other app.
"""

from django.contrib.auth.models import Group, Permission

PHYSICAL_THERAPISTS = "Physical therapists"
FRONT_DESK = "Front desk"


def _crud(model, *, delete=True):
    actions = ["view", "add", "change"] + (["delete"] if delete else [])
    app_label, name = model.split(".")
    return [f"{app_label}.{action}_{name}" for action in actions]


GROUP_PERMISSIONS = {
    PHYSICAL_THERAPISTS: [
        "clinic.view_bodyregion",
        "clinic.view_therapist",
        *_crud("education.condition"),
        *_crud("education.article"),
        *_crud("education.reference"),
        *_crud("education.keypoint"),
        *_crud("education.searchsynonym"),
        *_crud("exercises.exercise"),
        *_crud("exercises.exercisestep"),
        *_crud("exercises.equipment"),
        # Questions: view, assign, answer and publish; never delete.
        "education.view_question",
        "education.change_question",
        "education.publish_question",
    ],
    FRONT_DESK: [
        "clinic.view_clinic",
        "clinic.view_openinghours",
        "clinic.view_appointmentrequest",
        "clinic.change_appointmentrequest",
    ],
}


def sync_groups():
    """Create the staff groups and give them exactly their permissions."""
    wanted = {perm for perms in GROUP_PERMISSIONS.values() for perm in perms}
    by_name = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    }
    for group_name, perms in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set([by_name[p] for p in perms if p in by_name])
