"""The staff groups every install has, and what each may do in the admin.

`migrate` creates a missing group with all of its permissions, and gives an existing
group the permissions of models that this `migrate` created (see ProjectConfig.ready), so
a new model reaches the groups without a manual step. It never takes a permission away,
nor gives back one an administrator took away: the groups are the clinic's to change.
`manage.py reset_staff_groups` sets them back to exactly what is listed here.
"""

from django.contrib.auth.models import Group, Permission

from clinic.models import AppointmentRequest, BodyRegion, Clinic, OpeningHours, Therapist
from education.models import Article, Condition, ExerciseCaution, KeyPoint, Reference
from exercises.models import Equipment, Exercise, ExerciseStep
from portal.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
from programs.models import (
    ExerciseLog,
    Program,
    ProgramExercise,
    ProgramMessage,
    ProgramQuestionnaire,
    Questionnaire,
    QuestionnaireItem,
    ReviewTime,
)
from questions.models import AnswerReference, Question
from search.models import SearchSynonym

PHYSICAL_THERAPISTS = "Physical therapists"
FRONT_DESK = "Front desk"


def _permission(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _crud(*models):
    return [
        _permission(model, action)
        for model in models
        for action in ("view", "add", "change", "delete")
    ]


GROUP_PERMISSIONS = {
    PHYSICAL_THERAPISTS: [
        _permission(BodyRegion, "view"),
        _permission(Therapist, "view"),
        *_crud(Condition, Article, Reference, KeyPoint, ExerciseCaution, SearchSynonym),
        *_crud(Exercise, ExerciseStep, Equipment),
        # What the home page features, in which order.
        _permission(HomePage, "view"),
        _permission(HomePage, "change"),
        *_crud(FeaturedArticle, FeaturedExercise, FeaturedAnswer),
        # Questions: view, assign, answer and publish; never delete.
        _permission(Question, "view"),
        _permission(Question, "change"),
        _permission(Question, "publish"),
        *_crud(AnswerReference),
        # Home exercise programs: only PTs see, prescribe and export them.
        *_crud(Program, ProgramExercise),
        _permission(Program, "export"),
        _permission(ExerciseLog, "view"),
        # A word to the patient: written and taken back, never changed once sent.
        *(_permission(ProgramMessage, action) for action in ("view", "add", "delete")),
        # Outcome questionnaires: given to programs, and a clinic's own added.
        *_crud(ProgramQuestionnaire, Questionnaire, QuestionnaireItem),
        # Minutes spent reviewing, for the monthly remote-monitoring record.
        *_crud(ReviewTime),
    ],
    FRONT_DESK: [
        _permission(Clinic, "view"),
        _permission(OpeningHours, "view"),
        _permission(AppointmentRequest, "view"),
        _permission(AppointmentRequest, "change"),
    ],
}


def _wanted_permissions(using):
    wanted = {perm for perms in GROUP_PERMISSIONS.values() for perm in perms}
    return {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
        if f"{p.content_type.app_label}.{p.codename}" in wanted
    }


def sync_groups(*, new_permissions=frozenset(), using="default"):
    """Create each missing staff group with all its permissions; to an existing group,
    add only its permissions whose ids are in `new_permissions` (those a migrate has
    just created). Nothing is ever removed."""
    by_name = _wanted_permissions(using)
    for group_name, perms in GROUP_PERMISSIONS.items():
        group, created = Group.objects.using(using).get_or_create(name=group_name)
        ours = [by_name[p] for p in perms if p in by_name]
        group.permissions.add(*(ours if created else [p for p in ours if p.pk in new_permissions]))


def reset_groups(using="default"):
    """Set every staff group to exactly its permissions here (`reset_staff_groups`)."""
    by_name = _wanted_permissions(using)
    for group_name, perms in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        group.permissions.set([by_name[p] for p in perms if p in by_name])


def existing_permission_ids(using="default"):
    """The ids of the permissions in the database now (none before the first migrate)."""
    from django.db import connections

    if Permission._meta.db_table not in connections[using].introspection.table_names():
        return frozenset()
    return frozenset(Permission.objects.using(using).values_list("pk", flat=True))
