"""The spike of `make bench`: many visitors over many public pages while staff work.

wrk at 64 connections picks a random page per request from about 500 public addresses
(the home page, 250 articles, 100 exercises, 100 answers, the lists); a Lua script
counts the page cache's answers (X-Page-Cache). Three runs on the same gunicorn with the
page cache on, side by side:

- quiet: nobody edits;
- edits: an article saved every 2 s (as the admin's form saves it) and a PT's queue step
  every second (assign, draft an answer, mark spam: questions no public page shows);
- storm: an article saved every 0.2 s.

Each prints req/s, the share of page-cache hits and p99. Runs inside bench/run.py's
configured process, on its database.
"""

import random
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

CONNECTIONS = 64
SECONDS = 20

LUA = """
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hits = 0; stale = 0; total = 0 end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
response = function(status, headers, body)
  total = total + 1
  local state = headers["X-Page-Cache"]
  if state == "hit" then hits = hits + 1 elseif state == "stale" then stale = stale + 1 end
end
function done(summary, latency, requests)
  local h, s, t = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); s = s + thread:get("stale"); t = t + thread:get("total")
  end
  io.write(string.format("PAGECACHE %%d %%d %%d\\n", h, s, t))
end
"""


def duration_ms(text):
    """A wrk latency ("512.30us", "1.20ms", "2.01s") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def public_paths():
    from education.models import Article
    from exercises.models import Exercise
    from questions.models import Question

    paths = ["/"] * 30
    paths += [a.get_absolute_url() for a in Article.objects.published().order_by("pk")[:250]]
    paths += [e.get_absolute_url() for e in Exercise.objects.published().order_by("pk")[:100]]
    paths += [q.get_absolute_url() for q in Question.objects.published().order_by("pk")[:100]]
    paths += ["/articles/", "/articles/?page=2", "/exercises/", "/questions/", "/clinics/"] * 3
    return paths


class Staff(threading.Thread):
    """Saves articles (and works the PT's queue) at a steady pace until stopped."""

    def __init__(self, article_every, queue_every=None):
        super().__init__(daemon=True)
        self.article_every, self.queue_every = article_every, queue_every
        self.stop = threading.Event()
        self.saves = 0

    def run(self):
        from django.contrib.auth import get_user_model
        from django.db import connection

        from education.models import Article
        from questions.models import Question
        from questions.services import assign_question, mark_spam

        articles = list(Article.objects.published().order_by("pk")[:50])
        waiting = list(Question.objects.waiting().order_by("pk")[:500])
        users = get_user_model().objects
        pt = users.filter(is_staff=True).first() or users.create_user("bench-pt", is_staff=True)
        next_article = next_queue = time.monotonic()
        try:
            while not self.stop.is_set():
                now = time.monotonic()
                if now >= next_article:
                    article = articles[self.saves % len(articles)]
                    article.summary = f"{article.summary.split(' (edit')[0]} (edit {self.saves})"
                    article.save()
                    self.saves += 1
                    next_article += self.article_every
                if self.queue_every and now >= next_queue and waiting:
                    question = waiting.pop()
                    step = random.choice(("assign", "draft", "spam"))  # noqa: S311
                    if step == "assign":
                        assign_question(question, pt)
                    elif step == "draft":
                        question.answer = "A draft answer."
                        question.save()
                    else:
                        mark_spam(question)
                    next_queue += self.queue_every
                self.stop.wait(0.01)
        finally:
            connection.close()


def run_wrk(base, script):
    out = subprocess.run(  # noqa: S603
        [  # noqa: S607 - wrk from the PATH, as make bench installs it
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{SECONDS}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    hits, stale, total = map(int, re.search(r"PAGECACHE (\d+) (\d+) (\d+)", out).groups())
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": duration_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "hits": 100 * hits / max(total, 1),
        "stale": 100 * stale / max(total, 1),
    }


def spike(base):
    """Run the three scenarios against the cached gunicorn at `base`: [(label, result)]."""
    paths = public_paths()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(LUA % {"paths": ", ".join(f'"{p}"' for p in paths)})
    script = Path(lua.name)
    rows = []
    try:
        run_wrk(base, script)  # warm every page
        for label, pace in SCENARIOS:
            staff = Staff(*pace) if pace else None
            if staff:
                staff.start()
            result = run_wrk(base, script)
            if staff:
                staff.stop.set()
                staff.join()
                result["saves"] = staff.saves
                run_wrk(base, script)  # the cache fills again before the next scenario
            rows.append((label, result))
    finally:
        script.unlink()
    return len(paths), rows


SCENARIOS = [
    ("quiet: nobody edits", None),
    ("an article every 2 s + a queue step every 1 s", (2.0, 1.0)),
    ("an article every 0.2 s", (0.2, None)),
]


def report(spiked, stdout=print):
    count, rows = spiked
    quiet = rows[0][1]["rps"]
    stdout(f"\nSpike: wrk -c{CONNECTIONS} {SECONDS}s over {count} public addresses, page cache on")
    header = (
        f"{'scenario':<48} {'req/s':>7} {'x quiet':>7} {'hits %':>7} {'stale %':>7} {'p99 ms':>7}"
    )
    stdout(header)
    stdout("-" * len(header))
    for label, r in rows:
        stdout(
            f"{label:<48} {r['rps']:>7.0f} {r['rps'] / quiet:>7.2f} {r['hits']:>7.1f} "
            f"{r['stale']:>7.1f} {r['p99']:>7.0f}"
            + (f"  ({r['saves']} article saves)" if "saves" in r else "")
        )
    if not settings.REDIS_URL:
        stdout(
            "Without REDIS_URL each process has a cache of its own: the edits this benchmark "
            "makes are not seen by gunicorn's workers, so only the PostgreSQL + Redis run "
            "measures what edits cost."
        )
