"""The staff groups every install has, and what each may do in the admin.

Kept in sync after every `migrate` (see ProjectConfig.ready), so a new model's
permissions reach the groups without a manual step.
"""

from django.contrib.auth.models import Group, Permission

from clinic.models import AppointmentRequest, BodyRegion, Clinic, OpeningHours, Therapist
from config.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
from education.models import Article, Condition, ExerciseCaution, KeyPoint, Reference
from exercises.models import Equipment, Exercise, ExerciseStep
from programs.models import ExerciseLog, Program, ProgramExercise
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
    ],
    FRONT_DESK: [
        _permission(Clinic, "view"),
        _permission(OpeningHours, "view"),
        _permission(AppointmentRequest, "view"),
        _permission(AppointmentRequest, "change"),
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
