"""Outcome questionnaires on a home exercise program: what is due, the patient's answers
saved one at a time, the score, and the change the PT reads against the instrument's
minimal clinically important difference (MCID).

A questionnaire's round is due on its first day (the start) and every 2 or 4 weeks after
(ProgramQuestionnaire.due_on); a round missed is not asked later, the next one is. The
PSFS asks the patient to name up to 3 activities the first time, and rates the same ones
each time after, as its authors describe.
"""

import re
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse as FhirResponse

from programs.models import (
    Program,
    ProgramQuestionnaire,
    QuestionnaireAnswer,
    QuestionnaireResponse,
)
from programs.progress import worse_by_the_mcid
from programs.services import tell_about_new_flags

NAME_STEP = 0  # the PSFS's first screen: name the activities
_SMALL_NUMBER = re.compile(r"-?[0-9]{1,4}")


def small_number(text):
    """The integer a form sent ("7", "-1"), or None for anything else ("", "²", "--5",
    5000 digits)."""
    return int(text) if _SMALL_NUMBER.fullmatch(text or "") else None


@dataclass
class Step:
    position: int  # 1, 2, ...; NAME_STEP for naming the activities
    text: str
    answer: int | None = None


def assignments_with_responses(program):
    """The program's questionnaires with their questions and every response's answers
    (three queries, whatever their number)."""
    return list(
        ProgramQuestionnaire.objects.filter(program=program)
        .select_related("questionnaire")
        .annotate(question_count=Count("questionnaire__items"))
        .prefetch_related(
            "questionnaire__items",
            Prefetch(
                "responses",
                queryset=QuestionnaireResponse.objects.prefetch_related("answers"),
            ),
        )
    )


def assignments_with_rounds(program):
    """The program's questionnaires with their rounds, enough to say which are due (two
    queries, for the patient's page)."""
    return list(
        ProgramQuestionnaire.objects.filter(program=program)
        .select_related("questionnaire")
        .annotate(question_count=Count("questionnaire__items"))
        .prefetch_related("responses")
    )


def due(assignments, program, today=None):
    """[(assignment, due_on)] of the rounds due today and not yet complete."""
    today = today or timezone.localdate()
    waiting = []
    if not program.is_running(today):
        return []
    for assignment in assignments:
        assignment.program = program
        due_on = assignment.due_on(today)
        if due_on is None or not assignment.has_questions:
            continue
        done = any(r.due_on == due_on and r.completed_at for r in assignment.responses.all())
        if not done:
            waiting.append((assignment, due_on))
    return waiting


def named_activities(assignment):
    """The activities the patient named in their first complete PSFS: [(position, text)]."""
    for response in assignment.responses.all():
        if response.completed_at:
            return [(a.position, a.activity) for a in response.answers.all() if a.activity]
    return []


def steps(assignment, response):
    """The screens of this round, with the answers saved so far."""
    questionnaire = assignment.questionnaire
    answers = {a.position: a for a in response.answers.all()} if response else {}
    if questionnaire.patient_names_items:
        activities = named_activities(assignment) or [
            (a.position, a.activity) for a in answers.values() if a.activity
        ]
        # The naming screen counts as answered once activities are named.
        first = (
            [] if named_activities(assignment) else [Step(NAME_STEP, "", len(activities) or None)]
        )
        return first + [
            Step(position, text, getattr(answers.get(position), "value", None))
            for position, text in activities
        ]
    return [
        Step(number, item.text, getattr(answers.get(number), "value", None))
        for number, item in enumerate(questionnaire.items.all(), start=1)
    ]


def round_response(assignment, due_on, *, create=False):
    """This round's response (started the first time an answer is saved)."""
    for response in assignment.responses.all():
        if response.due_on == due_on:
            return response
    if not create:
        return None
    try:
        with transaction.atomic():
            return QuestionnaireResponse.objects.create(assignment=assignment, due_on=due_on)
    except IntegrityError:  # the same round started in another tab a moment ago
        return QuestionnaireResponse.objects.get(assignment=assignment, due_on=due_on)


def save_activities(assignment, response, activities):
    """The PSFS's first screen: the activities named (1 to its number), each to rate. Sent
    again (Back, or a double tap), an activity kept keeps its rating."""
    with transaction.atomic():
        # One at a time for this round: a double tap waits, then changes nothing more.
        QuestionnaireResponse.objects.select_for_update().filter(pk=response.pk).first()
        kept = {a.position: a for a in QuestionnaireAnswer.objects.filter(response=response)}
        for position, text in enumerate(activities, start=1):
            answer = kept.pop(position, None)
            if answer is None:
                QuestionnaireAnswer.objects.create(
                    response=response, position=position, activity=text, value=None
                )
            elif answer.activity != text:
                answer.activity, answer.value = text, None
                answer.save(update_fields=["activity", "value"])
        QuestionnaireAnswer.objects.filter(pk__in=[a.pk for a in kept.values()]).delete()


def save_answer(assignment, response, position, value):
    """One answer (saved as the patient goes); the round is scored when it is complete."""
    questionnaire = assignment.questionnaire
    item = None
    if not questionnaire.patient_names_items:
        item = list(questionnaire.items.all())[position - 1]
    with transaction.atomic():
        QuestionnaireAnswer.objects.update_or_create(
            response=response,
            position=position,
            defaults={"value": value, "item": item}
            | (
                {"activity": dict(named_activities(assignment)).get(position, "")}
                if questionnaire.patient_names_items and named_activities(assignment)
                else {}
            ),
        )
        return score_if_complete(assignment, response)


def score_if_complete(assignment, response):
    """Score the round when every step has an answer: the sum or the mean. Returns the
    score, or None while answers are missing."""
    response = QuestionnaireResponse.objects.prefetch_related("answers").get(pk=response.pk)
    values = [step.answer for step in steps(assignment, response) if step.position != NAME_STEP]
    if not values or any(value is None for value in values):
        return None
    questionnaire = assignment.questionnaire
    total = Decimal(sum(values))
    score = total if questionnaire.scoring == "sum" else total / len(values)
    score = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    QuestionnaireResponse.objects.filter(pk=response.pk).update(
        score=score, completed_at=response.completed_at or timezone.now()
    )
    if response.completed_at is None:
        # A score worse than the first by the MCID is a flag (programs.progress): the PT
        # is emailed once, and the program is listed as needing attention.
        program = (
            Program.objects.select_related("prescribed_by")
            .with_progress()
            .get(pk=assignment.program_id)
        )
        tell_about_new_flags(program)
    return score


@dataclass
class Row:
    due_on: object
    completed_at: object
    score: Decimal
    change: Decimal | None  # since the first score, in the instrument's direction of better
    meaningful: bool  # the change is at least the MCID
    worse: bool  # worse than the first by the MCID or more


def scores(assignment):
    """The complete rounds of one questionnaire, oldest first, each with its change."""
    questionnaire = assignment.questionnaire
    mcid = questionnaire.minimal_important_change
    rows, first = [], None
    for response in sorted(assignment.responses.all(), key=lambda r: r.due_on):
        if response.score is None:
            continue
        if first is None:
            first = response.score
            rows.append(
                Row(response.due_on, response.completed_at, response.score, None, False, False)
            )
            continue
        change = response.score - first
        rows.append(
            Row(
                response.due_on,
                response.completed_at,
                response.score,
                change,
                abs(change) >= mcid,
                worse_by_the_mcid(questionnaire, first, response.score),
            )
        )
    return rows


def chart_points(assignment, rows, width=240, height=60, pad=6):
    """SVG polyline points for the scores over the instrument's whole range."""
    low, high = assignment.questionnaire.score_range
    span = (high - low) or 1
    count = len(rows)
    points = []
    for n, row in enumerate(rows):
        x = pad + (width - 2 * pad) * (n / (count - 1) if count > 1 else 0.5)
        y = pad + (height - 2 * pad) * (1 - (float(row.score) - low) / span)
        points.append((round(x, 1), round(y, 1)))
    return points


def fhir_bundle(program):
    """The program's completed questionnaires as FHIR R4B QuestionnaireResponse resources
    in a collection Bundle (JSON), each validated by fhir.resources as it is built. The
    subject is the program's number, never the patient's label (as the CSV exports)."""
    base = settings.SITE_URL.rstrip("/")
    entries = []
    for assignment in assignments_with_responses(program):
        questionnaire = assignment.questionnaire
        for response in assignment.responses.all():
            if response.completed_at is None:
                continue
            items = [
                {
                    "linkId": str(answer.position),
                    "text": answer.activity or (answer.item.text if answer.item else ""),
                    "answer": [{"valueInteger": answer.value}],
                }
                for answer in response.answers.all()
                if answer.value is not None
            ]
            items.append(
                {
                    "linkId": "score",
                    "text": f"{questionnaire.short_name} score ({questionnaire.get_scoring_display().lower()})",
                    "answer": [{"valueDecimal": response.score}],
                }
            )
            resource = FhirResponse.model_validate(
                {
                    "resourceType": "QuestionnaireResponse",
                    "id": f"program-{program.pk}-response-{response.pk}",
                    "identifier": {
                        "system": f"{base}/questionnaire-responses",
                        "value": str(response.pk),
                    },
                    "questionnaire": f"{base}/fhir/Questionnaire/{questionnaire.code}",
                    "status": "completed",
                    "subject": {
                        "identifier": {"system": f"{base}/programs", "value": str(program.pk)},
                        "display": f"Home exercise program {program.pk}",
                    },
                    "authored": response.completed_at.isoformat(),
                    "item": items,
                }
            )
            entries.append(
                {"fullUrl": f"urn:uuid:{_uuid(program, response)}", "resource": resource}
            )
    bundle = Bundle.model_validate(
        {"resourceType": "Bundle", "type": "collection", "entry": entries or None}
    )
    return bundle.model_dump_json(indent=2)


def _uuid(program, response):
    return uuid.uuid5(uuid.NAMESPACE_URL, f"program/{program.pk}/response/{response.pk}")
