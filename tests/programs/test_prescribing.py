"""The PT's side: prescribing in the admin, adherence, flags, the link, copies, erasure."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import AccessRecord
from core.outbox import send_queued
from portal.roles import FRONT_DESK
from programs.models import ExerciseLog, Program
from programs.progress import flags, progress
from tests.factories import make_article, make_exercise, make_program, make_staff
from tests.words import has_word

pytestmark = pytest.mark.django_db

ADMIN = "/admin/programs/program/"


def program_form(exercises, **fields):
    data = {
        "label": "Jo K.",
        "email": "",
        "language": "en",
        "prescribed_by": "",
        "start_date": timezone.localdate().isoformat(),
        "end_date": (timezone.localdate() + timedelta(weeks=4)).isoformat(),
        "review_date": "",
        "note": "Do these after your walk.",
        "items-TOTAL_FORMS": str(len(exercises)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        # No message to the patient, no questionnaire.
        "messages-TOTAL_FORMS": "0",
        "messages-INITIAL_FORMS": "0",
        "questionnaires-TOTAL_FORMS": "0",
        "questionnaires-INITIAL_FORMS": "0",
        "review_times-TOTAL_FORMS": "0",
        "review_times-INITIAL_FORMS": "0",
    }
    for n, (exercise, dose) in enumerate(exercises):
        data |= {
            f"items-{n}-order": str(n + 1),
            f"items-{n}-exercise": str(exercise.pk),
            **{f"items-{n}-{field}": str(value) for field, value in dose.items()},
        }
    data.update(fields)
    return data


def test_a_pt_prescribes_a_program_with_its_own_doses(client, pt, exercises):
    data = program_form([(exercises[0], {"sets": 3, "reps": 8}), (exercises[2], {})])
    data["prescribed_by"] = str(pt.pk)
    response = client.post(f"{ADMIN}add/", data)
    assert response.status_code == 302, response.context["errors"]
    program = Program.objects.get()
    assert (program.label, program.prescribed_by) == ("Jo K.", pt)
    first, second = program.items.all()
    assert [line[1] for line in first.dose()][:2] == ["3 sets", "8 times in each set"]
    assert second.dose() == exercises[2].dose()  # empty boxes: the exercise's own dose
    # The change page gives the link, its QR code and the printout.
    page = client.get(f"{ADMIN}{program.pk}/change/").content.decode()
    assert f"/my-program/{program.link_key}/" in page
    assert 'class="qr-code"' in page
    assert AccessRecord.objects.filter(action="add", object_label=f"program {program.pk}").exists()


def test_a_program_cannot_end_before_it_starts(client, pt, exercises):
    data = program_form([(exercises[0], {})], end_date="2020-01-01")
    response = client.post(f"{ADMIN}add/", data)
    assert response.status_code == 200
    assert "The program must end on or after its start." in response.content.decode()
    assert not Program.objects.exists()


def test_a_program_starts_from_an_articles_exercises_in_one_click(client, pt, exercises):
    article = make_article(title="Knock knees")
    article.exercises.set(exercises[:2])
    page = client.get(f"{ADMIN}add/?article={article.pk}").content.decode()
    assert f'name="items-0-exercise" value="{exercises[0].pk}"' in page or (
        f'<option value="{exercises[0].pk}" selected>' in page
    )
    assert f'<option value="{exercises[1].pk}" selected>' in page
    assert "Knock knees</option>" in page  # offered on the add page


def test_the_exercise_autocomplete_finds_by_name_region_and_condition(client, pt, regions):
    from education.models import Condition

    hike = make_exercise(name="Hip hike", regions=[regions["hip"]])
    condition = Condition.objects.create(
        name="Knock knees", slug="knock-knees", region=regions["knee"]
    )
    condition.exercises.add(hike)
    url = "/admin/autocomplete/"
    params = {"app_label": "programs", "model_name": "programexercise", "field_name": "exercise"}
    for term in ("hike", regions["hip"].name, "knock"):
        found = client.get(url, {**params, "term": term}).json()["results"]
        assert [r["text"] for r in found] == ["Hip hike"], term


def test_the_list_shows_adherence_pain_and_flags_in_fixed_queries(client, pt):
    def page_queries(count):
        for _ in range(count):
            make_program(
                exercises=[make_exercise(days_per_week=7)],
                logs=[(day, 0, 2, "right") for day in range(1, 8)],
            )
        client.get(ADMIN)  # the first page of a session writes to it; measure the next
        with CaptureQueriesContext(connection) as queries:
            response = client.get(ADMIN)
        return response, len(queries)

    _, few = page_queries(2)
    response, many = page_queries(6)
    assert few == many
    page = response.content.decode()
    assert "86%" in page  # 6 of the last 7 days (today not yet done)
    assert "latest 2/10, highest 2/10" in page
    assert 'role="img"' in page  # the pain chart, with its own words


def test_high_pain_is_flagged_in_the_list_on_the_index_and_by_email(
    client, pt, exercises, time_machine
):
    # One day throughout: past midnight the second log would be a new day's flag, emailed.
    time_machine.move_to(timezone.now(), tick=False)
    calm = make_program(exercises=exercises, therapist=pt, logs=[(1, 0, 2, "right")])
    sore = make_program(
        exercises=exercises, therapist=pt, label="Sam R.", start_date=timezone.localdate()
    )
    item = sore.items.first()
    response = client.post(
        f"/my-program/{sore.link_key}/done/{item.pk}/", {"pain": "8", "effort": "right"}
    )
    assert response.status_code == 302
    page = client.get(f"{ADMIN}?attention=yes").content.decode()
    assert "Sam R." in page and calm.label not in page
    assert "pain 8/10 logged" in page
    index = client.get("/admin/").content.decode()
    assert "1</strong> home exercise program to look at" in index
    # The program's page says why, beside the button to clear it; a calm one has neither.
    change = client.get(f"{ADMIN}{sore.pk}/change/").content.decode()
    assert "Needs attention: pain 8/10 logged</h2>" in change
    assert "I have looked: clear the flags" in change
    calm_page = client.get(f"{ADMIN}{calm.pk}/change/").content.decode()
    assert "I have looked: clear the flags" not in calm_page
    send_queued()
    [email] = mail.outbox
    assert email.to == ["maya@clinic.example.com"]
    assert f"/admin/programs/program/{sore.pk}/change/" in email.body
    assert "Sam R." not in email.body + email.subject and "pain" not in email.body.lower()
    # A second high log does not email again: the program is already flagged.
    client.post(f"/my-program/{sore.link_key}/done/{item.pk}/", {"pain": "9", "effort": "hard"})
    send_queued()
    assert len(mail.outbox) == 1
    # "I have looked" clears it, on the list and the index, and is in the audit trail.
    assert client.get(f"{ADMIN}{sore.pk}/reviewed/").status_code == 405  # a POST only
    client.post(f"{ADMIN}{sore.pk}/reviewed/")
    assert "Sam R." not in client.get(f"{ADMIN}?attention=yes").content.decode()
    assert "0 home exercise programs to look at" in client.get("/admin/").content.decode()
    assert AccessRecord.objects.filter(detail="link: reviewed", object_id=str(sore.pk)).exists()


@pytest.mark.parametrize(
    ("logs", "reason"),
    [
        ([(3, 0, 5, "right"), (2, 0, 2, "right"), (1, 0, 4, "right")], "2 of the last 3 logs"),
        ([(1, 0, 2, "right", "a sharp pain on the way down")], "comment says sharp"),
        ([(2, 1, 2, "hard"), (1, 1, 3, "hard")], "too hard twice"),
        ([(9, 0, 1, "right")], "nothing logged for 9 days"),
    ],
)
def test_each_flag_and_clearing_it(exercises, logs, reason):
    program = make_program(exercises=exercises, logs=logs)
    program = Program.objects.with_progress().get()
    assert any(reason in flag for flag in progress(program).reasons)
    from programs import services

    services.mark_reviewed(program)
    program = Program.objects.with_progress().get()
    remaining = progress(program).reasons
    assert not any(reason in flag for flag in remaining if "nothing logged" not in reason)


def test_a_program_without_exercises_yet_is_not_flagged(exercises):
    from programs.models import Program as P

    P.objects.create(label="New", start_date=timezone.localdate() - timedelta(days=20))
    program = Program.objects.with_progress().get()
    assert progress(program).flags == []


def test_no_flags_for_a_program_going_well(exercises):
    make_program(exercises=exercises, logs=[(d, 0, 2, "right") for d in range(6)])
    program = Program.objects.with_progress().get()
    assert flags(program, list(program.logs.all()), timezone.localdate()) == []


def test_revoke_renew_and_copy_from_the_admin(client, pt, exercises):
    program = make_program(exercises=exercises, logs=[(1, 0, 2, "right")])
    old_key = program.link_key
    client.post(f"{ADMIN}{program.pk}/revoke/")
    assert client.get(f"/my-program/{old_key}/").status_code == 410
    client.post(f"{ADMIN}{program.pk}/renew/")
    program.refresh_from_db()
    assert program.link_key != old_key
    assert client.get(f"/my-program/{program.link_key}/").status_code == 200
    assert client.get(f"{ADMIN}{program.pk}/revoke/").status_code == 405
    response = client.post(
        ADMIN, {"action": "copy_programs", "_selected_action": [program.pk]}, follow=True
    )
    copy = Program.objects.exclude(pk=program.pk).get()
    assert response.redirect_chain[-1][0] == f"{ADMIN}{copy.pk}/change/"
    # Nothing of the first patient: not their label, nor the note written to them.
    assert copy.label == f"Copy of program {program.pk}" and copy.prescribed_by == pt
    assert copy.note == ""
    assert [i.exercise_id for i in copy.items.all()] == [e.pk for e in exercises]
    assert not ExerciseLog.objects.filter(program=copy).exists()
    # An exercise set to draft since is not copied into a new program.
    exercises[1].status = "draft"
    exercises[1].save()
    client.post(ADMIN, {"action": "copy_programs", "_selected_action": [program.pk]})
    newest = Program.objects.order_by("-pk").first()
    assert [i.exercise_id for i in newest.items.all()] == [exercises[0].pk, exercises[2].pk]


def test_only_physical_therapists_see_programs(client, exercises):
    program = make_program(exercises=exercises)
    client.force_login(make_staff(group=FRONT_DESK))
    assert client.get(ADMIN).status_code == 403
    assert client.get(f"{ADMIN}{program.pk}/change/").status_code == 403
    assert client.post(f"{ADMIN}{program.pk}/revoke/").status_code == 403


def test_programs_are_erased_after_the_retention_period_with_their_logs(settings, exercises):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    today = timezone.localdate()
    old = make_program(
        exercises=exercises,
        start_date=today - timedelta(days=80),
        end_date=today - timedelta(days=31),
        logs=[(40, 0, 2, "right")],
    )
    recent = make_program(exercises=exercises, end_date=today - timedelta(days=29))
    call_command("purge_personal_data")
    assert list(Program.objects.all()) == [recent]
    assert not ExerciseLog.objects.exists()
    assert AccessRecord.objects.filter(action="erase", object_label=f"program {old.pk}").exists()


def test_the_patient_gets_their_link_by_email_and_nothing_about_their_health(client, pt, exercises):
    program = make_program(exercises=exercises, email="jo@example.com", note="Knee pain plan")
    client.post(f"{ADMIN}{program.pk}/email_link/")
    send_queued()
    [email] = mail.outbox
    assert email.to == ["jo@example.com"]
    assert f"/my-program/{program.link_key}/" in email.body
    assert not any(has_word(email.body, word) for word in ("knee", "pain", "hip"))
    assert "Pat D." not in email.body
    assert AccessRecord.objects.filter(
        action="email", object_label=f"program {program.pk}"
    ).exists()


def test_only_staff_with_the_export_permission_export_logs_without_names(client, pt, exercises):
    program = make_program(
        exercises=exercises, logs=[(1, 0, 3, "right"), (0, 1, 5, "hard")], label="Jo K."
    )
    program.logs.filter(pain=5).update(comment="=HYPERLINK(1)")
    data = {"action": "export_logs", "_selected_action": [program.pk]}
    response = client.post(ADMIN, data)
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Hip hike" in body and ",3,About right," in body
    assert "'=HYPERLINK(1)" in body  # never a formula in a spreadsheet
    assert "Jo K." not in body
    assert AccessRecord.objects.filter(action="action", detail="logs exported").exists()
    pt.groups.clear()
    from django.contrib.auth.models import Permission

    pt.user_permissions.add(*Permission.objects.filter(codename__in=["view_program"]))
    response = client.post(ADMIN, data)
    assert not response.get("Content-Type", "").startswith("text/csv")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end_date": "9999-12-31"}, "end_date", "A program runs for a year at most"),
        ({"start_date": "0001-01-01"}, "start_date", "too far back or ahead"),
        ({"start_date": "9998-12-31", "end_date": "9999-01-01"}, "start_date", "too far back"),
        ({"review_date": "2020-01-01"}, "review_date", "from the start to the end"),
    ],
)
def test_a_mistyped_date_is_refused_with_a_reason(client, pt, exercises, fields, field, message):
    response = client.post(f"{ADMIN}add/", program_form([(exercises[0], {})], **fields))
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not Program.objects.exists()


def test_a_program_needs_an_exercise(client, pt):
    response = client.post(f"{ADMIN}add/", program_form([]))
    assert response.status_code == 200
    assert "Add at least one exercise" in response.content.decode()
    assert not Program.objects.exists()


def change_form(program, **fields):
    """The change form as the page sends it: its exercises as they are."""
    items = list(program.items.all())
    data = program_form([(item.exercise, {}) for item in items], **fields)
    data["items-INITIAL_FORMS"] = str(len(items))
    data["start_date"] = program.start_date.isoformat()
    data["end_date"] = program.end_date.isoformat()
    for n, item in enumerate(items):
        data[f"items-{n}-id"] = str(item.pk)
        data[f"items-{n}-program"] = str(program.pk)
    logs = program.logs.count()
    data |= {"logs-TOTAL_FORMS": str(logs), "logs-INITIAL_FORMS": str(logs)}
    data |= {"logs-MIN_NUM_FORMS": "0", "logs-MAX_NUM_FORMS": "1000"}
    return data


def test_an_exercise_taken_out_keeps_the_patients_logs(client, pt, exercises):
    program = make_program(exercises=exercises, logs=[(1, 1, 4, "right"), (1, 0, 2, "right")])
    data = change_form(program)
    data["items-1-DELETE"] = "on"  # Runner's march
    response = client.post(f"{ADMIN}{program.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    assert [i.exercise.name for i in program.items.all()] == ["Hip hike", "Wall sit"]
    assert ExerciseLog.objects.count() == 2
    page = client.get(f"{ADMIN}{program.pk}/change/").content.decode()
    assert "Runner&#x27;s march" in page  # in what the patient logged
    export = client.post(ADMIN, {"action": "export_logs", "_selected_action": [program.pk]})
    assert "Runner's march" in export.content.decode()


def test_a_program_still_saves_when_one_of_its_exercises_became_a_draft(client, pt, exercises):
    program = make_program(exercises=exercises)
    exercises[2].status = "draft"
    exercises[2].save()
    response = client.post(f"{ADMIN}{program.pk}/change/", change_form(program, note="New"))
    assert response.status_code == 302, response.context["errors"]
    # A draft is still refused as a new choice.
    draft = make_exercise(name="Unfinished", status="draft")
    response = client.post(f"{ADMIN}add/", program_form([(draft, {})]))
    assert "This exercise is a draft" in response.content.decode()


def test_same_day_logs_of_different_exercises_are_not_a_rise_in_pain(exercises):
    make_program(
        exercises=exercises, logs=[(0, 0, 2, "right"), (0, 1, 4, "right"), (0, 2, 5, "right")]
    )
    program = Program.objects.with_progress().get()
    assert progress(program).flags == []


def test_staff_who_may_not_see_programs_cannot_reach_one_through_view_on_site(client, exercises):
    from django.contrib.contenttypes.models import ContentType

    program = make_program(exercises=exercises)
    client.force_login(make_staff(group=FRONT_DESK))
    content_type = ContentType.objects.get_for_model(Program)
    response = client.get(f"/admin/r/{content_type.pk}/{program.pk}/")
    assert response.status_code == 404
    assert program.link_key not in response.get("Location", "")


def test_only_physical_therapists_are_offered_as_the_programs_pt(client, pt):
    make_staff("frontdesk", group=FRONT_DESK)
    page = client.get(f"{ADMIN}add/").content.decode()
    assert ">Maya</option>" in page.replace(f'value="{pt.pk}" selected>', ">")
    assert "frontdesk" not in page


def test_the_autocomplete_finds_a_condition_by_its_other_name(client, pt, regions):
    from education.models import Condition

    hike = make_exercise(name="Hip hike", regions=[regions["hip"]])
    condition = Condition.objects.create(
        name="Patellofemoral pain",
        slug="pfp",
        region=regions["knee"],
        also_known_as="knock knees, runner's knee",
    )
    condition.exercises.add(hike, make_exercise(name="Hip drop draft", status="draft"))
    params = {"app_label": "programs", "model_name": "programexercise", "field_name": "exercise"}
    found = client.get("/admin/autocomplete/", {**params, "term": "knock"}).json()["results"]
    assert [r["text"] for r in found] == ["Hip hike"]  # published exercises only


def test_a_program_too_long_to_print_on_two_pages_is_saved_with_a_warning(client, pt):
    from programs.admin import PRINTS_ON_TWO_PAGES

    many = [(make_exercise(name=f"Exercise {n}"), {}) for n in range(PRINTS_ON_TWO_PAGES + 1)]
    response = client.post(f"{ADMIN}add/", program_form(many), follow=True)
    assert Program.objects.get().items.count() == PRINTS_ON_TWO_PAGES + 1
    assert "its printout takes more than two pages" in response.content.decode()
    response = client.post(f"{ADMIN}add/", program_form(many[:PRINTS_ON_TWO_PAGES]), follow=True)
    assert "more than two pages" not in response.content.decode()


def test_the_list_filters_by_pt_by_name(client, pt, exercises):
    mine = make_program(exercises=exercises, therapist=pt, label="Jo K.")
    other = make_staff("sam", group=FRONT_DESK)
    make_program(exercises=exercises, therapist=other, label="Al B.")
    page = client.get(ADMIN).content.decode()
    assert f'?pt={pt.pk}"' in page and ">Maya</a>" in page.replace("\n", "")
    listed = client.get(ADMIN, {"pt": pt.pk}).context["cl"].result_list
    assert list(listed) == [mine]
    assert client.get(ADMIN, {"pt": "x"}).status_code == 200


def test_a_pt_prescribes_by_default_and_an_administrator_chooses_the_pt(client, pt):
    """Review: "Prescribed by" listed only PTs, yet an administrator's new program was
    still theirs by default (and its flag emails went to them)."""
    import re

    def preselected():
        page = client.get(f"{ADMIN}add/").content.decode()
        chosen = re.search(r'<select name="prescribed_by".*?</select>', page, re.S).group()
        return re.findall(r'<option value="\d+" selected>([^<]*)<', chosen)

    assert preselected() == ["Maya"]
    client.force_login(make_staff("boss", superuser=True))
    assert preselected() == []
