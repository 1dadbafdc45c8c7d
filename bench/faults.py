"""`make faults`: real patients' submissions while the services under the site fail.

Starts, on loopback and owned by this script alone, a PostgreSQL cluster (initdb,
pg_ctl), a Redis (no persistence), a real SMTP server (bench/smtp_sink.py, aiosmtpd),
gunicorn with 3 workers and the outbox worker (`send_outbox --loop`), all with
production settings. Then FAULTS_SUBMISSIONS patients (default 320), 8 at a time, each
open the ask or the booking form, or their own home exercise program (three of the
demo's exercises), take a few seconds to fill it in and press Send (or Done today); a
patient who gets an error page or no answer presses Send again on the same form, as
people do, up to ten times. Meanwhile the script restarts PostgreSQL, kills Redis,
freezes it, hangs the mail server, kills it, and kills a web worker (FAULT_PLAN).

When the load and the faults are over it waits for the outbox to drain (failed sends
are retried with backoff: 1, then 2 minutes) and prints:

- sent: forms submitted; thanked: forms answered with the thank-you page;
- saved: rows in the database; lost: thanked but not saved (must be 0);
  duplicate rows: one form saved twice (must be 0); a log is thanked by the program
  page's "Saved" and saved when its row holds the pain and the comment sent;
- emails expected (one per question, two per booking), queued, delivered (distinct
  Message-IDs at the SMTP server) and duplicates (the same Message-ID delivered twice);
- 5xx responses and connection errors seen by patients, with when they happened (the
  503 pages the site gives while the database restarts, "Not sent yet: press Send
  again" with the form kept and "Please try again in a moment" for a form that could not
  be shown, are counted with the forms shown again, not as errors);
- POST latency p50 / p99 / max.

Never touches the shared PostgreSQL (5432) or Redis (6379). Needs root (to run
PostgreSQL as the postgres user) or a user who may run initdb.
"""

import contextlib
import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.observatory import make_certificates  # noqa: E402 (after the path is set)

PYTHON = sys.executable
BIN = Path(PYTHON).parent
HOST = "127.0.0.1"
SUBMISSIONS = int(os.environ.get("FAULTS_SUBMISSIONS", "320"))
CONCURRENCY = 8
FILL_IN_SECONDS = 3.3  # the forms refuse a submission faster than 3 s
TRIES = 10
DRAIN_SECONDS = 420
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))

# (seconds after the load starts, what happens)
FAULT_PLAN = [
    (8, "restart PostgreSQL"),
    (20, "kill Redis"),
    (30, "start Redis"),
    (38, "freeze Redis"),
    (48, "thaw Redis"),
    (56, "hang the mail server"),
    (71, "resume the mail server"),
    (78, "kill the mail server"),
    (90, "start the mail server"),
    (96, "kill a web worker"),
    (104, "restart PostgreSQL"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return
        time.sleep(0.1)
    sys.exit(f"nothing answered on port {port}")


# --- The services, each our own ----------------------------------------------------


class Postgres:
    def __init__(self, workdir):
        self.port = free_port()
        self.data = Path(workdir) / "pg"
        self.data.mkdir()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(workdir, "postgres")
            shutil.chown(self.data, "postgres")
        self.url = f"postgres://postgres@{HOST}:{self.port}/faults"

    def _pg(self, *args):
        subprocess.run([*self.as_postgres, *args], check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    def start(self):
        self._pg(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        options = f"-p {self.port} -c listen_addresses={HOST} -k {self.data}"
        self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
                 str(self.data / "log"), "start")  # fmt: skip
        with psycopg.connect(self.url.replace("/faults", "/postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE faults")

    def restart(self):
        self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "restart")

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")


class Process:
    """A service we start, kill, freeze and start again."""

    def __init__(self, args, log, env=None):
        self.args, self.log, self.env, self.process = args, log, env, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            self.args, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def kill(self):
        self.process.kill()
        self.process.wait()

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.thaw()
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


# --- The patients --------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Tally:
    def __init__(self, started):
        self.started = started
        self.lock = threading.Lock()
        self.server_errors = []  # (seconds into the run, status, method)
        self.connection_errors = []
        self.post_seconds = []
        self.forms_again = Counter()

    def add(self, kind, item):
        with self.lock:
            getattr(self, kind).append(item)


FIELD = re.compile(r'name="(csrfmiddlewaretoken|started)"[^>]*value="([^"]*)"')
LOG_ACTION = re.compile(r'action="(/my-program/[^/"]+/done/\d+/)(?:#[^"]*)?"')
KINDS = ("ask", "book", "log")


def pain_of(number):
    """The pain a log patient sends: never 7 or more, so no log raises a flag (an email)."""
    return number % 7


def patient(base, number, tally, tls, program_links):
    """One patient: open the form, fill it in, send, send again after an error page.

    Returns (kind, email, thanked); a log patient's "email" is the comment they send."""
    kind = KINDS[number % len(KINDS)]
    email = f"faults-{number}@example.com"
    page_path = program_links[number // len(KINDS)] if kind == "log" else f"/{kind}/"
    post_path = page_path
    address = f"10.{number // 250 % 250}.{number % 250}.{random.randint(1, 250)}"  # noqa: S311
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        urllib.request.HTTPSHandler(context=tls),
        NoRedirect,
    )

    def request(method, data=None):
        req = urllib.request.Request(  # noqa: S310 (our own loopback server)
            f"{base}{page_path if method == 'GET' else post_path}",
            data=urllib.parse.urlencode(data, doseq=True).encode() if data else None,
            headers={"X-Forwarded-For": address, "Referer": f"{base}{page_path}"},
            method=method,
        )
        begun = time.monotonic()
        try:
            with opener.open(req, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            page = error.read().decode(errors="replace")
            if error.code == 503 and "Nothing was saved yet" in page:
                # The database was away: the form came back as sent, to press Send again.
                tally.forms_again["503 form kept"] += 1
            elif error.code == 503 and "Please try again in a moment" in page:
                # The form could not be shown while the database restarted: open it again.
                tally.forms_again["503 try again"] += 1
            elif error.code >= 500:
                tally.add("server_errors", (round(begun - tally.started, 1), error.code, method))
            return error.code, page, error.headers
        except OSError as error:
            tally.add("connection_errors", (round(begun - tally.started, 1), method, str(error)))
            return None, "", {}
        finally:
            if method == "POST":
                tally.add("post_seconds", time.monotonic() - begun)

    form = {}
    for _ in range(TRIES):
        status, page, _headers = request("GET")
        form = dict(FIELD.findall(page)) if status == 200 else {}
        if kind == "log" and "csrfmiddlewaretoken" in form:
            post_path = LOG_ACTION.search(page).group(1)
            break
        if "started" in form:
            break
        time.sleep(1)
    else:
        return kind, email, False
    time.sleep(FILL_IN_SECONDS)
    if kind == "log":
        data = {"pain": pain_of(number), "effort": "right", "comment": email}
    elif kind == "ask":
        data = {
            "name": "Fault",
            "email": email,
            "text": f"Question {number}: my knee aches on the stairs. What can I do about it?",
            "not_an_emergency": "on",
        }
    else:
        data = {
            "name": f"Fault Patient {number}",
            "email": email,
            "phone": f"(312) 555-{number:04d}",
            "reason": "Knee pain on the stairs.",
            "consent": "on",
        }
    data.update(form, website="")
    for _ in range(TRIES):
        status, page, headers = request("POST", data)
        if status == 302 and "/thanks/" in headers.get("Location", ""):
            return kind, email, True
        if status == 302 and "?logged=" in headers.get("Location", ""):
            return kind, email, True
        if status is not None and status < 500:  # the form again, or a refusal: read, resend
            # (a 503 "not sent yet" page holds the same fields as sent: send them again)
            tally.forms_again[status] += 1
            data.update(FIELD.findall(page))
        time.sleep(1)
    return kind, email, False


# --- The run -------------------------------------------------------------------------


def run_faults(plan, services, tally, done):
    pg, redis, smtp, web = services
    actions = {
        "restart PostgreSQL": pg.restart,
        "kill Redis": redis.kill,
        "start Redis": redis.start,
        "freeze Redis": redis.freeze,
        "thaw Redis": redis.thaw,
        "hang the mail server": smtp.freeze,
        "resume the mail server": smtp.thaw,
        "kill the mail server": smtp.kill,
        "start the mail server": smtp.start,
        "kill a web worker": lambda: kill_a_worker(web.process.pid),
    }
    for at, what in plan:
        delay = tally.started + at - time.monotonic()
        if delay > 0 and done.wait(delay):
            return
        print(f"  {time.monotonic() - tally.started:6.1f} s  {what}", flush=True)
        actions[what]()


def kill_a_worker(master_pid):
    children = subprocess.run(  # noqa: S603
        [shutil.which("pgrep"), "-P", str(master_pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    if children:
        os.kill(int(random.choice(children)), signal.SIGKILL)  # noqa: S311


PROGRAMS = """
from exercises.models import Exercise
from programs.models import Program, ProgramExercise
exercises = list(Exercise.objects.published()[:3])
for n in range({count}):
    program = Program.objects.create(label=f"Faults {{n}}")
    for order, exercise in enumerate(exercises):
        ProgramExercise.objects.create(program=program, exercise=exercise, order=order)
    print(program.patient_url())
"""


def p(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else 0


def main():
    workdir = tempfile.mkdtemp(prefix="faults-")
    os.chmod(workdir, 0o755)  # noqa: S103 (the postgres user must reach its data directory)
    logs = Path(workdir) / "logs"
    logs.mkdir()
    pg = Postgres(workdir)
    redis_port, smtp_port, web_port = free_port(), free_port(), free_port()
    mailbox = Path(workdir) / "mailbox.txt"
    mailbox.touch()
    # Served over TLS like production: the session and CSRF cookies are Secure.
    ca_cert, key, cert = make_certificates(Path(workdir))
    tls = ssl.create_default_context(cafile=str(ca_cert))

    def log(name):
        return open(logs / f"{name}.log", "ab")

    redis = Process(
        ["redis-server", "--port", str(redis_port), "--bind", HOST, "--save", "",
         "--appendonly", "no"], log("redis"))  # fmt: skip
    smtp = Process([PYTHON, "bench/smtp_sink.py", str(smtp_port), str(mailbox)], log("smtp"))
    env = {
        **os.environ,
        "SECRET_KEY": "faults-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": pg.url,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "EMAIL_URL": f"smtp://{HOST}:{smtp_port}",
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "TRUSTED_PROXIES": HOST,
        "LOG_LEVEL": "WARNING",
    }
    web = Process(
        [str(BIN / "gunicorn"), "config.wsgi", "--workers=3", f"--bind={HOST}:{web_port}",
         "--timeout=30", "--log-level=warning", "--certfile", str(cert), "--keyfile", str(key)],
        log("gunicorn"), env)  # fmt: skip
    worker = Process(
        [PYTHON, "manage.py", "send_outbox", "--loop", "--interval", "1"], log("send_outbox"), env
    )
    started_services = []
    done = threading.Event()  # set: the fault plan stops (the load is over, or failed)
    try:
        print(f"Services in {workdir}")
        pg.start()
        for service in (redis, smtp):
            service.start()
            started_services.append(service)
        wait_for_port(redis_port)
        wait_for_port(smtp_port)
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"],
                        ["seed_demo"]):  # fmt: skip
            subprocess.run(  # noqa: S603
                [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True,
                stdout=subprocess.DEVNULL)  # fmt: skip
        with psycopg.connect(pg.url, autocommit=True) as conn:
            conn.execute("DELETE FROM core_outboundemail")
        # A program of three exercises for each patient who logs.
        programs = PROGRAMS.format(count=SUBMISSIONS // len(KINDS) + 1)
        program_links = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "shell", "-c", programs],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        program_links = [line for line in program_links if line.startswith("/my-program/")]
        for service in (web, worker):
            service.start()
            started_services.append(service)
        wait_for_port(web_port)

        base = f"https://{HOST}:{web_port}"
        print(f"{SUBMISSIONS} patients, {CONCURRENCY} at a time, against {base}; faults:")
        tally = Tally(time.monotonic())
        faults = threading.Thread(
            target=run_faults, args=(FAULT_PLAN, (pg, redis, smtp, web), tally, done)
        )
        faults.start()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            outcomes = list(
                pool.map(lambda n: patient(base, n, tally, tls, program_links), range(SUBMISSIONS))
            )
        load_seconds = time.monotonic() - tally.started
        faults.join()  # every fault has ended (the last one restores its service)
        done.set()

        print(f"Load over after {load_seconds:.0f} s; waiting for the outbox to drain")
        drain_started = time.monotonic()
        with psycopg.connect(pg.url, autocommit=True) as conn:
            while time.monotonic() - drain_started < DRAIN_SECONDS:
                waiting = conn.execute(
                    "SELECT count(*) FROM core_outboundemail WHERE status IN ('queued', 'sending')"
                ).fetchone()[0]
                if not waiting:
                    break
                time.sleep(2)
            drained = time.monotonic() - drain_started
            questions = Counter(
                email for (email,) in conn.execute(
                    "SELECT email FROM education_question WHERE email LIKE 'faults-%%'")
            )  # fmt: skip
            bookings = Counter(
                email for (email,) in conn.execute(
                    "SELECT email FROM clinic_appointmentrequest WHERE email LIKE 'faults-%%'")
            )  # fmt: skip
            exercise_logs = Counter(
                comment for (comment, pain, number) in conn.execute(
                    "SELECT comment, pain, split_part(split_part(comment, '-', 2), '@', 1)::int "
                    "FROM programs_exerciselog WHERE comment LIKE 'faults-%%'")
                if pain == pain_of(number)
            )  # fmt: skip
            queued = dict(
                conn.execute("SELECT status, count(*) FROM core_outboundemail GROUP BY status")
            )
            message_ids = {
                mid for (mid,) in conn.execute("SELECT message_id FROM core_outboundemail")
            }
        report(
            outcomes, questions, bookings, exercise_logs, queued, message_ids, mailbox, tally,
            drained,
        )  # fmt: skip
    finally:
        done.set()
        for service in reversed(started_services):
            service.stop()
        pg.stop()
        print(f"Logs in {logs}")


def report(outcomes, questions, bookings, logs, queued, message_ids, mailbox, tally, drained):
    thanked = [(kind, email) for kind, email, ok in outcomes if ok]
    saved = {"ask": questions, "book": bookings, "log": logs}
    lost = [email for kind, email in thanked if not saved[kind][email]]
    duplicate_rows = sum(n - 1 for rows in saved.values() for n in rows.values() if n > 1)
    expected = len(questions) + 2 * len(bookings)
    deliveries = Counter(
        line.split("\t")[0] for line in mailbox.read_text().splitlines() if line.strip()
    )
    delivered = len(set(deliveries) & message_ids)
    duplicates = sum(n - 1 for n in deliveries.values() if n > 1)
    posts = tally.post_seconds
    rows = [
        ("submissions sent", len(outcomes)),
        ("thanked", len(thanked)),
        ("saved (questions + bookings + exercise logs)",
         f"{len(questions)} + {len(bookings)} + {len(logs)}"),
        ("lost (thanked, not saved)", len(lost)),
        ("duplicate rows", duplicate_rows),
        ("answers other than thanks or 5xx (status: count)", dict(tally.forms_again) or 0),
        ("emails expected", expected),
        ("emails queued (by status)", queued),
        ("emails delivered (distinct Message-IDs)", delivered),
        ("duplicate deliveries (same Message-ID)", duplicates),
        ("outbox drained after the load", f"{drained:.0f} s"),
        ("5xx responses other than our 503 pages", len(tally.server_errors)),
        ("connection errors", len(tally.connection_errors)),
        ("POST p50 / p99 / max", f"{statistics.median(posts or [0]) * 1000:.0f} / "
         f"{p(posts, 0.99) * 1000:.0f} / {max(posts or [0]) * 1000:.0f} ms"),
    ]  # fmt: skip
    print()
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    for label, items in (
        ("5xx", tally.server_errors),
        ("connection errors", tally.connection_errors),
    ):
        if items:
            print(f"{label} at (seconds into the run): {sorted({i[0] for i in items})}")
    ok = (
        len(thanked) == len(outcomes)
        and not lost
        and not duplicate_rows
        and delivered == expected
        and not duplicates
        and not tally.server_errors
    )
    print("\nOK: nothing lost, nothing doubled" if ok else "\nFAILED: see the table")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
