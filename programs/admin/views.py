"""The program's workflow in the admin: one small view per thing a PT does to a
program's link or flags (each a POST from the change page, each recorded in the audit
trail), and the CSV export of the logs. ProgramAdmin routes to them (`get_urls`)."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core import audit
from core.models import AccessRecord
from programs import monitoring, outcomes, services
from programs.models import ExerciseLog


def _program_to_change(model_admin, request, object_id):
    program = model_admin.get_object(request, object_id)
    if program is None:
        raise Http404("No such program")
    if not model_admin.has_change_permission(request, program):
        raise PermissionDenied
    return program


def _back_to(program):
    return HttpResponseRedirect(reverse("admin:programs_program_change", args=[program.pk]))


def revoke_link(model_admin, request, object_id):
    program = _program_to_change(model_admin, request, object_id)
    services.revoke_link(program)
    audit.record(request, AccessRecord.Action.CHANGE, program, detail="link: revoke")
    model_admin.message_user(
        request,
        "The link no longer works. Email reminders, if the patient had them, are stopped.",
        messages.SUCCESS,
    )
    return _back_to(program)


def renew_link(model_admin, request, object_id):
    program = _program_to_change(model_admin, request, object_id)
    services.renew_link(program)
    audit.record(request, AccessRecord.Action.CHANGE, program, detail="link: renew")
    model_admin.message_user(
        request,
        "A new link is ready below; the old one no longer works. Email reminders, if the "
        "patient had them, are stopped: they can ask again from the new link.",
        messages.SUCCESS,
    )
    return _back_to(program)


def email_link(model_admin, request, object_id):
    program = _program_to_change(model_admin, request, object_id)
    if not (program.email and program.link_works()):
        model_admin.message_user(
            request, "Nothing sent: the program has no email address, or no working link.",
            messages.ERROR,
        )  # fmt: skip
        return _back_to(program)
    services.email_link(program)
    audit.record(request, AccessRecord.Action.EMAIL, program, detail="the patient's link")
    model_admin.message_user(request, "The link is on its way to the patient.", messages.SUCCESS)
    return _back_to(program)


def mark_reviewed(model_admin, request, object_id):
    program = _program_to_change(model_admin, request, object_id)
    services.mark_reviewed(program)
    audit.record(request, AccessRecord.Action.CHANGE, program, detail="link: reviewed")
    model_admin.message_user(
        request, "Marked as looked at: flags start again from the next log.", messages.SUCCESS
    )
    return _back_to(program)


# (the address after the program's, the view): ProgramAdmin.get_urls names each
# "programs_program_<name>".
PROGRAM_ACTIONS = {
    "revoke": revoke_link,
    "renew": renew_link,
    "email_link": email_link,
    "reviewed": mark_reviewed,
}


def export_logs(request, queryset):
    """One row per log: the program number, never the patient's label or email."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="program-logs.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["program", "exercise", "day", "pain (0-10)", "effort", "comment"])
    logs = ExerciseLog.objects.filter(program__in=queryset).select_related("exercise")
    for log in logs.order_by("program_id", "day", "item__order"):
        writer.writerow(
            [
                log.program_id,
                log.exercise.name,
                log.day.isoformat(),
                log.pain,
                log.get_effort_display(),
                spreadsheet_safe(log.comment),
            ]
        )
    for program in queryset:
        audit.record(request, AccessRecord.Action.ACTION, program, detail="logs exported")
    return response


def spreadsheet_safe(text):
    # A patient's comment starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# --- Outcome questionnaires: exports (GET, each recorded in the audit trail) -------------


def _program_to_export(model_admin, request, object_id):
    program = _program_to_change(model_admin, request, object_id)
    if not request.user.has_perm("programs.export_program"):
        raise PermissionDenied
    return program


def export_outcomes_csv(model_admin, request, object_id):
    """One row per answered questionnaire: its score, the change since the first score and
    the MCID, and each answer. The program's number, never the patient's label."""
    program = _program_to_export(model_admin, request, object_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="program-{program.pk}-questionnaires.csv"'
    )
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(
        [
            "program",
            "questionnaire",
            "due on",
            "completed at",
            "score",
            "change since first",
            "MCID",
            "worse by the MCID or more",
            "answers",
        ]
    )
    for assignment in outcomes.assignments_with_responses(program):
        questionnaire = assignment.questionnaire
        by_due = {r.due_on: r for r in assignment.responses.all()}
        for row in outcomes.scores(assignment):
            answers = by_due[row.due_on].answers.all()
            writer.writerow(
                [
                    program.pk,
                    questionnaire.short_name,
                    row.due_on.isoformat(),
                    row.completed_at.isoformat(timespec="seconds"),
                    row.score,
                    "" if row.change is None else row.change,
                    questionnaire.minimal_important_change,
                    "yes" if row.worse else "no",
                    "; ".join(
                        spreadsheet_safe(f"{a.activity or a.position}: {a.value}") for a in answers
                    ),
                ]
            )
    audit.record(request, AccessRecord.Action.ACTION, program, detail="questionnaires exported")
    return response


def export_outcomes_fhir(model_admin, request, object_id):
    """The completed questionnaires as a FHIR R4B Bundle of QuestionnaireResponse, built
    and validated with fhir.resources: a structure it refuses is never written."""
    program = _program_to_export(model_admin, request, object_id)
    bundle = outcomes.fhir_bundle(program)
    response = HttpResponse(bundle, content_type="application/fhir+json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="program-{program.pk}-questionnaires.fhir.json"'
    )
    response["Cache-Control"] = "no-store"
    audit.record(
        request, AccessRecord.Action.ACTION, program, detail="questionnaires exported (FHIR)"
    )
    return response


def monitoring_record(model_admin, request, object_id):
    """The monthly remote-monitoring record, printable: days with data and minutes reviewed."""
    program = _program_to_change(model_admin, request, object_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Monthly monitoring record: program {program.pk}",
        "site_name": settings.SITE_NAME,
        "program": program,
        "months": monitoring.monthly_record(program),
        "opts": model_admin.model._meta,
        "original": program,
        "csv_url": reverse("admin:programs_program_monitoring_csv", args=[program.pk]),
    }
    audit.record(request, AccessRecord.Action.VIEW, program, detail="monitoring record")
    return TemplateResponse(request, "admin/programs/program/monitoring.html", context)


def monitoring_csv(model_admin, request, object_id):
    """The monthly record as CSV: one row a month."""
    program = _program_to_export(model_admin, request, object_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="program-{program.pk}-monitoring.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(
        ["program", "month", "days with data", "days band", "minutes reviewed", "minutes band",
         "days"]
    )  # fmt: skip
    for month in monitoring.monthly_record(program):
        writer.writerow(
            [
                program.pk,
                month.first_day.strftime("%Y-%m"),
                month.days,
                month.days_band,
                month.minutes,
                month.minutes_band,
                " ".join(day.isoformat() for day in month.data_days),
            ]
        )
    audit.record(request, AccessRecord.Action.ACTION, program, detail="monitoring exported")
    return response


# Downloads (GET) from the change page: ProgramAdmin.get_urls names each
# "programs_program_<name>".
PROGRAM_EXPORTS = {
    "questionnaires.csv": ("outcomes_csv", export_outcomes_csv),
    "questionnaires.fhir.json": ("outcomes_fhir", export_outcomes_fhir),
    "monitoring/": ("monitoring", monitoring_record),
    "monitoring.csv": ("monitoring_csv", monitoring_csv),
}
