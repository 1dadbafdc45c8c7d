"""How a program is going: adherence, the pain trend and the flags a PT should see.

Everything here works on a program's items and logs already in memory (prefetched by
`Program.objects.with_progress()`), so a list of programs costs a fixed number of queries.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

PAIN_FLAG = 7  # a log at or above this pain is a flag
QUIET_DAYS = 7  # no log for this long while the program runs is a flag
HARD_TWICE = 2  # an exercise marked too hard this many times is a flag
WINDOW_DAYS = 28  # what the list looks at: adherence over 28 days, the pain chart
FLAGGED_AFTER_END_DAYS = 7  # a program that ended longer ago than this needs no action


@dataclass(frozen=True)
class Progress:
    adherence_7: int | None  # percent of the asked sessions done, None before the start
    adherence_28: int | None
    pain_by_day: list  # [(date, highest pain that day)], oldest first, last 28 days
    flags: list  # reasons, in words without health details beyond the numbers

    @property
    def needs_attention(self):
        return bool(self.flags)


def adherence(program, items, logs, days, today):
    """The share of asked sessions (days a week per exercise) done in the last `days` days."""
    first = max(program.start_date, today - timedelta(days=days - 1))
    last = min(program.end_date, today)
    if last < first or not items:
        return None
    span = (last - first).days + 1
    asked = sum(item.days_a_week for item in items) * span / 7
    # Logs of an exercise the PT has taken out are kept, but it is no longer asked for.
    done = sum(1 for log in logs if log.item_id and first <= log.day <= last)
    return min(100, round(100 * done / asked)) if asked else None


def flags(program, logs, today):
    """Why a PT should look at this program now (logs before `reviewed_at` are done with)."""
    if today > program.end_date + timedelta(days=FLAGGED_AFTER_END_DAYS):
        return []
    if program.reviewed_at:
        logs = [log for log in logs if log.logged_at > program.reviewed_at]
    logs = sorted(logs, key=lambda log: (log.day, log.logged_at))
    reasons = []
    worst = max((log.pain for log in logs), default=None)
    if worst is not None and worst >= PAIN_FLAG:
        reasons.append(f"pain {worst}/10 logged")
    # The trend is from day to day (the highest pain of each day): three exercises done
    # one after another, at 2, 4 and 5, are one session, not a rise.
    by_day = {}
    for log in logs:
        by_day[log.day] = max(by_day.get(log.day, 0), log.pain)
    last_three = [by_day[day] for day in sorted(by_day)[-3:]]
    if len(last_three) == 3 and last_three[0] < last_three[1] < last_three[2]:
        reasons.append("pain rising over the last three days logged")
    hard = {}
    for log in logs:
        if log.effort == "hard":
            # Per exercise of the program (a side each may be two), or per exercise once
            # the PT has taken it out.
            which = log.item_id or f"exercise {log.exercise_id}"
            hard[which] = hard.get(which, 0) + 1
    if any(count >= HARD_TWICE for count in hard.values()):
        reasons.append("an exercise marked too hard twice")
    if program.is_running(today) and program.items.all():
        since = max(
            [program.start_date]
            + [log.day for log in logs]
            + ([timezone.localtime(program.reviewed_at).date()] if program.reviewed_at else [])
        )
        if (today - since).days >= QUIET_DAYS:
            reasons.append(f"nothing logged for {(today - since).days} days")
    return reasons


def progress(program, today=None):
    """The Progress of a program whose items and recent logs are prefetched."""
    today = today or timezone.localdate()
    items = list(program.items.all())
    logs = [log for log in program.logs.all() if log.day > today - timedelta(days=WINDOW_DAYS)]
    pain = {}
    for log in logs:
        pain[log.day] = max(pain.get(log.day, 0), log.pain)
    return Progress(
        adherence_7=adherence(program, items, logs, 7, today),
        adherence_28=adherence(program, items, logs, WINDOW_DAYS, today),
        pain_by_day=sorted(pain.items()),
        flags=flags(program, logs, today),
    )


def pain_chart_svg(pain_by_day, today=None, width=140, height=36):
    """A small line chart of the highest pain each day over the window, drawn on the server.

    Only numbers go into it. It carries its own text (<title>) and a dot per logged day,
    so it reads without colour; the list beside it says the latest and highest in words.
    """
    today = today or timezone.localdate()
    if not pain_by_day:
        return ""
    start = today - timedelta(days=WINDOW_DAYS - 1)

    def point(day, pain):
        x = round((day - start).days * (width - 4) / (WINDOW_DAYS - 1) + 2, 1)
        y = round(height - 2 - pain * (height - 4) / 10, 1)
        return x, y

    points = [point(day, pain) for day, pain in pain_by_day]
    line = " ".join(f"{x},{y}" for x, y in points)
    dots = "".join(f'<circle cx="{x}" cy="{y}" r="2"/>' for x, y in points)
    seven = round(height - 2 - PAIN_FLAG * (height - 4) / 10, 1)
    summary = f"Highest pain each day over {WINDOW_DAYS} days: " + ", ".join(
        f"{day:%b %-d} {pain}" for day, pain in pain_by_day
    )
    return (
        f'<svg class="pain-chart" width="{width}" height="{height}" viewBox="0 0 {width} '
        f'{height}" role="img" aria-label="{summary}"><title>{summary}</title>'
        f'<line x1="0" y1="{seven}" x2="{width}" y2="{seven}" stroke="currentColor" '
        f'stroke-dasharray="2 2" stroke-width="0.5"/>'
        f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        f'<g fill="currentColor">{dots}</g></svg>'
    )
