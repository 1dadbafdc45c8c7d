"""Outcome questionnaires: given by the PT, filled in by the patient one question a
screen (saved as they go), scored, shown to the PT with the change against the MCID, and
exported as CSV and as validated FHIR."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from programs.models import ProgramQuestionnaire, Questionnaire, QuestionnaireResponse
from tests.factories import make_program

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_URL}programs/program/"


def give(program, code, every_weeks=2, starts_on=None):
    return ProgramQuestionnaire.objects.create(
        program=program,
        questionnaire=Questionnaire.objects.get(code=code),
        every_weeks=every_weeks,
        starts_on=starts_on or program.start_date,
    )


def page(client, program):
    return client.get(f"/my-program/{program.link_key}/").content.decode()


def fill(client, program, assignment, answers, activities=None):
    """Answer every screen as a patient would, following each redirect."""
    url = f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/"
    if activities is not None:
        data = {"position": "0"} | {f"activity-{n}": a for n, a in enumerate(activities, 1)}
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()
    for value in answers:
        screen = client.get(url).content.decode()
        position = screen.split('name="position" value="', 1)[1].split('"', 1)[0]
        response = client.post(url, {"position": position, "value": str(value)})
        assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def program(exercises):
    return make_program(exercises=exercises, start_date=timezone.localdate() - timedelta(days=14))


def test_a_due_nprs_is_offered_filled_in_and_scored(client, program):
    assignment = give(program, "nprs", starts_on=timezone.localdate())
    mine = page(client, program)
    assert "Questions for your physical therapist" in mine
    assert "Numeric Pain Rating Scale (NPRS)" in mine
    screen = client.get(f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/")
    text = screen.content.decode()
    assert "Question 1 of 1" in text and "<legend" in text
    assert text.count('type="radio" name="value"') == 11  # 0 to 10
    assert "0 = No pain" in text
    done = fill(client, program, assignment, [6])
    assert "Your answers are saved" in done
    response = QuestionnaireResponse.objects.get(assignment=assignment)
    assert response.score == Decimal("6.00") and response.completed_at
    assert "Questions for your physical therapist" not in page(client, program)  # done


def test_a_missing_or_impossible_answer_is_refused_and_nothing_is_scored(client, program):
    assignment = give(program, "lefs", starts_on=timezone.localdate())
    url = f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/"
    for value in ("", "5", "-1", "abc"):
        response = client.post(url, {"position": "1", "value": value})
        assert response.status_code == 400
        assert "Choose an answer from 0 to 4." in response.content.decode()
    assert not QuestionnaireResponse.objects.filter(score__isnull=False).exists()


def test_the_lefs_is_saved_as_the_patient_goes_and_resumes_where_they_stopped(client, program):
    assignment = give(program, "lefs", starts_on=timezone.localdate())
    url = f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/"
    for position in range(1, 6):
        assert client.post(url, {"position": str(position), "value": "3"}).status_code == 302
    screen = client.get(url).content.decode()  # they come back later
    assert "Question 6 of 20" in screen and "Squatting." in screen
    assert " checked" not in screen.split("Squatting.")[1].split("</fieldset>")[0]
    back = client.get(url + "?step=5").content.decode()
    assert 'id="value-3" checked' in back  # their answer, kept
    done = fill(client, program, assignment, [2] * 15)
    assert "Your answers are saved" in done
    assert QuestionnaireResponse.objects.get().score == Decimal(5 * 3 + 15 * 2)


def test_the_psfs_names_activities_first_then_rates_the_same_ones_each_time(client, program):
    assignment = give(program, "psfs", every_weeks=2)  # first due at the start, 14 days ago
    first_due = program.start_date
    url = f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/"
    # The first round was missed; this round (today) is the patient's first: name them.
    naming = client.get(url).content.decode()
    assert 'for="activity-1"' in naming and 'name="activity-3"' in naming
    refused = client.post(url, {"position": "0", "activity-1": "  ", "activity-2": ""})
    assert refused.status_code == 400 and "Write at least one activity." in refused.content.decode()
    fill(client, program, assignment, [3, 5], activities=["Going down stairs", "Kneeling", ""])
    first = QuestionnaireResponse.objects.get(assignment=assignment)
    assert first.due_on == first_due + timedelta(weeks=2)
    assert first.score == Decimal("4.00")  # the mean
    # Two weeks later: the same activities, rated again, no naming screen.
    QuestionnaireResponse.objects.filter(pk=first.pk).update(due_on=first_due)
    screen = client.get(url).content.decode()
    assert "Going down stairs" in screen and 'name="activity-1"' not in screen
    fill(client, program, assignment, [7, 6])
    second = QuestionnaireResponse.objects.exclude(pk=first.pk).get()
    assert second.score == Decimal("6.50")


def test_the_pt_sees_scores_change_against_the_mcid_with_a_chart_and_a_flag(client, pt, program):
    assignment = give(program, "nprs")
    start = program.start_date
    for weeks, score in ((0, 3), (2, 6)):
        QuestionnaireResponse.objects.create(
            assignment=assignment,
            due_on=start + timedelta(weeks=weeks),
            completed_at=timezone.now(),
            score=score,
        )
    change = client.get(f"{ADMIN}{program.pk}/change/").content.decode()
    assert "Numeric Pain Rating Scale (NPRS)" in change
    assert "+3" in change and "worse, by the MCID or more" in change
    assert "Worse than the first score by the MCID or more." in change
    assert '<svg class="outcome-chart" role="img"' in change and "<polyline" in change
    assert "Farrar et al. 2001" in change  # the MCID's source


def test_the_exports_are_a_csv_and_a_valid_fhir_bundle(client, pt, program):
    assignment = give(program, "nprs", starts_on=timezone.localdate())
    from django.test import Client

    fill(Client(), program, assignment, [4])
    csv_response = client.get(f"{ADMIN}{program.pk}/questionnaires.csv")
    assert csv_response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    assert rows[0]["questionnaire"] == "NPRS" and rows[0]["score"] == "4.00"
    assert "Pat D." not in csv_response.content.decode()  # the number, never the label

    fhir = client.get(f"{ADMIN}{program.pk}/questionnaires.fhir.json")
    assert fhir["Content-Type"].startswith("application/fhir+json")
    bundle = Bundle.model_validate_json(fhir.content)  # refuses an invalid resource
    resource = bundle.entry[0].resource
    assert resource.get_resource_type() == "QuestionnaireResponse"
    assert resource.status == "completed"
    answers = {item.linkId: item.answer[0] for item in resource.item}
    assert answers["1"].valueInteger == 4 and answers["score"].valueDecimal == Decimal("4.00")
    assert "Pat D." not in json.dumps(json.loads(fhir.content))


def test_the_front_desk_cannot_export_scores(client, program):
    from portal.roles import FRONT_DESK
    from tests.factories import make_staff

    client.force_login(make_staff("desk", group=FRONT_DESK))
    give(program, "nprs")
    assert client.get(f"{ADMIN}{program.pk}/questionnaires.csv").status_code == 403


def test_a_clinic_adds_its_own_questionnaire_without_code(client, pt):
    data = {
        "name": "Knee Outcome Survey (licensed)",
        "short_name": "KOS",
        "code": "kos",
        "language": "en",
        "is_active": "on",
        "instructions": "Rate each activity.",
        "scale_min": "0",
        "scale_max": "5",
        "answer_labels": "0 = Unable\n5 = No difficulty",
        "patient_names_items": "0",
        "scoring": "mean",
        "higher_is_better": "on",
        "minimal_important_change": "0.5",
        "source": "Our license, 2026.",
        "terms_of_use": "Licensed to the clinic.",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-order": "1",
        "items-0-text": "Walking",
        "items-1-order": "2",
        "items-1-text": "Stairs",
    }
    url = f"/{settings.ADMIN_URL}programs/questionnaire/add/"
    bad = client.post(url, data | {"answer_labels": "zero: Unable"})
    assert bad.status_code == 200 and "Write “number = label”" in bad.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    own = Questionnaire.objects.get(code="kos")
    assert [item.text for item in own.items.all()] == ["Walking", "Stairs"]
    assert own.labels() == {0: "Unable", 5: "No difficulty"}


def test_the_pt_gives_a_questionnaire_on_the_programs_page(client, pt, program):
    from tests.programs.test_prescribing import change_form

    lefs = Questionnaire.objects.get(code="lefs")
    data = change_form(program, label=program.label)
    data |= {
        "questionnaires-TOTAL_FORMS": "1",
        "questionnaires-0-questionnaire": str(lefs.pk),
        "questionnaires-0-every_weeks": "4",
        "questionnaires-0-starts_on": timezone.localdate().isoformat(),
        "questionnaires-0-program": str(program.pk),
    }
    response = client.post(f"{ADMIN}{program.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    assignment = program.questionnaires.get()
    assert (assignment.questionnaire, assignment.every_weeks) == (lefs, 4)
    assert "Lower Extremity Functional Scale (LEFS)" in page(client, program)


def test_rounds_fall_due_at_the_start_then_every_few_weeks_until_the_end(program):
    assignment = give(program, "nprs", every_weeks=4)
    start = program.start_date
    assert assignment.due_on(start - timedelta(days=1)) is None
    assert assignment.due_on(start + timedelta(days=27)) == start
    assert assignment.due_on(start + timedelta(days=28)) == start + timedelta(weeks=4)
    once = give(program, "lefs", every_weeks=0)
    assert once.due_on(start + timedelta(days=50)) == start
    assert once.due_on(program.end_date + timedelta(days=1)) is None  # ended


def test_erasing_the_program_erases_its_answers_messages_and_reminders(client, program):
    from programs.models import ProgramMessage, QuestionnaireAnswer, Reminders
    from programs.services import erase_program

    assignment = give(program, "nprs", starts_on=timezone.localdate())
    fill(client, program, assignment, [3])
    ProgramMessage.objects.create(program=program, text="Keep going.")
    Reminders.objects.create(program=program, email="p@example.com", days="MO", time="18:00",
                             time_zone="America/Chicago")  # fmt: skip
    erase_program(program)
    for model in (QuestionnaireResponse, QuestionnaireAnswer, ProgramMessage, Reminders):
        assert not model.objects.exists(), model
    assert Questionnaire.objects.filter(code="nprs").exists()  # the instrument stays


def test_a_score_worse_than_the_first_by_more_than_the_mcid_emails_the_pt_once(pt, exercises):
    from django.core import mail
    from django.test import Client

    from core.outbox import send_queued

    program = make_program(exercises=exercises, therapist=pt,
                           start_date=timezone.localdate() - timedelta(days=14))  # fmt: skip
    assignment = give(program, "nprs", every_weeks=2)
    QuestionnaireResponse.objects.create(
        assignment=assignment, due_on=program.start_date, completed_at=timezone.now(), score=2
    )
    fill(Client(), program, assignment, [5])  # 3 points worse: more than the MCID of 2
    send_queued()
    [email] = [e for e in mail.outbox if e.to == [pt.email]]
    assert f"program {program.pk}" in email.subject
    for secret in ("5", "NPRS", "pain", "Pat D."):
        assert secret not in email.subject + email.body.replace(str(program.pk), ""), secret


@pytest.mark.parametrize("value", ["--5", "²", "9" * 5000, "1.5", " 3"])
def test_odd_numbers_are_refused_with_a_clear_error_never_a_server_error(client, program, value):
    assignment = give(program, "nprs", starts_on=timezone.localdate())
    url = f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/"
    assert client.post(url, {"position": "1", "value": value}).status_code == 400
    assert client.post(url, {"position": value, "value": "3"}).status_code == 302  # start again
    assert client.get(url, {"step": value}).status_code == 200
    assert not QuestionnaireResponse.objects.filter(score__isnull=False).exists()


def test_an_answer_to_a_questionnaire_not_open_is_not_saved_and_says_so(client, program):
    later = give(program, "nprs", starts_on=timezone.localdate() + timedelta(days=3))
    url = f"/my-program/{program.link_key}/questionnaires/{later.pk}/"
    response = client.post(url, {"position": "1", "value": "3"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not saved" in page and "saved for your physical therapist" not in page
    assert not QuestionnaireResponse.objects.exists()
    # Nor once the program has ended.
    now = give(program, "lefs", starts_on=timezone.localdate())
    program.end_date = timezone.localdate() - timedelta(days=1)
    program.save()
    url = f"/my-program/{program.link_key}/questionnaires/{now.pk}/"
    assert client.post(url, {"position": "1", "value": "3"}).status_code == 409


def test_a_questionnaire_without_questions_is_not_offered(client, program):
    empty = Questionnaire.objects.create(name="Empty", short_name="E", code="empty",
                                         instructions="-", minimal_important_change=1)  # fmt: skip
    ProgramQuestionnaire.objects.create(program=program, questionnaire=empty)
    assert "Questions for your physical therapist" not in page(client, program)


def test_the_psfs_naming_screen_sent_again_keeps_the_ratings_given(client, program):
    assignment = give(program, "psfs", starts_on=timezone.localdate())
    url = f"/my-program/{program.link_key}/questionnaires/{assignment.pk}/"
    names = {"position": "0", "activity-1": "Stairs", "activity-2": "Kneeling"}
    client.post(url, names)
    client.post(url, {"position": "1", "value": "4"})
    client.post(url, names | {"activity-2": "Kneeling down"})  # Back, a word put right
    answers = {
        a.position: (a.activity, a.value) for a in QuestionnaireResponse.objects.get().answers.all()
    }
    assert answers == {1: ("Stairs", 4), 2: ("Kneeling down", None)}


def test_a_worse_score_needs_attention_until_the_pt_has_looked(client, pt, exercises):
    from django.test import Client

    from programs.models import Program
    from programs.services import mark_reviewed

    program = make_program(exercises=exercises, therapist=pt, logs=[(0, 0, 1, "right")],
                           start_date=timezone.localdate() - timedelta(days=14))  # fmt: skip
    assignment = give(program, "lefs", every_weeks=2)
    QuestionnaireResponse.objects.create(
        assignment=assignment, due_on=program.start_date, completed_at=timezone.now(), score=50
    )
    assert not Program.objects.needing_attention().filter(pk=program.pk).exists()
    fill(Client(), program, assignment, [2] * 20)  # 40: 10 points worse, the MCID is 9
    assert Program.objects.needing_attention().filter(pk=program.pk).exists()
    change = client.get(f"{ADMIN}{program.pk}/change/").content.decode()
    assert "Needs attention: LEFS worse than the first score by the MCID or more" in change
    mark_reviewed(Program.objects.get(pk=program.pk))
    assert not Program.objects.needing_attention().filter(pk=program.pk).exists()
