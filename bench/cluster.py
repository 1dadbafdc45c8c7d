"""`make cluster`: the site on two app servers behind the deploy kit's nginx, as a clinic
runs it on several machines.

Starts, on loopback and owned by this script alone: a PostgreSQL cluster, a Redis, an S3
API server (moto's) with a bucket, a real SMTP server (bench/smtp_sink.py), and two "app
servers", A and B, each with its own MEDIA_ROOT, its own gunicorn (as deploy/systemd's
clinic-web.service starts it) and its own email worker (clinic-worker.service). In front,
nginx with deploy/nginx/clinic.conf, both servers as its upstream. Then:

1. shared media: a PT signs in to the admin through nginx (password and authenticator
   code, in Chromium) and uploads a photo to an exercise; the exercise page is fetched 20
   times through nginx (so from both servers), and the photo at the address each page
   gives, every time;
2. a restart under load: CLUSTER_SUBMISSIONS patients (default 90), 8 at a time, send
   questions, booking requests and exercise logs through nginx, while server A and then
   server B are restarted as systemd restarts them (SIGTERM, then start), and server B
   hangs for 4 s with requests waiting on it and is then killed (SIGKILL) and started
   again; no patient may see an error page, and every form thanked is saved once;
3. both email workers drain the outbox: every email delivered, none twice;
4. the daily jobs (deploy/systemd/clinic-job@.timer) start on both servers at the same
   moment: each runs once, and the retention purge erases and audits each old program once.

Prints a table like `make faults` and exits 1 when a check fails. Not part of `make
test`. Never touches the shared PostgreSQL (5432) or Redis (6379). Needs root (to run
PostgreSQL as the postgres user) or a user who may run initdb.
"""

import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.faults import (  # noqa: E402 (after the path is set)
    CONCURRENCY,
    KINDS,
    PROGRAMS,
    PYTHON,
    Postgres,
    Process,
    Tally,
    free_port,
    p,
    pain_of,
    patient,
    wait_for_port,
)
from scripts.observatory import make_certificates  # noqa: E402
from tests.servers import kit_nginx_config, start_nginx  # noqa: E402

BIN = Path(PYTHON).parent
HOST = "127.0.0.1"
SUBMISSIONS = int(os.environ.get("CLUSTER_SUBMISSIONS", "90"))
FETCHES = 20
BUCKET = "clinic-media"
DAILY_JOBS = ["purge_personal_data", "clearsessions", "notify_flagged_programs"]
OLD_PROGRAMS = 3
DRAIN_SECONDS = 300
MACHINE_VARIABLES = {"PATH", "HOME", "LANG", "TMPDIR", "USER", "CHROMIUM_PATH", "PG_BIN"}
# (seconds after the load starts, what happens to which server): a restart as systemd
# does it, then a server that hangs with requests waiting on it and is killed (as a
# watchdog or the OOM killer would) and started again.
PLAN = [(6, "restart", "A"), (14, "hang", "B"), (18, "kill and start", "B"), (26, "restart", "A")]

STAFF = """
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
from portal.roles import PHYSICAL_THERAPISTS
user = User.objects.create_user("cluster-pt", password="cluster-pt-password-1",
                                first_name="Maya", last_name="Okafor", is_staff=True)
user.groups.add(Group.objects.get(name=PHYSICAL_THERAPISTS))
print(TOTPDevice.objects.create(user=user, name="default", confirmed=True).key)
"""

OLD = """
import datetime
from programs.models import Program
today = datetime.date.today()
for n in range({count}):
    Program.objects.create(label=f"Old {{n}}", start_date=today - datetime.timedelta(days=900),
                           end_date=today - datetime.timedelta(days=800))
"""


def log_file(path):
    return open(path, "ab")


class AppServer:
    """One app server: its gunicorn (as clinic-web.service) and its email worker."""

    def __init__(self, name, env, logs):
        self.name, self.port = name, free_port()
        self.env = {**env, "MEDIA_ROOT": str(Path(env["WORKDIR"]) / name / "media")}
        self.logs = logs
        self.web = Process(
            [str(BIN / "gunicorn"), "config.wsgi", "--workers", "2",
             "--bind", f"{HOST}:{self.port}", "--log-level", "warning"],
            log_file(logs / f"gunicorn-{name}.log"), self.env)  # fmt: skip
        self.worker = Process(
            [PYTHON, "manage.py", "send_outbox", "--loop", "--interval", "1"],
            log_file(logs / f"worker-{name}.log"), self.env)  # fmt: skip

    def start(self):
        self.web.start()
        self.worker.start()
        wait_for_port(self.port)

    def restart(self):
        """As `systemctl restart clinic-web`: SIGTERM (gunicorn finishes what it took),
        wait for it to end, start it again."""
        self.web.process.send_signal(signal.SIGTERM)
        self.web.process.wait(60)
        self.web.start()
        wait_for_port(self.port)

    def processes(self):
        master = self.web.process.pid
        children = subprocess.run(  # noqa: S603
            [shutil.which("pgrep"), "-P", str(master)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        return [master, *map(int, children)]

    def hang(self):
        for pid in self.processes():
            os.kill(pid, signal.SIGSTOP)

    def kill_and_start(self):
        """As systemd's watchdog or the OOM killer: SIGKILL to every process of the
        server, whatever it was doing, then start it again."""
        for pid in self.processes():
            os.kill(pid, signal.SIGKILL)
        self.web.process.wait(10)
        self.web.start()
        wait_for_port(self.port)

    def manage(self, *args, **kwargs):
        return subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, text=True,
            capture_output=True, **kwargs)  # fmt: skip

    def stop(self):
        self.worker.stop()
        self.web.stop()


def totp_now(key_hex):
    from django_otp.oath import totp  # needs no settings

    return f"{totp(bytes.fromhex(key_hex)):06d}"


def upload_through_the_admin(base, key_hex, exercise_id, photo, screenshot):
    """A PT in Chromium: sign in (password, then the authenticator's code), open the
    exercise in the admin, choose a photo, describe it, save."""
    from playwright.sync_api import sync_playwright

    from scripts.screenshots import chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), args=["--ignore-certificate-errors"]
        )
        page = browser.new_page()
        page.set_default_timeout(15_000)
        try:
            page.goto(f"{base}/admin/login/?next=/admin/")
            page.fill("#id_auth-username", "cluster-pt")
            page.fill("#id_auth-password", "cluster-pt-password-1")
            page.get_by_role("button", name="Next").click()
            page.fill("#id_token-otp_token", totp_now(key_hex))
            with page.expect_navigation():
                page.get_by_role("button", name="Next").click()
            page.goto(f"{base}/admin/exercises/exercise/{exercise_id}/change/")
            page.set_input_files("#id_thumbnail", str(photo))
            page.fill("#id_thumbnail_alt", "A person on one leg on a step, one hip lifted.")
            with page.expect_navigation():
                page.locator("input[name=_continue]").first.click()
            page.screenshot(path=screenshot, full_page=True)
            return page.locator(".messagelist .success").count() > 0
        except Exception as error:
            page.screenshot(path=screenshot, full_page=True)
            print(f"  the upload failed ({error}); what the PT saw: {screenshot}")
            return False
        finally:
            browser.close()


def fetch(url, context, **headers):
    request = urllib.request.Request(url, headers={"Host": HOST, **headers})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15, context=context) as response:  # noqa: S310
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers
    except OSError:
        return None, b"", {}


def photo_file(folder):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (226, 236, 240))
    ImageDraw.Draw(image).ellipse((400, 150, 800, 650), fill=(40, 90, 120))
    path = Path(folder) / "hip-hike-photo.jpg"
    image.save(path, quality=85)
    return path


def main():
    workdir = tempfile.mkdtemp(prefix="cluster-")
    os.chmod(workdir, 0o755)  # noqa: S103 (the postgres user must reach its data directory)
    logs = Path(workdir) / "logs"
    logs.mkdir()
    pg = Postgres(workdir)
    redis_port, smtp_port, s3_port = free_port(), free_port(), free_port()
    mailbox = Path(workdir) / "mailbox.txt"
    mailbox.touch()
    ca_cert, key, cert = make_certificates(Path(workdir))
    tls = ssl.create_default_context(cafile=str(ca_cert))
    s3 = f"http://{HOST}:{s3_port}"

    def log(name):
        return log_file(logs / f"{name}.log")

    redis = Process(
        ["redis-server", "--port", str(redis_port), "--bind", HOST, "--save", "",
         "--appendonly", "no"], log("redis"))  # fmt: skip
    smtp = Process([PYTHON, "bench/smtp_sink.py", str(smtp_port), str(mailbox)], log("smtp"))
    moto = Process([str(BIN / "moto_server"), "-H", HOST, "-p", str(s3_port)], log("s3"))
    nginx_folder = Path(workdir) / "nginx"
    nginx_folder.mkdir()
    env = {
        # Only the machine's own variables: never the operator's site settings (ENV_FILE,
        # ADMIN_URL, AWS_*, …), which would point the run at their services.
        **{k: v for k, v in os.environ.items() if k in MACHINE_VARIABLES or k.startswith("LC_")},
        "WORKDIR": workdir,
        "SECRET_KEY": "cluster-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": pg.url,
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "EMAIL_URL": f"smtp://{HOST}:{smtp_port}",
        "TRUSTED_PROXIES": HOST,
        "LOG_LEVEL": "WARNING",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "cluster",
        "AWS_SECRET_ACCESS_KEY": "cluster-secret",
        "AWS_DEFAULT_ACL": "public-read",
    }
    servers = {name: AppServer(name, env, logs) for name in ("A", "B")}
    config, https = kit_nginx_config(
        nginx_folder, [s.port for s in servers.values()], cert=cert, key=key,
        static_root=ROOT / "staticfiles",
    )  # fmt: skip
    base = f"https://{HOST}:{https}"
    for server in servers.values():
        server.env.update(SITE_URL=base, CSRF_TRUSTED_ORIGINS=base)
    a = servers["A"]
    started, nginx = [], None
    stop_plan = threading.Event()  # set: the restart plan stops (the run is over, or failed)
    rows, ok = [], True

    def check(name, value, good):
        nonlocal ok
        ok = ok and good
        rows.append((name, value, "ok" if good else "FAILED"))

    try:
        print(f"Services in {workdir}")
        pg.start()
        for service in (redis, smtp, moto):
            service.start()
            started.append(service)
        for port in (redis_port, smtp_port, s3_port):
            wait_for_port(port)
        boto3.client(
            "s3", endpoint_url=s3, region_name="us-east-1",
            aws_access_key_id="cluster", aws_secret_access_key="cluster-secret",  # noqa: S106
        ).create_bucket(Bucket=BUCKET)  # fmt: skip
        a.manage("migrate", "--noinput", "-v0")
        a.manage("collectstatic", "--noinput", "-v0")
        a.manage("seed_demo", "--users")
        key_hex = a.manage("shell", "-c", STAFF).stdout.split()[-1]
        a.manage("shell", "-c", OLD.format(count=OLD_PROGRAMS))
        program_links = [
            line
            for line in a.manage(
                "shell", "-c", PROGRAMS.format(count=SUBMISSIONS // len(KINDS) + 1)
            ).stdout.split()
            if line.startswith("/my-program/")
        ]
        exercise_id = a.manage(
            "shell", "-c",
            "from exercises.models import Exercise; print(Exercise.objects.get(slug='hip-hike').pk)",
        ).stdout.split()[-1]  # fmt: skip
        with psycopg.connect(pg.url, autocommit=True) as conn:
            conn.execute("DELETE FROM core_outboundemail")
        for server in servers.values():
            server.start()
            started.append(server)
        nginx = start_nginx(shutil.which("nginx") or "/usr/sbin/nginx", config)
        print(f"Two app servers (A :{a.port}, B :{servers['B'].port}) behind nginx at {base}")

        # 1. Shared media.
        saved = upload_through_the_admin(
            base, key_hex, exercise_id, photo_file(workdir), logs / "upload.png"
        )
        check("photo uploaded through the admin (2FA sign-in)", "saved" if saved else "not saved",
              saved)  # fmt: skip
        pages, images, image_addresses = Counter(), Counter(), set()
        for _ in range(FETCHES):
            status, body, _headers = fetch(f"{base}/exercises/hip-hike/", tls)
            pages[status] += 1
            marker = b'<meta property="og:image" content="'
            if marker in body:
                address = body.split(marker, 1)[1].split(b'"', 1)[0].decode()
                image_addresses.add(address)
                images[fetch(address, tls)[0]] += 1
            else:
                images["no image on the page"] += 1
        stylesheets = Counter()
        for address in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', body):
            status, _css, headers = fetch(f"{base}{address.decode()}", tls)
            stylesheets[f"{status} {headers.get('Content-Type', '').split(';')[0]}"] += 1
        check("its stylesheets (nginx's /static/, the brand's)", dict(stylesheets),
              set(stylesheets) == {"200 text/css"})  # fmt: skip
        status, gzipped, headers = fetch(f"{base}/exercises/hip-hike/", tls, **{
            "Accept-Encoding": "gzip"})  # fmt: skip
        check("the page's HTML gzipped by nginx",
              f"{headers.get('Content-Encoding')}: {len(gzipped) // 1024} KB of "
              f"{len(body) // 1024} KB", headers.get("Content-Encoding") == "gzip")  # fmt: skip
        check(f"exercise page through nginx, {FETCHES} times", dict(pages),
              pages == {200: FETCHES})  # fmt: skip
        check(f"its photo, at the address each page gives, {FETCHES} times", dict(images),
              images == {200: FETCHES})  # fmt: skip
        in_bucket = all(address.startswith(f"{s3}/{BUCKET}/") for address in image_addresses)
        check("the photo's address", ", ".join(sorted(image_addresses)) or "none",
              in_bucket and len(image_addresses) == 1)  # fmt: skip
        for server in servers.values():
            media = Path(server.env["MEDIA_ROOT"])
            stored = sum(1 for f in media.rglob("*") if f.is_file()) if media.exists() else 0
            check(f"files in server {server.name}'s own MEDIA_ROOT", stored, stored == 0)

        # 2. Restarts under load.
        tally = Tally(time.monotonic())
        plan_done, plan_failed = [], []

        def restart_plan():
            try:
                for at, what, name in PLAN:
                    delay = tally.started + at - time.monotonic()
                    if delay > 0 and stop_plan.wait(delay):
                        return
                    begun = time.monotonic()
                    getattr(servers[name], what.replace(" ", "_"))()
                    plan_done.append((begun - tally.started, what, name))
                    print(f"  {begun - tally.started:5.1f} s  {what} server {name} "
                          f"({time.monotonic() - begun:.1f} s)", flush=True)  # fmt: skip
            except BaseException as error:  # wait_for_port exits with SystemExit
                plan_failed.append(repr(error))

        restarts = threading.Thread(target=restart_plan)
        restarts.start()
        print(f"{SUBMISSIONS} patients, {CONCURRENCY} at a time, through nginx; meanwhile:")
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            outcomes = list(
                pool.map(lambda n: patient(base, n, tally, tls, program_links), range(SUBMISSIONS))
            )
        load_seconds = time.monotonic() - tally.started
        restarts.join()
        check("restarts and kills done (of the plan)",
              f"{len(plan_done)} of {len(PLAN)}{'; ' + plan_failed[0] if plan_failed else ''}",
              len(plan_done) == len(PLAN) and not plan_failed)  # fmt: skip
        check("the last of them while patients were still sending",
              f"at {plan_done[-1][0]:.0f} s of {load_seconds:.0f} s" if plan_done else "none",
              bool(plan_done) and plan_done[-1][0] < load_seconds)  # fmt: skip
        thanked = [(kind, email) for kind, email, good in outcomes if good]
        check("submissions thanked", f"{len(thanked)} of {len(outcomes)}",
              len(thanked) == len(outcomes))  # fmt: skip
        check("error pages seen by patients (5xx, nginx's 502 included)",
              len(tally.server_errors), not tally.server_errors)  # fmt: skip
        check("connection errors", len(tally.connection_errors), not tally.connection_errors)
        check("forms shown again (status: count)", dict(tally.forms_again) or 0, True)

        # 3. Both email workers.
        drain_started = time.monotonic()
        with psycopg.connect(pg.url, autocommit=True) as conn:
            while time.monotonic() - drain_started < DRAIN_SECONDS:
                waiting = conn.execute(
                    "SELECT count(*) FROM core_outboundemail WHERE status IN ('queued', 'sending')"
                ).fetchone()[0]
                if not waiting:
                    break
                time.sleep(1)
            rows_of = {
                "ask": "SELECT email FROM education_question WHERE email LIKE 'faults-%%'",
                "book": "SELECT email FROM clinic_appointmentrequest WHERE email LIKE 'faults-%%'",
            }
            saved_rows = {
                kind: Counter(e for (e,) in conn.execute(sql)) for kind, sql in rows_of.items()
            }
            saved_rows["log"] = Counter(
                comment for (comment, pain, number) in conn.execute(
                    "SELECT comment, pain, split_part(split_part(comment, '-', 2), '@', 1)::int "
                    "FROM programs_exerciselog WHERE comment LIKE 'faults-%%'")
                if pain == pain_of(number)
            )  # fmt: skip
            message_ids = {m for (m,) in conn.execute("SELECT message_id FROM core_outboundemail")}
            queued = dict(
                conn.execute("SELECT status, count(*) FROM core_outboundemail GROUP BY status")
            )
        lost = [email for kind, email in thanked if not saved_rows[kind][email]]
        doubled = sum(n - 1 for rows_ in saved_rows.values() for n in rows_.values() if n > 1)
        check("lost (thanked, not saved)", len(lost), not lost)
        check("saved twice", doubled, not doubled)
        # At least a confirmation per question and two per booking (the patient's and the
        # front desk's); the PTs' new-question notices too.
        at_least = len(saved_rows["ask"]) + 2 * len(saved_rows["book"])
        deliveries = Counter(
            line.split("\t")[0] for line in mailbox.read_text().splitlines() if line.strip()
        )
        delivered = len(set(deliveries) & message_ids)
        twice = sum(n - 1 for n in deliveries.values() if n > 1)
        check("emails queued (by status)", queued, set(queued) <= {"sent"})
        check("emails delivered by the two workers", f"{delivered} of {len(message_ids)} queued",
              delivered == len(message_ids) >= at_least)  # fmt: skip
        check("emails delivered twice", twice, not twice)
        posts = tally.post_seconds
        rows.append(("POST p50 / p99 / max",
                     f"{p(posts, 0.5) * 1000:.0f} / {p(posts, 0.99) * 1000:.0f} / "
                     f"{max(posts or [0]) * 1000:.0f} ms", ""))  # fmt: skip

        # 4. The daily jobs, started on both servers at the same moment.
        for job in DAILY_JOBS:
            runs = [
                subprocess.Popen(  # noqa: S603
                    [PYTHON, "manage.py", "run_once_a_day", job],
                    cwd=ROOT,
                    env=server.env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                for server in servers.values()
            ]
            outputs = [run.communicate(timeout=120)[0] for run in runs]
            failed = [run.returncode for run in runs if run.returncode]
            skipped = sum("already run" in output for output in outputs)
            check(f"daily job {job} on both servers at once",
                  f"ran {len(runs) - skipped - len(failed)}, skipped {skipped}, "
                  f"failed {len(failed)}", not failed and skipped == 1)  # fmt: skip
        with psycopg.connect(pg.url, autocommit=True) as conn:
            erased = conn.execute(
                "SELECT count(*) FROM core_accessrecord WHERE action = 'erase' "
                "AND detail = 'retention period over'"
            ).fetchone()[0]
            left = conn.execute(
                "SELECT count(*) FROM programs_program WHERE label LIKE 'Old %%'"
            ).fetchone()[0]
        check(f"old programs erased (of {OLD_PROGRAMS}), audit records of it",
              f"{OLD_PROGRAMS - left} erased, {erased} records",
              left == 0 and erased == OLD_PROGRAMS)  # fmt: skip
    finally:
        stop_plan.set()  # no restart after this, whatever happened
        done_services = [nginx] if nginx else []
        for process in done_services:
            process.send_signal(signal.SIGQUIT)
            process.wait(30)
        for service in reversed(started):
            service.stop()
        pg.stop()
        print(f"Logs in {logs}")

    print()
    print("| check | value | |\n|---|---|---|")
    for name, value, verdict in rows:
        print(f"| {name} | {value} | {verdict} |")
    print("\nOK: one site on two servers" if ok else "\nFAILED: see the table")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
