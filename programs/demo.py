"""The demo's home exercise program: knock knees, two weeks of plausible logs, one flag,
a word from the PT, and two questionnaires (NPRS and PSFS, every 2 weeks) answered at the
start and due again today.

Made only in demo mode (with the demo staff). Its logs are dated again on every run, so
the demo always shows the last two weeks; its link stays the same.
"""

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from core.site_address import absolute_url
from exercises.models import Exercise
from programs.models import (
    ExerciseLog,
    Program,
    ProgramExercise,
    ProgramMessage,
    ProgramQuestionnaire,
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireResponse,
)
from programs.progress import progress

LABEL = "Demo patient (A. P.)"
EXERCISES = [
    # slug, days a week, PT's note: the exercise's own default (strength exercises 3 days a
    # week with a rest day between, the balance exercise most days), so the program says
    # the same as the exercise and article pages.
    ("hip-hike", 3, ""),
    ("runners-march", 5, "Hold the counter with one hand at first."),
    ("wall-sit", 3, "Only slide down as far as it does not hurt."),
]
# Days ago each exercise was done, with the pain (0-10) and effort.
LOGS = {
    "hip-hike": [(13, 2), (11, 2), (8, 1), (6, 1), (4, 1), (1, 1)],
    "runners-march": [(13, 1), (12, 1), (10, 1), (8, 0), (6, 1), (5, 0), (3, 0), (1, 0)],
    "wall-sit": [(12, 2), (9, 3), (7, 3), (5, 3), (2, 7)],
}
MESSAGE = (
    "Your runner's march is going well. Your knee ached in the wall sit: this week, only "
    "slide down halfway, and hold for 15 seconds."
)
# The first round of each questionnaire, answered on the first day: (code, [(activity,
# value)]); the PSFS's activities are the patient's own words.
FIRST_ANSWERS = [
    ("nprs", [("", 5)]),
    ("psfs", [("Going down stairs", 4), ("Running 2 miles", 2), ("Kneeling in the garden", 3)]),
]


def seed(stdout):
    therapist = User.objects.filter(username="demo-pt").first()
    exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=[s for s, *_ in EXERCISES])}
    if therapist is None or len(exercises) != len(EXERCISES):
        return
    today = timezone.localdate()
    program, created = Program.objects.get_or_create(
        label=LABEL,
        defaults={
            "prescribed_by": therapist,
            "start_date": today - timedelta(days=14),
            "end_date": today + timedelta(weeks=4),
            "review_date": today + timedelta(weeks=1),
            "note": "Do these after your evening walk. Call us if your knee pain gets worse.",
        },
    )
    if created:
        for order, (slug, days, note) in enumerate(EXERCISES, start=1):
            ProgramExercise.objects.create(
                program=program,
                exercise=exercises[slug],
                order=order,
                days_per_week=days,
                note=note,
            )
    else:
        Program.objects.filter(pk=program.pk).update(
            start_date=today - timedelta(days=14),
            end_date=today + timedelta(weeks=4),
            review_date=today + timedelta(weeks=1),
            link_revoked_at=None,
            reviewed_at=None,
        )
    items = {item.exercise.slug: item for item in program.items.select_related("exercise")}
    program.logs.all().delete()
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            program=program,
            item=items[slug],
            exercise_id=items[slug].exercise_id,
            day=today - timedelta(days=days_ago),
            pain=pain,
            effort="hard" if pain >= 7 else "right",
            comment="My knee ached at the bottom." if pain >= 7 else "",
        )
        for slug, logs in LOGS.items()
        if slug in items
        for days_ago, pain in logs
    )
    # Its flags stored as a log would store them (the dashboard counts them), without the
    # email a real log would send its PT.
    open_kinds = {
        flag.kind for flag in progress(Program.objects.with_progress().get(pk=program.pk)).flags
    }
    Program.objects.filter(pk=program.pk).update(flags_emailed=",".join(sorted(open_kinds)))
    _seed_message_and_questionnaires(program, therapist, today)
    stdout.write(
        f"Demo home exercise program (the patient's link): {absolute_url(program.patient_url())}"
    )
    stdout.write("  The admin lists it under Home exercise programs, flagged for pain 7/10.")


def _seed_message_and_questionnaires(program, therapist, today):
    from programs.outcomes import score_if_complete

    start = today - timedelta(days=14)
    program.messages.all().delete()
    ProgramMessage.objects.create(
        program=program,
        text=MESSAGE,
        written_by=therapist,
        written_at=timezone.now() - timedelta(days=1),
    )
    program.questionnaires.all().delete()
    questionnaires = Questionnaire.objects.in_bulk(
        [code for code, _ in FIRST_ANSWERS], field_name="code"
    )
    for code, answers in FIRST_ANSWERS:
        if code not in questionnaires:
            continue
        questionnaire = questionnaires[code]
        assignment = ProgramQuestionnaire.objects.create(
            program=program, questionnaire=questionnaire, every_weeks=2, starts_on=start
        )
        response = QuestionnaireResponse.objects.create(
            assignment=assignment,
            due_on=start,
            started_at=timezone.now() - timedelta(days=14),
        )
        items = list(questionnaire.items.all())
        QuestionnaireAnswer.objects.bulk_create(
            QuestionnaireAnswer(
                response=response,
                position=number,
                item=None if activity else items[number - 1],
                activity=activity,
                value=value,
            )
            for number, (activity, value) in enumerate(answers, start=1)
        )
        score_if_complete(assignment, response)
        QuestionnaireResponse.objects.filter(pk=response.pk).update(
            completed_at=timezone.now() - timedelta(days=14)
        )
