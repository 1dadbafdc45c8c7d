"""What staff and patients do with a program: log, copy, start from content, revoke, erase."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from core import outbox
from core.outbox import queue_email
from core.site_address import absolute_url
from programs import reminders as reminders_service
from programs.models import ExerciseLog, Program, ProgramExercise, Reminders, new_link_key
from programs.progress import flags

DOSE_FIELDS = ("sets", "reps", "hold_seconds", "times_per_day", "days_per_week")


def log_exercise(item, *, pain, effort, comment="", day=None, program=None):
    """The patient did `item` today: one log per exercise a day (sent again, it changes).

    Safe against a double submit from two processes at once: the unique (item, day)
    constraint decides, and the loser updates the winner's row. When this log raises a
    kind of flag the PT was not told of yet, they get an email. Returns the log, or None when
    the PT took the exercise out of the program meanwhile. `program`: the item's program
    as `Program.objects.with_progress()` loads it, if at hand.
    """
    today = timezone.localdate()
    day = day or today
    values = {"pain": pain, "effort": effort, "comment": comment, "logged_at": timezone.now()}
    if program is None:
        program = (
            Program.objects.select_related("prescribed_by").with_progress().get(pk=item.program_id)
        )
    logs = list(program.logs.all())
    try:
        with transaction.atomic():
            log, _ = ExerciseLog.objects.update_or_create(
                item=item,
                day=day,
                defaults={**values, "program": program, "exercise_id": item.exercise_id},
            )
    except IntegrityError:
        # Another process logged it first (it is changed), or the item is gone.
        ExerciseLog.objects.filter(item=item, day=day).update(**values)
        log = ExerciseLog.objects.filter(item=item, day=day).first()
        if log is None:
            return None
    logs = [old for old in logs if (old.item_id, old.day) != (item.pk, day)] + [log]
    tell_about_new_flags(program, logs, today)
    return log


def tell_about_new_flags(program, logs=None, today=None):
    """Email the program's PT once for each kind of flag they were not told of yet, even
    while another flag is open; a kind that has gone (the patient logged again) emails
    again when it comes back. Returns whether an email was queued.

    Safe when two processes or servers do it at once: `flags_emailed` changes only from
    the value this one read, and only the one whose change went through sends."""
    today = today or timezone.localdate()
    logs = list(program.logs.all()) if logs is None else logs
    kinds = {flag.kind for flag in flags(program, logs, today)}
    told = set(filter(None, program.flags_emailed.split(",")))
    if kinds == told:
        return False
    value = ",".join(sorted(kinds))
    with transaction.atomic():
        changed = Program.objects.filter(pk=program.pk, flags_emailed=program.flags_emailed).update(
            flags_emailed=value
        )
        program.flags_emailed = value
        if changed and kinds - told:
            return _tell_the_therapist(program)
    return False


def _tell_the_therapist(program):
    """Email the program's PT that it needs a look: a link to the admin, no health details."""
    therapist = program.prescribed_by
    if not settings.PROGRAM_FLAG_EMAILS or therapist is None or not therapist.email:
        return False  # the flag still shows in the admin
    link = absolute_url(reverse("admin:programs_program_change", args=[program.pk]))
    queue_email(
        to=therapist.email,
        subject=f"A home exercise program needs a look (program {program.pk})",
        body=(
            f"Program {program.pk} has a new flag. Open it to see why:\n\n{link}\n\n"
            "You need to sign in. This email holds no patient details on purpose."
        ),
    )
    return True


@transaction.atomic
def copy_program(program, *, by=None):
    """A new program with the same exercises, doses and exercise notes, for another
    patient: nothing of the first patient (no label, note to them, email or logs)."""
    copy = Program.objects.create(
        label=f"Copy of program {program.pk}", prescribed_by=by or program.prescribed_by
    )
    ProgramExercise.objects.bulk_create(
        ProgramExercise(
            program=copy,
            exercise_id=item.exercise_id,
            order=item.order,
            note=item.note,
            **{field: getattr(item, field) for field in DOSE_FIELDS},
        )
        for item in program.items.all()
        if item.exercise.is_published  # never a draft in a new program
    )
    return copy


@transaction.atomic
def revoke_link(program):
    """The link stops working, and so do email reminders: whoever held the link may have
    asked for them (the patient asks again from their new link)."""
    program.link_revoked_at = timezone.now()
    program.save(update_fields=["link_revoked_at", "updated_at"])
    _stop_reminders(program)


@transaction.atomic
def renew_link(program):
    """A new link (the old one stops working), valid again until the program's end. Email
    reminders stop, as when revoked: they would carry the new link to whoever asked."""
    program.link_key = new_link_key()
    program.link_revoked_at = None
    program.save(update_fields=["link_key", "link_revoked_at", "updated_at"])
    _stop_reminders(program)


def _stop_reminders(program):
    for reminders in Reminders.objects.filter(program=program):
        reminders_service.stop(reminders)


def mark_reviewed(program):
    """The PT has looked: the flags start again from the next log."""
    program.reviewed_at = timezone.now()
    program.flags_emailed = ""
    program.save(update_fields=["reviewed_at", "flags_emailed", "updated_at"])


@transaction.atomic
def erase_program(program):
    """Erase a program with everything of the patient: its label, email, logs, and the
    emails to them or with their link that are not sent yet, and the address their
    reminders went to (the reminders and the PT's messages go with the program)."""
    outbox.forget(to=program.email, containing=[program.link_key])
    _stop_reminders(program)
    program.delete()


def email_link(program):
    """Email the patient their link, and nothing about their health or exercises.

    In the patient's language (Program.language), with the link in it."""
    with translation.override(program.language):
        _email_link(program)


def _email_link(program):
    until = date_format(program.link_expires_on, pgettext("long date format", "F j, Y"))
    paragraphs = [
        gettext("Hello,"),
        gettext("Your physical therapist has set up your home exercises. Open them here:"),
        absolute_url(program.patient_url()),
        gettext(
            "Only people with this link can see the page, so please keep it to yourself. "
            "It works until %(date)s."
        )
        % {"date": until},
        settings.SITE_NAME,
    ]
    queue_email(
        to=program.email,
        subject=gettext("Your home exercise program from %(site_name)s")
        % {"site_name": settings.SITE_NAME},
        body="\n\n".join(paragraphs),
        reply_to=settings.REPLY_TO_EMAIL,
    )
