"""`make bench`: throughput of the public pages under gunicorn, as ratios to a bare Django view.

Makes a throwaway database (an SQLite file in bench-results/, or the PostgreSQL
database named in BENCH_DATABASE_URL, created if missing and emptied), fills it with
the benchmark data set, starts two gunicorns with production settings, and drives
them with wrk at 16 connections, the pages interleaved in rounds; each figure is the
median of the rounds. The two modes:

- rendered: page cache off: every page built from the database and its templates on
  every request;
- cached: the page cache on (core/page_cache.py), as the site runs.

Queries per request are counted in this process with the Django test client on the
same database, and so is the first rendering of a detail page after a content change
(the cache cold), the cost the next visitor pays after every edit.

Variables: BENCH_DATABASE_URL, REDIS_URL (use a database of your own, e.g. /1),
BENCH_SECONDS (per page and round, default 3), BENCH_ROUNDS (default 3).
"""

import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 16
# Distinct ask forms in each wrk run of the POST benchmark (more than one run sends).
ASK_FORMS = 8_000
HOST = "127.0.0.1"


def prepare_database():
    """The DATABASE_URL of a fresh, empty throwaway database."""
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url:
        RESULTS.mkdir(exist_ok=True)
        for path in RESULTS.glob("bench.sqlite3*"):
            path.unlink()
        return f"sqlite:///{RESULTS / 'bench.sqlite3'}"
    import psycopg
    from psycopg import sql

    name = urlparse(url).path.lstrip("/")
    if not name or name in {"test", "postgres", "template0", "template1"}:
        sys.exit(f"BENCH_DATABASE_URL must name a throwaway database of its own, not {name!r}")
    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


def configure(database_url):
    media = RESULTS / "media"
    shutil.rmtree(media, ignore_errors=True)
    env = {
        "SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": f"{HOST},testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "EMAIL_URL": "dummymail://",
        "BENCH_BARE_VIEW": "1",
        # The ask form's limits would answer 429 after five posts.
        "RATELIMIT_ENABLE": "0",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


MODES = {
    "rendered": {"PAGE_CACHE_SECONDS": "0"},
    "cached": {"PAGE_CACHE_SECONDS": "3600"},
}


def start_gunicorn(env, mode):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--workers=3",
            f"--bind={HOST}:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env, **MODES[mode]},
    )
    base = f"http://{HOST}:{port}"
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):  # noqa: S310
                return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def ask_post_script(base):
    """A maker of wrk Lua scripts that post valid ask forms with a CSRF cookie and token."""

    from core import antispam

    with urllib.request.urlopen(f"{base}/ask/") as response:  # noqa: S310
        page = response.read().decode()
        cookie = response.headers.get_all("Set-Cookie")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf_cookie = next(c.split(";")[0] for c in cookie if c.startswith("csrftoken="))

    def body():
        return urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": "Pat",
                "email": "pat@example.com",
                "text": "My knee hurts when I climb the stairs. What can I do at home?",
                "region": "",
                "not_an_emergency": "on",
                "website": "",
                # Signed as if the form had been opened a minute ago. Each body is its own
                # form (the token carries the form's id): a repeat would only find its row.
                "started": antispam.start_token(seconds_ago=60),
            }
        )

    def new_script():
        """A script with forms of its own: each wrk run posts forms never sent before."""
        bodies = ",\n".join(f'"{body()}"' for _ in range(ASK_FORMS))
        script = Path(tempfile.mkstemp(suffix=".lua", dir=RESULTS)[1])
        script.write_text(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f'wrk.headers["Cookie"] = "{csrf_cookie}"\n'
            f"local bodies = {{\n{bodies}\n}}\n"
            # Each of wrk's threads takes every other form, so no two send the same one.
            "local threads = 0\n"
            'function setup(thread) thread:set("first", threads); threads = threads + 1 end\n'
            "function init(args) next_body = first end\n"
            "function request()\n"
            "  next_body = next_body + 2\n"
            "  return wrk.format(nil, nil, nil, bodies[next_body % #bodies + 1])\n"
            "end\n"
        )
        return script

    return new_script, {"csrfmiddlewaretoken": token, "cookie": csrf_cookie}


def wrk(url, seconds, script=None):
    from bench.spike import duration_ms

    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    made = script() if callable(script) else None  # a script of its own for this run
    if script:
        command += ["-s", str(made or script)]
    try:
        out = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=True
        ).stdout
    finally:
        if made:
            made.unlink()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": duration_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": duration_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def count_queries(path, mode, method="get", data=None):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = int(MODES[mode]["PAGE_CACHE_SECONDS"])
    client = Client()
    if method == "get":
        client.get(path)  # warm the call-to-action (and the cached page)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
    else:
        with CaptureQueriesContext(connection) as queries:
            status = client.post(path, data).status_code
    assert status in (200, 302), f"{path}: {status}"
    return len(queries)


def rows():

    from education.models import Article
    from exercises.models import Exercise
    from questions.models import Question

    article = Article.objects.published().filter(slug__startswith="bench-").first()
    exercise = Exercise.objects.published().filter(slug__startswith="bench-").first()
    equipment = exercise.equipment.first()
    region = exercise.body_regions.first()
    question = Question.objects.published().filter(slug__startswith="bench-").first()
    pages = [
        "/",
        "/articles/",
        article.get_absolute_url(),
        f"/exercises/?region={region.slug}&equipment={equipment.slug}",
        exercise.get_absolute_url(),
        question.get_absolute_url(),
    ]
    pages.append("/search/?q=knee")
    pages.append(bench_program().patient_url())
    # A short page on the base template alone: the floor of any page that is rendered.
    pages.append("/privacy/")
    return pages


def bench_program():
    """A home exercise program of 6 exercises with four weeks of logs (the patient's page)."""
    from datetime import timedelta

    from django.utils import timezone

    from exercises.models import Exercise
    from programs.models import ExerciseLog, Program, ProgramExercise

    today = timezone.localdate()
    program = Program.objects.create(label="Bench B.", start_date=today - timedelta(days=28))
    items = [
        ProgramExercise.objects.create(program=program, exercise=exercise, order=n)
        for n, exercise in enumerate(Exercise.objects.published()[:6])
    ]
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            program=program,
            item=item,
            exercise_id=item.exercise_id,
            day=today - timedelta(days=d),
            pain=2,
            effort="right",
        )
        for item in items
        for d in range(1, 28)
    )
    return program


def log_post_script(base, program):
    """A wrk Lua script that logs the program's first exercise done today, again and again
    (a patient pressing Done: the same day's log, changed)."""
    path = program.patient_url()
    with urllib.request.urlopen(f"{base}{path}") as response:  # noqa: S310
        page = response.read().decode()
        cookie = response.headers.get_all("Set-Cookie")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf_cookie = next(c.split(";")[0] for c in cookie if c.startswith("csrftoken="))
    body = urlencode({"csrfmiddlewaretoken": token, "pain": "2", "effort": "right"})
    script = Path(tempfile.mkstemp(suffix=".lua", dir=RESULTS)[1])
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "{csrf_cookie}"\n'
        f'wrk.body = "{body}"\n'
    )
    return script, f"{path}done/{program.items.first().pk}/"


def ask_form_data():

    from core import antispam

    return {
        "name": "Pat",
        "email": "pat@example.com",
        "text": "My knee hurts when I climb the stairs. What can I do at home?",
        "not_an_emergency": "on",
        "started": antispam.start_token(seconds_ago=60),
    }


def cold_renders(pages, stdout=print):
    """The first request for each detail page after a content change, in-process (median of 25, ms).

    The page cache is on: each timed request comes right after a change has started a
    new version, so it renders the page and stores it, as the first visitor after an
    edit in the admin does.
    """
    from django.conf import settings
    from django.test import Client

    from core.page_cache import content_changed_without_signal

    settings.PAGE_CACHE_SECONDS = int(MODES["cached"]["PAGE_CACHE_SECONDS"])
    client = Client()
    stdout(
        "\nFirst request after a content change (in-process, page cache cold, median of 25, ms):"
    )
    for path in pages:
        client.get(path)
        times = []
        for _ in range(25):
            content_changed_without_signal()
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and response["X-Page-Cache"] == "miss", path
        stdout(f"{path[:60]:<60} {statistics.median(times):>6.1f}")


def growth(stdout=print):
    """Time of /articles/ and /search/ (in-process, page cache off) at 100, 1,000 and 10,000 articles."""
    from django.conf import settings
    from django.test import Client

    from bench.data import add_articles
    from core.page_cache import one_content_change
    from education.models import Article

    settings.PAGE_CACHE_SECONDS = 0
    paths = ["/articles/", "/search/?q=knee"]
    client = Client()

    def timed(path):
        client.get(path)
        times = []
        for _ in range(15):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    results = {}
    keep = set(Article.objects.filter(slug__startswith="bench-").values_list("pk", flat=True)[:100])
    # 1,000 articles as generated, then 10,000, then down to 100.
    for size in (1000, 10000, 100):
        existing = Article.objects.count()
        if size > existing:
            add_articles(size - existing, start=existing + 100000)
        elif size < existing:
            doomed = Article.objects.exclude(pk__in=keep).values_list("pk", flat=True)
            with one_content_change():  # as the admin deletes many: one change, not 40,000
                Article.objects.filter(pk__in=list(doomed)[: existing - size]).delete()
        results[Article.objects.count()] = {path: timed(path) for path in paths}
    stdout("\nCost growth (in-process test client, page cache off, median of 15, ms):")
    stdout(f"{'articles':>9} " + " ".join(f"{p:>18}" for p in paths))
    for size in sorted(results):
        stdout(f"{size:>9} " + " ".join(f"{results[size][p]:>18.1f}" for p in paths))


def admin_index(stdout=print, programs=1000):
    """The admin index (its "Needs attention" dashboard) of a PT, in-process, with 10 and
    with `programs` running programs of 3 exercises and four weeks of logs each: median
    of 15, ms, and queries."""
    from datetime import timedelta

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from exercises.models import Exercise
    from portal.roles import PHYSICAL_THERAPISTS
    from programs.models import ExerciseLog, Program, ProgramExercise

    user = User.objects.create_user("bench-pt", is_staff=True)
    user.groups.add(Group.objects.get(name=PHYSICAL_THERAPISTS))
    client = Client()
    client.force_login(user)
    session = client.session
    device = StaticDevice.objects.create(user=user, name="bench")
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    exercises = list(Exercise.objects.published()[:3])
    today = timezone.localdate()

    def add(count):
        made = Program.objects.bulk_create(
            Program(label=f"Bench program {n}", start_date=today - timedelta(days=27))
            for n in range(count)
        )
        items = ProgramExercise.objects.bulk_create(
            ProgramExercise(program=program, exercise=exercise, order=order)
            for program in made
            for order, exercise in enumerate(exercises)
        )
        ExerciseLog.objects.bulk_create(
            ExerciseLog(
                program_id=item.program_id, item=item, exercise_id=item.exercise_id,
                day=today - timedelta(days=days), effort="right",
                # within the pain rule, but pain 8 today on one program in ten
                pain=8 if days == 0 and item.order == 0 and item.program_id % 10 == 0
                else (item.pk + days) % 4,
            )
            for item in items
            for days in range(0, 28, 2)
        )  # fmt: skip
        call_command("notify_flagged_programs", stdout=io.StringIO())  # flags, as each night

    def timed():
        client.get("/admin/")
        times = []
        for _ in range(15):
            began = time.perf_counter()
            assert client.get("/admin/").status_code == 200
            times.append((time.perf_counter() - began) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get("/admin/")
        return statistics.median(times), len(queries)

    stdout(
        "\nA PT's admin index (the dashboard counts flagged programs), in-process, median of 15:"
    )
    add(10)
    for size in (10, programs):
        if size > Program.objects.filter(label__startswith="Bench program ").count():
            add(size - 10)
        ms, queries = timed()
        flagged = Program.objects.needing_attention().count()
        stdout(f"{size:>6} running programs ({flagged} flagged): {ms:6.1f} ms, {queries} queries")


def main():
    started = time.monotonic()
    database_url = prepare_database()
    print(f"database: {database_url}; cache: {os.environ.get('REDIS_URL') or 'local memory'}")
    env = configure(database_url)
    from django.core.management import call_command

    from bench.data import generate
    from bench.spike import report as report_spike
    from bench.spike import spike

    call_command("migrate", "--noinput", verbosity=0)
    generate()
    call_command("collectstatic", "--noinput", verbosity=0)

    pages = rows()
    servers = {mode: start_gunicorn(env, mode) for mode in MODES}
    try:
        script, _ = ask_post_script(servers["rendered"][1])
        targets = [("bare view", "/bench/bare", None)]
        targets += [(page, page, None) for page in pages]
        targets.append(("POST /ask/", "/ask/", script))
        from programs.models import Program

        program = Program.objects.get(label="Bench B.")
        log_script, log_path = log_post_script(servers["rendered"][1], program)
        targets.append(("POST a program log", log_path, log_script))
        for _base_process, base in servers.values():  # warm up every page and worker
            for _, path, lua in targets:
                wrk(base + path, 1, lua)
        results = {}
        for round_number in range(ROUNDS):
            print(f"round {round_number + 1}/{ROUNDS}", flush=True)
            for _, path, lua in targets:
                for mode, (_, base) in servers.items():
                    results.setdefault((mode, path), []).append(wrk(base + path, SECONDS, lua))
        spiked = spike(servers["cached"][1])
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait()

    queries = {}
    for _, path, lua in targets:
        for mode in MODES:
            if lua and path != "/ask/":
                queries[(mode, path)] = count_queries(
                    path, mode, "post", {"pain": "2", "effort": "right"}
                )
            elif lua:
                queries[(mode, path)] = count_queries(path, mode, "post", ask_form_data())
            elif path != "/bench/bare":
                queries[(mode, path)] = count_queries(path, mode)
            else:
                queries[(mode, path)] = 0

    print(
        f"\n{len(targets)} rows x {len(MODES)} modes, wrk -c{CONNECTIONS} {SECONDS}s x {ROUNDS} rounds, median"
    )
    header = f"{'page':<46} {'mode':<8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'queries':>7} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for label, path, _ in targets:
        for mode in servers:
            runs = results[(mode, path)]
            bare = statistics.median(r["rps"] for r in results[(mode, "/bench/bare")])
            rps = statistics.median(r["rps"] for r in runs)
            errors = sum(r["errors"] for r in runs)
            print(
                f"{label[:46]:<46} {mode:<8} {rps:>7.0f} "
                f"{statistics.median(r['p50'] for r in runs):>7.1f} "
                f"{statistics.median(r['p99'] for r in runs):>7.1f} "
                f"{queries[(mode, path)]:>7} {rps / bare:>6.2f}"
                + (f"  ({errors} non-2xx/3xx!)" if errors else "")
            )
    report_spike(spiked)
    cold_renders(pages[2:3] + pages[4:6])
    growth()
    admin_index()
    print(f"\nmake bench took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
