"""How a program is going: adherence, the pain trend and the flags a PT should see.

Everything here works on a program's items and logs already in memory (prefetched by
`Program.objects.with_progress()`), so a list of programs costs a fixed number of queries.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.utils import timezone

from core.safety import PAIN_RULE_MAX

SEVERE_PAIN = 7  # a log at or above this pain needs help now and is a flag at once
QUIET_DAYS = 7  # no log for this long while the program runs is a flag
ABOVE_RULE_OF_LAST = (2, 3)  # pain above the rule on 2 of the last 3 logs of one exercise
HARD_TWICE = 2  # an exercise marked too hard this many times is a flag
WINDOW_DAYS = 28  # what the list looks at: adherence over 28 days, the pain chart
FLAGGED_AFTER_END_DAYS = 7  # a program that ended longer ago than this needs no action

# Words in a patient's comment that mean the exercise must stop today whatever the number:
# the pain rule's "feels sharp", and nerve signs (numbness, tingling) or a knee that gives way.
SEVERE_WORDS = re.compile(
    r"\b(?:sharp|stabbing|shooting|numb(?:ness)?|tingl\w*|pins and needles|gave way|"
    r"giv(?:es|ing) way|locked|locking)\b",
    re.IGNORECASE,
)


class PainBand(models.TextChoices):
    """What a log says about the pain rule (core.safety.PAIN_RULE), and so what the page
    answers and whether the PT is told. Written against the pain-monitoring model of the
    2019 JOSPT patellofemoral pain guideline and the site's own pain rule."""

    WITHIN = "within", "within the pain rule"
    ABOVE = "above", "above the pain rule, or too hard"
    SEVERE = "severe", "severe or sharp pain"


def pain_band(log):
    """The band of one log: severe (7 or more, or a comment that says sharp), above the
    rule (4 to 6, or too hard), or within it (0 to 3 and not too hard)."""
    if log.pain >= SEVERE_PAIN or SEVERE_WORDS.search(log.comment or ""):
        return PainBand.SEVERE
    if log.pain > PAIN_RULE_MAX or log.effort == "hard":
        return PainBand.ABOVE
    return PainBand.WITHIN


@dataclass(frozen=True)
class Progress:
    adherence_7: int | None  # percent of the asked sessions done, None before the start
    adherence_28: int | None
    pain_by_day: list  # [(date, highest pain that day)], oldest first, last 28 days
    flags: list  # [Flag], each a reason in words without health details beyond the numbers

    @property
    def needs_attention(self):
        return bool(self.flags)

    @property
    def reasons(self):
        return [flag.reason for flag in self.flags]


@dataclass(frozen=True)
class Flag:
    kind: str  # one of FLAG_RULES' names: a PT is emailed once for each new kind
    reason: str


def adherence(program, items, logs, days, today):
    """The share of asked sessions (days a week per exercise) done in the last `days` days.

    Each exercise counts on its own: every exercise done on its asked days is 100%, and
    four of five exercises done every day is 80%, not more."""
    first = max(program.start_date, today - timedelta(days=days - 1))
    last = min(program.end_date, today)
    if last < first or not items:
        return None
    span = (last - first).days + 1
    # Logs of an exercise the PT has taken out are kept, but it is no longer asked for.
    shares = []
    for item in items:
        asked = item.days_a_week * span / 7
        done = sum(1 for log in logs if log.item_id == item.pk and first <= log.day <= last)
        shares.append(min(1, done / asked))
    return round(100 * sum(shares) / len(shares))


def _by_exercise(logs):
    """{exercise of the program (or a removed one): its logs, oldest first}."""
    groups = {}
    for log in logs:
        groups.setdefault(log.item_id or f"exercise {log.exercise_id}", []).append(log)
    return groups


# The flag rules, one small function each: (program, logs since the flags were last
# cleared, oldest first, today) -> the reason in words, or None. The admin shows their
# descriptions (FLAG_RULES) beside the program's flags.


def severe_pain(program, logs, today):
    severe = [log for log in logs if pain_band(log) == PainBand.SEVERE]
    if not severe:
        return None
    worst = max(log.pain for log in severe)
    if worst >= SEVERE_PAIN:
        return f"pain {worst}/10 logged"
    return "a comment says sharp pain, numbness or giving way"


def above_the_rule_again(program, logs, today):
    wanted, of_last = ABOVE_RULE_OF_LAST
    for exercise_logs in _by_exercise(logs).values():
        last = exercise_logs[-of_last:]
        if sum(1 for log in last if log.pain > PAIN_RULE_MAX) >= wanted:
            return f"pain above {PAIN_RULE_MAX}/10 on {wanted} of the last {of_last} logs of one exercise"
    return None


def too_hard_twice(program, logs, today):
    for exercise_logs in _by_exercise(logs).values():
        if sum(1 for log in exercise_logs if log.effort == "hard") >= HARD_TWICE:
            return "an exercise marked too hard twice"
    return None


def quiet(program, logs, today):
    if not program.is_running(today) or not program.items.all():
        return None
    since = max(
        [program.start_date]
        + [log.day for log in logs]
        + ([timezone.localtime(program.reviewed_at).date()] if program.reviewed_at else [])
    )
    if (today - since).days >= QUIET_DAYS:
        return f"nothing logged for {(today - since).days} days"
    return None


def worse_by_the_mcid(questionnaire, first, score):
    """Whether `score` is worse than the `first` score by the questionnaire's minimal
    clinically important difference or more (in its direction: pain up, function down)."""
    worse = first - score if questionnaire.higher_is_better else score - first
    return worse >= questionnaire.minimal_important_change


def worse_score(program, logs, today):
    """A questionnaire's latest score worse than its first by the MCID or more, answered
    since the flags were last cleared."""
    for assignment in program.questionnaires.all():
        scored = sorted(
            (r for r in assignment.responses.all() if r.score is not None), key=lambda r: r.due_on
        )
        if len(scored) < 2:
            continue
        latest = scored[-1]
        if program.reviewed_at and latest.completed_at <= program.reviewed_at:
            continue
        questionnaire = assignment.questionnaire
        if worse_by_the_mcid(questionnaire, scored[0].score, latest.score):
            return f"{questionnaire.short_name} worse than the first score by the MCID or more"
    return None


FLAG_RULES = {
    "severe": (
        severe_pain,
        f"a log at pain {SEVERE_PAIN}/10 or more, or a comment that says sharp pain, numbness or giving way",
    ),
    "above_rule": (
        above_the_rule_again,
        f"pain above {PAIN_RULE_MAX}/10 on 2 of the last 3 logs of one exercise",
    ),
    "too_hard": (too_hard_twice, f"an exercise marked too hard {HARD_TWICE} times"),
    "quiet": (quiet, f"nothing logged for {QUIET_DAYS} days while the program runs"),
    "score": (
        worse_score,
        "a questionnaire scored worse than the first time by its minimal clinically "
        "important difference or more",
    ),
}


def flags(program, logs, today):
    """[Flag] of why a PT should look at this program now (logs before `reviewed_at` are
    done with)."""
    if today > program.end_date + timedelta(days=FLAGGED_AFTER_END_DAYS):
        return []
    if program.reviewed_at:
        logs = [log for log in logs if log.logged_at > program.reviewed_at]
    logs = sorted(logs, key=lambda log: (log.day, log.logged_at))
    found = []
    for kind, (rule, _) in FLAG_RULES.items():
        reason = rule(program, logs, today)
        if reason:
            found.append(Flag(kind, reason))
    return found


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
    rule = round(height - 2 - PAIN_RULE_MAX * (height - 4) / 10, 1)
    summary = f"Highest pain each day over {WINDOW_DAYS} days: " + ", ".join(
        f"{day:%b %-d} {pain}" for day, pain in pain_by_day
    )
    return (
        f'<svg class="pain-chart" width="{width}" height="{height}" viewBox="0 0 {width} '
        f'{height}" role="img" aria-label="{summary}"><title>{summary}</title>'
        f'<line x1="0" y1="{rule}" x2="{width}" y2="{rule}" stroke="currentColor" '
        f'stroke-dasharray="2 2" stroke-width="0.5"/>'
        f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        f'<g fill="currentColor">{dots}</g></svg>'
    )
