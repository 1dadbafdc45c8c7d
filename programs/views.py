"""The patient's side of a home exercise program, behind its private link.

No account and no JavaScript needed; never cached. Like every page under a private
address, never indexed and its address (its key) never sent on as a referrer: other
sites and our own static files get the site's origin only (SecurityHeadersMiddleware).
A link that was revoked or is past the retention period answers 410 with the clinic's
phone.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from icalendar import Alarm, Calendar, Event, vRecur

from clinic.cta import clinic_phone, main_clinic_contact
from core.antispam import over_limit
from core.qr import qr_svg
from core.safety import PAIN_RULE_MAX
from core.site_address import absolute_url
from core.translations import show_translations
from exercises.models import ExerciseStep
from programs import outcomes, reminders, services
from programs.forms import PAIN_WORDS, WEEKDAYS, CalendarForm, LogForm, RemindersForm
from programs.models import (
    DAY_CODES,
    ExerciseLog,
    Program,
    ProgramExercise,
    ProgramMessage,
    Reminders,
)
from programs.progress import PainBand, pain_band


def _program_or_gone(request, key, *, with_page=False, with_progress=False):
    """(program, None), or (None, the 410 page) when the link is unknown, revoked or expired."""
    programs = Program.objects.filter(link_key=key)
    if with_progress:  # its items and recent logs, for logging (services.log_exercise)
        programs = programs.with_progress()
    if with_page:
        week_ago = timezone.localdate() - timedelta(days=6)
        programs = programs.prefetch_related(
            Prefetch(
                "items",
                queryset=ProgramExercise.objects.select_related("exercise").prefetch_related(
                    Prefetch("exercise__steps", queryset=ExerciseStep.objects.all()),
                    Prefetch(
                        "logs",
                        queryset=ExerciseLog.objects.filter(day__gte=week_ago),
                        to_attr="this_week",
                    ),
                ),
            )
        )
    if with_page:  # the PT's unread messages and the reminders asked for, at the top
        programs = programs.select_related("reminders").prefetch_related(
            Prefetch(
                "messages",
                queryset=ProgramMessage.objects.order_by("written_at"),
                to_attr="all_messages",
            )
        )
    program = programs.select_related("prescribed_by").first()
    if program is not None and with_page:
        # The exercises in the page's language, where a PT has checked a translation.
        show_translations([item.exercise for item in program.items.all()])
    if program is None or not program.link_works():
        contact = main_clinic_contact()
        gone = render(
            request,
            "programs/program_gone.html",
            {"contact": contact, "cta_from": "/my-program/"},
            status=410,
        )
        return None, gone
    return program, None


def _week(item, today):
    """The last seven days for one exercise: [(date, log or None)], oldest first."""
    by_day = {log.day: log for log in item.this_week}
    days = [today - timedelta(days=back) for back in range(6, -1, -1)]
    return [(day, by_day.get(day)) for day in days]


def _log_values(today_log, form=None):
    """What the log form of one exercise shows: what was just sent (with its errors), or
    today's log to change, or nothing yet. The radios are written out in the template:
    84 of Django's radio widgets rendered one by one would cost most of the page's time."""
    if form is not None:
        data = form.data
        return {
            "pain": data.get("pain", ""),
            "effort": data.get("effort", ""),
            "comment": data.get("comment", ""),
            "errors": [error for errors in form.errors.values() for error in errors],
        }
    if today_log:
        return {
            "pain": str(today_log.pain),
            "effort": today_log.effort,
            "comment": today_log.comment,
            "errors": [],
        }
    return {"pain": "", "effort": "", "comment": "", "errors": []}


def _reminders_context(request, program, form):
    """What the email reminders part of the page shows: those asked for, what just
    happened, and the form (as sent, with its errors)."""
    current = getattr(program, "reminders", None)
    if form is None:
        days = current.day_codes if current else DAY_CODES
        values = {
            "time": current.time.strftime("%H:%M") if current else "18:00",
            "time_zone": current.time_zone if current else settings.TIME_ZONE,
            "errors": [],
        }
    else:
        days = form.data.getlist("days")
        values = {
            "email": form.data.get("email", ""),
            "time": form.data.get("time", ""),
            "time_zone": form.data.get("time_zone", ""),
            "errors": [error for errors in form.errors.values() for error in errors],
        }
    return {
        "current": current,
        "on": bool(current and current.confirmed_at),
        "described": reminders.describe(current) if current else "",
        "asked": request.GET.get("reminders", ""),
        "quiet_days": reminders.QUIET_DAYS,
        "weekdays": [(code, name, code in days) for code, name in WEEKDAYS],
        "time_zones": [
            (zone, label, zone == values["time_zone"])
            for zone, label in reminders.time_zone_choices()
        ],
        **values,
    }


def _page(request, program, *, forms=None, calendar=None, reminders_form=None, status=200):
    today = timezone.localdate()
    items = []
    for item in program.items.all():
        week = _week(item, today)
        today_log = week[-1][1]
        # What today's log says back follows the pain rule: praise only within it.
        band = pain_band(today_log) if today_log else None
        items.append(
            {
                "item": item,
                "exercise": item.exercise,
                "dose": item.dose(),
                "week": week,
                "done_this_week": sum(1 for _, log in week if log),
                "today": today_log,
                "needs_care": band in (PainBand.ABOVE, PainBand.SEVERE),
                "severe": band == PainBand.SEVERE,
                "help_heading_id": f"get-help-{item.pk}",
                "log": _log_values(today_log, (forms or {}).get(item.pk)),
                "just_logged": request.GET.get("logged") == str(item.pk),
            }
        )
    if calendar is None:
        days, time, calendar_errors = DAY_CODES, "18:00", []
    else:
        days = calendar.data.getlist("days")
        time = calendar.data.get("time", "")
        calendar_errors = [error for errors in calendar.errors.values() for error in errors]
    context = {
        "program": program,
        "items": items,
        "today": today,
        "pain_words": PAIN_WORDS,
        "contact": main_clinic_contact(),
        "clinic_phone": clinic_phone(),
        "pain_rule_max": PAIN_RULE_MAX,
        "pain_choices": [(str(value), words) for value, words in PAIN_WORDS.items()],
        # Under each form's buttons: the words of a few points of the scale.
        "pain_scale": [(value, PAIN_WORDS[value]) for value in (0, 3, 7, 10)],
        "effort_choices": ExerciseLog.Effort.choices,
        "weekdays": [(code, name, code in days) for code, name in WEEKDAYS],
        "calendar_time": time,
        "log_errors": bool(forms),
        "calendar_errors": calendar_errors,
        "email_reminders": _reminders_context(request, program, reminders_form),
        "messages_to_read": [m for m in program.all_messages if m.read_at is None],
        # Read ones stay to look back at (a dose the PT changed), newest first.
        "messages_read": [m for m in reversed(program.all_messages) if m.read_at],
        "questionnaires_due": [
            assignment
            for assignment, _ in outcomes.due(outcomes.assignments_with_rounds(program), program)
        ]
        if program.is_running(today)
        else [],
        "running": program.is_running(today),
        "ended": program.end_date < today,
        "removed": "removed" in request.GET,
        # The booking links name the exercise library as where the patient came from,
        # never this page: its address is the program's secret.
        "cta_from": "/my-program/",
    }
    return render(request, "programs/program.html", context, status=status)


@never_cache
@require_safe
def program_page(request, key):
    program, gone = _program_or_gone(request, key, with_page=True)
    return gone or _page(request, program)


@method_decorator(never_cache, name="dispatch")
class LogExerciseView(View):
    """One exercise done today. Sent twice (a double tap), it is still one log."""

    http_method_names = ["get", "head", "post"]
    form_class = LogForm
    # Sent while the database restarts, the log comes back on the 503 page with its
    # comment, to send again (core.middleware.DatabaseUnavailableMiddleware).
    keep_form_when_database_is_down = True

    def get(self, request, key, item_id):
        """An address to send to, not a page (a reload after the form): the program."""
        return redirect("programs:program", key=key)

    def post(self, request, key, item_id):
        program, gone = _program_or_gone(request, key, with_progress=True)
        if gone:
            return gone
        page = reverse("programs:program", args=[key])
        if not program.is_running():
            return redirect(page)  # the page says when it starts or that it ended
        item = next((item for item in program.items.all() if item.pk == item_id), None)
        if item is None:  # the PT took the exercise out while the page was open
            return redirect(page + "?removed")
        form = self.form_class(request.POST)
        if not form.is_valid():
            program, gone = _program_or_gone(request, key, with_page=True)
            return gone or _page(request, program, forms={item.pk: form}, status=400)
        if services.log_exercise(item, program=program, **form.cleaned_data) is None:
            return redirect(page + "?removed")
        return redirect(page + f"?logged={item.pk}#item-{item.pk}")


@never_cache
@require_safe
def program_print(request, key):
    program, gone = _program_or_gone(request, key, with_page=True)
    if gone:
        return gone
    link = absolute_url(program.patient_url(get_language()))
    context = {
        "program": program,
        "entries": [
            {"exercise": i.exercise, "dose": i.dose(), "note": i.note} for i in program.items.all()
        ],
        "contact": main_clinic_contact(),
        "qr_svg": qr_svg(link, gettext("QR code: opens your exercise program")),
        "has_video": any(item.exercise.video for item in program.items.all()),
        "back_url": program.patient_url(get_language()),
        "back_label": gettext("Back to your program"),
        "cta_from": "/my-program/",
    }
    return render(request, "programs/program_print.html", context)


def _first_chosen_day(day, codes):
    """The first day from `day` on that falls on one of the chosen weekdays ("MO", ...)."""
    chosen = {DAY_CODES.index(code) for code in codes}
    while day.weekday() not in chosen:
        day += timedelta(days=1)
    return day


@never_cache
@require_safe
def program_calendar(request, key):
    """An .ics file: a weekly reminder on the chosen days until the program ends."""
    program, gone = _program_or_gone(request, key)
    if gone:
        return gone
    form = CalendarForm(request.GET, auto_id="calendar-%s")
    if form.is_valid():
        days = form.cleaned_data["days"]
        first = _first_chosen_day(max(program.start_date, timezone.localdate()), days)
        if first > program.end_date:
            form.add_error("days", gettext("Your program ends before the first of these days."))
    if not form.is_valid():
        program, _ = _program_or_gone(request, key, with_page=True)
        return _page(request, program, calendar=form, status=400)
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Home exercise program//EN")
    calendar.add("version", "2.0")
    event = Event()
    # Nothing of the link in the file: calendars sync to their provider's servers.
    event.add("uid", f"home-exercises-{program.pk}@{urlsplit(settings.SITE_URL).hostname}")
    event.add("dtstamp", timezone.now())
    # A floating local time: the reminder comes at 18:00 wherever the phone is.
    event.add("dtstart", datetime.combine(first, form.cleaned_data["time"]))
    event.add("duration", timedelta(minutes=20))
    # In the language of the page it was asked from.
    event.add("summary", gettext("Home exercises"))
    event.add(
        "description",
        gettext(
            "Time for your home exercises. Open them with the link or the QR code your "
            "physical therapist gave you."
        ),
    )
    until = datetime.combine(program.end_date, datetime.max.time()).replace(microsecond=0)
    event.add("rrule", vRecur(freq="weekly", byday=days, until=until))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", gettext("Time for your home exercises"))
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="home-exercises.ics"'
    return response


# --- Email reminders and the PT's messages ------------------------------------------------


@never_cache
@require_POST
def ask_for_reminders(request, key):
    """The patient asks for email reminders: one confirmation email, nothing more until it
    is followed. The page says what happened; it never says reminders are on before."""
    program, gone = _program_or_gone(request, key)
    if gone:
        return gone
    page = reverse("programs:program", args=[key])
    if program.end_date < timezone.localdate():
        return redirect(page)  # the page says it ended
    current = Reminders.objects.filter(program=program, confirmed_at__isnull=False).first()
    form = RemindersForm(
        request.POST, auto_id="reminders-%s", keep_email=current.email if current else ""
    )
    status = 400
    if form.is_valid() and over_limit(
        request, "program-reminders", email=form.cleaned_data["email"], rate="5/h"
    ):
        form.add_error(
            None,
            gettext(
                "You have asked several times in the last hour. Please "
                "wait an hour, then ask again."
            ),
        )
        status = 429
    if not form.is_valid():
        program, gone = _program_or_gone(request, key, with_page=True)
        return gone or _page(request, program, reminders_form=form, status=status)
    data = form.cleaned_data
    asked = reminders.ask(
        program,
        email=data["email"],
        days=data["days"],
        at=data["time"],
        time_zone=data["time_zone"],
        language=get_language(),
    )
    return redirect(f"{page}?reminders={asked}#email-reminders")


@never_cache
@require_POST
def mark_message_read(request, key, message_id):
    program, gone = _program_or_gone(request, key)
    if gone:
        return gone
    ProgramMessage.objects.filter(program=program, pk=message_id, read_at=None).update(
        read_at=timezone.now()
    )
    return redirect(reverse("programs:program", args=[key]) + "#exercises")


def _reminders_page(request, template, reminders_, **context):
    program = reminders_.program if reminders_ else None
    context = {
        "reminders": reminders_,
        "described": reminders.describe(reminders_) if reminders_ else "",
        "program_url": program.patient_url(get_language()) if program else "",
        "contact": main_clinic_contact(),
        "cta_from": "/my-program/",
        **context,
    }
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_reminders(request, key):
    """The confirmation email's link: a page with a Confirm button (a mail scanner that
    opens links must not turn reminders on for someone), and the button."""
    found = Reminders.objects.select_related("program").filter(key=key).first()
    ended = found is not None and found.program.end_date < timezone.localdate()
    if found is None or ended or not found.program.link_works():
        response = _reminders_page(request, "programs/reminders_gone.html", None)
        response.status_code = 410
        return response
    if request.method == "POST":
        reminders.confirm(found)
        return _reminders_page(request, "programs/reminders_confirm.html", found, done=True)
    return _reminders_page(request, "programs/reminders_confirm.html", found, done=False)


@never_cache
@csrf_exempt  # a mail app's one-click List-Unsubscribe POST has no cookie; the key is the secret
@require_http_methods(["GET", "HEAD", "POST"])
def stop_reminders(request, key):
    """The stop link of every reminder: a page with a Stop button, and the button (also the
    one-click List-Unsubscribe-Post of RFC 8058). Stopped twice, it says so twice."""
    found = Reminders.objects.select_related("program").filter(key=key).first()
    if request.method == "POST":
        if found is not None:
            reminders.stop(found)
        return _reminders_page(request, "programs/reminders_stop.html", None, done=True)
    if found is None:
        return _reminders_page(request, "programs/reminders_stop.html", None, done=True)
    return _reminders_page(request, "programs/reminders_stop.html", found, done=False)


# --- Outcome questionnaires ---------------------------------------------------------------


def _questionnaire_page(request, program, assignment, context, status=200):
    questionnaire = assignment.questionnaire if assignment else None
    return render(
        request,
        "programs/questionnaire.html",
        {
            "program": program,
            "assignment": assignment,
            "questionnaire": questionnaire,
            "other_language": questionnaire and questionnaire.language != get_language(),
            # The PSFS after its first time: the activities are named already.
            "rating_again": bool(
                questionnaire
                and questionnaire.patient_names_items
                and outcomes.named_activities(assignment)
            ),
            "program_url": reverse("programs:program", args=[program.link_key]),
            "cta_from": "/my-program/",
            **context,
        },
        status=status,
    )


def _rating_context(questionnaire, step, steps, value=None, error=""):
    labels = questionnaire.labels()
    values = range(questionnaire.scale_min, questionnaire.scale_max + 1)
    index = [s.position for s in steps].index(step.position)
    # Numbered among the ratings: the PSFS's naming screen is not a question.
    rated = [s.position for s in steps if s.position != outcomes.NAME_STEP]
    chosen = value if value is not None else step.answer
    return {
        "step": step,
        "number": rated.index(step.position) + 1,
        "count": len(rated),
        "previous": steps[index - 1].position if index else None,
        # Every answer has words (LEFS): a list; only the ends have (NPRS): chips.
        "all_labelled": all(v in labels for v in values),
        "choices": [(v, labels.get(v, ""), v == chosen) for v in values],
        "ends": [(v, labels[v]) for v in values if v in labels],
        "error": error,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def fill_in_questionnaire(request, key, assignment_id):
    """One question a screen, each answer saved as it is sent (the patient may stop and
    come back), scored when the last is in. No JavaScript needed."""
    program, gone = _program_or_gone(request, key)
    if gone:
        return gone
    assignments = outcomes.assignments_with_responses(program)
    assignment = next((a for a in assignments if a.pk == assignment_id), None)
    if assignment is None:
        return redirect("programs:program", key=key)
    waiting = {a.pk: due_on for a, due_on in outcomes.due(assignments, program)}
    if assignment.pk not in waiting:
        # Finished just now (the last answer's redirect), or not open: never "saved" for
        # an answer that was not.
        finished = "done" in request.GET and any(
            r.completed_at and r.completed_at > timezone.now() - timedelta(hours=1)
            for r in assignment.responses.all()
        )
        status = 200 if finished or request.method != "POST" else 409
        context = {"finished": finished, "closed": not finished}
        return _questionnaire_page(request, program, assignment, context, status=status)
    questionnaire, due_on = assignment.questionnaire, waiting[assignment.pk]
    response = outcomes.round_response(assignment, due_on)
    steps = outcomes.steps(assignment, response)
    here = f"{reverse('programs:questionnaire', args=[key, assignment.pk])}"
    if request.method == "POST":
        return _save_step(request, program, assignment, due_on, steps, here)
    wanted = outcomes.small_number(request.GET.get("step", ""))
    step = next((s for s in steps if s.position == wanted), None)
    if step is None:  # where they stopped: the first without an answer
        step = next((s for s in steps if s.answer is None), steps[0])
    if step.position == outcomes.NAME_STEP:  # with what they named before, to put right
        named = [s.text for s in steps if s.position != outcomes.NAME_STEP]
        typed = (named + [""] * questionnaire.patient_names_items)[
            : questionnaire.patient_names_items
        ]
        context = _naming_context(assignment, typed)
        return _questionnaire_page(request, program, assignment, context)
    return _questionnaire_page(
        request, program, assignment, _rating_context(questionnaire, step, steps)
    )


def _naming_context(assignment, typed=None, error=""):
    count = assignment.questionnaire.patient_names_items
    typed = typed or [""] * count
    return {"naming": True, "activities": list(enumerate(typed, start=1)), "error": error}


def _save_step(request, program, assignment, due_on, steps, here):
    questionnaire = assignment.questionnaire
    position = request.POST.get("position", "")
    if position == str(outcomes.NAME_STEP) and steps and steps[0].position == outcomes.NAME_STEP:
        count = questionnaire.patient_names_items
        typed = [
            " ".join(request.POST.get(f"activity-{n}", "").split())[:100]
            for n in range(1, count + 1)
        ]
        named = [text for text in typed if text]
        if not named:
            error = gettext("Write at least one activity.")
            context = _naming_context(assignment, typed, error)
            return _questionnaire_page(request, program, assignment, context, status=400)
        response = outcomes.round_response(assignment, due_on, create=True)
        outcomes.save_activities(assignment, response, named)
        return redirect(f"{here}?step=1")
    step = next((s for s in steps if s.position == outcomes.small_number(position)), None)
    if step is None or step.position == outcomes.NAME_STEP:
        return redirect(here)
    value = outcomes.small_number(request.POST.get("value", ""))
    low, high = questionnaire.scale_min, questionnaire.scale_max
    if value is None or not low <= value <= high:
        error = gettext("Choose an answer from %(low)s to %(high)s.") % {"low": low, "high": high}
        context = _rating_context(questionnaire, step, steps, error=error)
        return _questionnaire_page(request, program, assignment, context, status=400)
    response = outcomes.round_response(assignment, due_on, create=True)
    if outcomes.save_answer(assignment, response, step.position, value) is not None:
        return redirect(f"{here}?done")
    later = [s for s in steps if s.position > step.position]
    missing = [s for s in steps if s.answer is None and s.position != step.position]
    following = later[0] if later else (missing[0] if missing else None)
    return redirect(f"{here}?step={following.position}" if following else here)
