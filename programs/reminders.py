"""Email reminders for a home exercise program, which the patient asks for on its page.

- Double opt-in: asking stores the address and days and sends one email with a
  confirmation link; nothing else is sent until it is followed (`confirm`).
- `send_due` (`manage.py send_program_reminders`, every 15 minutes) sends each due
  reminder once, in the patient's time zone and language, at most one email a day. A
  second run, or a second server at the same moment, finds the day already taken: the
  email is queued in the same transaction as the conditional UPDATE that takes it.
- After QUIET_DAYS of the patient's reminder days with nothing logged, the next reminder
  is a gentle nudge instead, once for each quiet stretch.
- Every email is through the outbox and holds no health text: the clinic's name, "time
  for your exercises", the private link, and a stop link (also as List-Unsubscribe).
- Stopping erases the address at once; reminders end with the program, its revoked
  link or its erasure (the row goes with the program).
"""

from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES
from django.utils.translation import gettext, gettext_lazy

from clinic.cta import clinic_phone
from core import outbox
from core.site_address import absolute_url
from programs.models import DAY_CODES, Program, ProgramMessage, Reminders

# A reminder still goes this long after its time (the timer runs every 15 minutes, and
# a server may have been down); later than that, not today.
LATE_BY_AT_MOST = timedelta(hours=3)
QUIET_DAYS = 3
# A patient who asks again for the same address within this time is told to look for
# the first email rather than sent a second one.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
# An address never confirmed is forgotten after this long.
UNCONFIRMED_KEPT = timedelta(days=7)

# The time zones a patient picks from: the clinic's first (settings.TIME_ZONE), then those
# of the United States and its territories, and of the Spanish-speaking countries.
COMMON_TIME_ZONES = [
    ("America/New_York", gettext_lazy("New York")),
    ("America/Chicago", gettext_lazy("Chicago")),
    ("America/Denver", gettext_lazy("Denver")),
    ("America/Phoenix", gettext_lazy("Phoenix")),
    ("America/Los_Angeles", gettext_lazy("Los Angeles")),
    ("America/Anchorage", gettext_lazy("Anchorage")),
    ("Pacific/Honolulu", gettext_lazy("Honolulu")),
    ("America/Puerto_Rico", gettext_lazy("Puerto Rico")),
    ("Pacific/Guam", gettext_lazy("Guam")),
    ("America/Mexico_City", gettext_lazy("Mexico City")),
    ("America/Tijuana", gettext_lazy("Tijuana")),
    ("America/Guatemala", gettext_lazy("Guatemala")),
    ("America/El_Salvador", gettext_lazy("El Salvador")),
    ("America/Tegucigalpa", gettext_lazy("Tegucigalpa")),
    ("America/Managua", gettext_lazy("Managua")),
    ("America/Costa_Rica", gettext_lazy("Costa Rica")),
    ("America/Panama", gettext_lazy("Panama")),
    ("America/Havana", gettext_lazy("Havana")),
    ("America/Santo_Domingo", gettext_lazy("Santo Domingo")),
    ("America/Bogota", gettext_lazy("Bogota")),
    ("America/Caracas", gettext_lazy("Caracas")),
    ("America/Guayaquil", gettext_lazy("Guayaquil")),
    ("America/Lima", gettext_lazy("Lima")),
    ("America/La_Paz", gettext_lazy("La Paz")),
    ("America/Santiago", gettext_lazy("Santiago")),
    ("America/Asuncion", gettext_lazy("Asuncion")),
    ("America/Argentina/Buenos_Aires", gettext_lazy("Buenos Aires")),
    ("America/Montevideo", gettext_lazy("Montevideo")),
    ("Europe/Madrid", gettext_lazy("Madrid")),
    ("Atlantic/Canary", gettext_lazy("Canary Islands")),
    ("Europe/London", gettext_lazy("London")),
]


@cache
def _known_zones():
    """Worked out once: reading the time zone database takes tens of milliseconds."""
    return frozenset(available_timezones())


def time_zone_choices():
    """[(zone, label)] in the active language: the clinic's zone first, then the common
    ones that exist here."""
    labels = dict(COMMON_TIME_ZONES)
    clinic = settings.TIME_ZONE
    zones = [clinic, *(zone for zone, _ in COMMON_TIME_ZONES if zone != clinic)]
    return [
        (zone, str(labels.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")))
        for zone in zones
        if zone in _known_zones()
    ]


def _link(name, reminders):
    with translation.override(reminders.language):
        return absolute_url(reverse(f"programs:reminders_{name}", args=[reminders.key]))


# --- Asking, confirming, stopping ------------------------------------------------------


class Asked:
    CONFIRMATION_SENT = "confirmation-sent"
    ALREADY_SENT = "already-sent"
    CHANGED = "changed"


@transaction.atomic
def ask(program, *, email, days, at, time_zone, language, now=None):
    """The patient asks for reminders. Returns what happened (Asked): a confirmation email
    queued; one already sent to this address a few minutes ago; or, when reminders to this
    address are already on, the days and time changed without a new confirmation."""
    now = now or timezone.now()
    settings_ = {"days": ",".join(days), "time": at, "time_zone": time_zone, "language": language}
    # One request at a time per program (a double tap): the second waits, then finds the
    # first one's row.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    current = Reminders.objects.filter(program=program).first()
    same_address = current is not None and current.email.lower() == email.lower()
    if same_address and current.confirmed_at:
        Reminders.objects.filter(pk=current.pk).update(**settings_)
        return Asked.CHANGED
    if same_address and now - current.asked_at < CONFIRMATION_RESEND_AFTER:
        Reminders.objects.filter(pk=current.pk).update(**settings_)
        return Asked.ALREADY_SENT
    if current is not None:  # a new address (or a late second try): the old link stops
        outbox.forget(to=current.email, containing=[current.key])
        current.delete()
    reminders = Reminders.objects.create(program=program, email=email, asked_at=now, **settings_)
    with translation.override(language):
        _send(
            reminders,
            subject=gettext("Please confirm your exercise reminders"),
            paragraphs=[
                gettext("Hello,"),
                gettext(
                    "You asked %(clinic)s for email reminders for your home exercises. "
                    "To start them, open this link and press Confirm:"
                )
                % {"clinic": _clinic_name()},
                _link("confirm", reminders),
                gettext(
                    "If you did not ask for this, you can ignore this email: nothing more "
                    "will come."
                ),
                _clinic_name(),
            ],
            stop_link=False,
        )
    return Asked.CONFIRMATION_SENT


def forget_unused(now=None):
    """Erase the addresses no longer needed (the nightly purge): reminders never confirmed
    within UNCONFIRMED_KEPT, and those of programs that have ended. Returns how many."""
    now = now or timezone.now()
    unused = Reminders.objects.filter(
        Q(confirmed_at__isnull=True, asked_at__lt=now - UNCONFIRMED_KEPT)
        | Q(program__end_date__lt=timezone.localdate(now) - timedelta(days=1))
    )
    count = 0
    for reminders in unused:
        stop(reminders)
        count += 1
    return count


def confirm(reminders, now=None):
    """The patient followed the confirmation link and pressed Confirm."""
    if reminders.confirmed_at is None:
        reminders.confirmed_at = now or timezone.now()
        reminders.save(update_fields=["confirmed_at"])


def stop(reminders):
    """No more reminders, and the address is forgotten (with any email not sent yet).

    The row is locked first: a `send_due` that took today's reminder has committed its
    email before this goes on (and `forget` erases it), or finds the row gone."""
    with transaction.atomic():
        locked = Reminders.objects.select_for_update().filter(pk=reminders.pk).first()
        if locked is not None:
            outbox.forget(to=locked.email, containing=[locked.key])
            locked.delete()


# --- Sending ---------------------------------------------------------------------------


def _clinic_name():
    return settings.SITE_NAME  # the clinic's name, as in every email the site sends


def _send(reminders, *, subject, paragraphs, stop_link=True):
    """Queue one email to the patient: no health text, the stop link at the end."""
    stop_url = _link("stop", reminders) if stop_link else ""
    if stop_link:
        paragraphs = [
            *paragraphs,
            gettext("To stop these reminders, open this link and press Stop:") + "\n" + stop_url,
        ]
    outbox.queue_email(
        to=reminders.email,
        subject=subject,
        body="\n\n".join(paragraphs),
        reply_to=settings.REPLY_TO_EMAIL,
        unsubscribe_url=stop_url,
    )


def _local_now(reminders, now):
    return now.astimezone(ZoneInfo(reminders.time_zone))


def _take_the_day(reminders, day, **changes):
    """Mark today's email as sent, only if no other run did: True for the one run that may
    send it (a conditional UPDATE: on PostgreSQL a second one waits, then finds it done)."""
    not_yet = Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=day)
    return bool(
        Reminders.objects.filter(not_yet, pk=reminders.pk).update(last_sent_on=day, **changes)
    )


def _program_link(program, language):
    return absolute_url(program.patient_url(language))


def _reminder(reminders, program):
    first = gettext("Time for your exercises. Open them here:")
    _send(
        reminders,
        subject=gettext("Time for your exercises: %(clinic)s") % {"clinic": _clinic_name()},
        paragraphs=[
            gettext("Hello,"),
            first,
            _program_link(program, reminders.language),
            gettext("When you are done, mark them done on the page."),
            _clinic_name(),
        ],
    )


def _nudge(reminders, program):
    _send(
        reminders,
        subject=gettext("Your exercises are still here: %(clinic)s") % {"clinic": _clinic_name()},
        paragraphs=[
            gettext("Hello,"),
            gettext(
                "Nothing has been marked done on your exercise page for a few days. That is "
                "all right: start again when you can, with an easy day."
            ),
            _program_link(program, reminders.language),
            gettext(
                "If something stops you, such as pain or not being sure how to do them, "
                "call us at %(phone)s."
            )
            % {"phone": clinic_phone()[0]},
            _clinic_name(),
        ],
    )


def _message_notice(reminders, program):
    _send(
        reminders,
        subject=gettext("A message from your physical therapist: %(clinic)s")
        % {"clinic": _clinic_name()},
        paragraphs=[
            gettext("Hello,"),
            gettext(
                "Your physical therapist has left you a message. Open your exercises to read it:"
            ),
            _program_link(program, reminders.language),
            _clinic_name(),
        ],
    )


def _active(now):
    """Confirmed reminders whose program may be running somewhere on Earth today."""
    today = timezone.localdate(now)
    return (
        Reminders.objects.filter(
            confirmed_at__isnull=False,
            program__link_revoked_at__isnull=True,
            program__start_date__lte=today + timedelta(days=1),
            program__end_date__gte=today - timedelta(days=1),
        )
        .select_related("program")
        .annotate(last_log=Max("program__logs__day"))
    )


def _unannounced(program_ids):
    return set(
        ProgramMessage.objects.filter(
            program_id__in=program_ids, read_at__isnull=True, announced_at__isnull=True
        ).values_list("program_id", flat=True)
    )


def _due_slot(reminders, local, message_waiting):
    """The patient's date whose reminder is due at `local` (their time now): today's, or
    yesterday's when its time was late in the evening and the run comes after midnight;
    None when no slot is open (before the time, or more than LATE_BY_AT_MOST after)."""
    today = local.date()
    for day in (today, today - timedelta(days=1)):
        at = datetime.combine(day, reminders.time, tzinfo=local.tzinfo)
        if not at <= local <= at + LATE_BY_AT_MOST:
            continue
        if message_waiting or DAY_CODES[day.weekday()] in reminders.day_codes:
            return day
    return None


def _missed_reminder_days(reminders, since, day):
    """How many of the patient's reminder days fell after `since` and before `day`."""
    count, current = 0, since + timedelta(days=1)
    while current < day:
        count += DAY_CODES[current.weekday()] in reminders.day_codes
        current += timedelta(days=1)
    return count


def send_due(now=None):
    """Queue the reminders due now; returns how many emails were queued."""
    now = now or timezone.now()
    candidates = list(_active(now))
    with_message = _unannounced([r.program_id for r in candidates])
    queued = 0
    for reminders in candidates:
        program = reminders.program
        message_waiting = reminders.program_id in with_message
        day = _due_slot(reminders, _local_now(reminders, now), message_waiting)
        if day is None or not (program.is_running(day) and program.link_works(day)):
            continue
        if reminders.last_sent_on is not None and reminders.last_sent_on >= day:
            continue
        # Quiet: nothing logged on the last QUIET_DAYS reminder days (not calendar days: a
        # Monday-Wednesday-Friday patient who logged on Friday is not quiet on Monday).
        confirmed_on = _local_now(reminders, reminders.confirmed_at).date()
        quiet_since = max(filter(None, [reminders.last_log, program.start_date, confirmed_on]))
        quiet = _missed_reminder_days(reminders, quiet_since, day) >= QUIET_DAYS
        nudge = quiet and not message_waiting and reminders.nudged_for != quiet_since
        with transaction.atomic(), translation.override(reminders.language):
            changes = {"nudged_for": quiet_since} if nudge else {}
            if not _take_the_day(reminders, day, **changes):
                continue
            if message_waiting:  # said instead of the reminder: one email a day
                _message_notice(reminders, program)
                _announce(program)
            elif nudge:
                _nudge(reminders, program)
            else:
                _reminder(reminders, program)
            queued += 1
    return queued


def _announce(program, now=None):
    ProgramMessage.objects.filter(
        program=program, read_at__isnull=True, announced_at__isnull=True
    ).update(announced_at=now or timezone.now())


def announce_message(program, now=None):
    """A PT wrote to the patient: when they get reminders, an email says there is a message
    (no text), now unless an email already went today, else with the next reminder run."""
    now = now or timezone.now()
    reminders = Reminders.objects.filter(program=program, confirmed_at__isnull=False).first()
    if reminders is None or not program.link_works():
        return False
    today = _local_now(reminders, now).date()
    with transaction.atomic(), translation.override(reminders.language):
        if not _take_the_day(reminders, today):
            return False  # said in the next day's email
        _message_notice(reminders, program)
        _announce(program, now)
    return True


def describe(reminders):
    """'Monday, Wednesday at 18:00 (Chicago time)', or 'every day at …', in the active
    language (weekday names as Django writes them: lower case in Spanish)."""
    codes = reminders.day_codes
    if len(set(codes)) == len(DAY_CODES):
        days = gettext("every day")
    else:
        days = ", ".join(
            str(WEEKDAY_NAMES[number]) for number, code in enumerate(DAY_CODES) if code in codes
        )
    zone = dict(time_zone_choices()).get(reminders.time_zone, reminders.time_zone)
    return gettext("%(days)s at %(time)s (%(zone)s time)") % {
        "days": days,
        "time": reminders.time.strftime("%H:%M"),
        "zone": zone,
    }
